/**
 * The import errors a client sees, worded as Anki words them: Anki-Connect's importPackage lets
 * the importer's exception through, so its text is the reply's error.
 */
import { AnkiConnectError } from '../../errors.js';

/** A package that is not what its format says (Anki's ImportError::Corrupt). */
export function corruptPackage(): AnkiConnectError {
  return new AnkiConnectError('The provided file is not a valid .apkg file.');
}

/** A package from a newer Anki: unknown `meta` version (Anki's ImportError::TooNew). */
export function packageTooNew(): AnkiConnectError {
  return new AnkiConnectError('This collection requires a newer version of Anki to open.');
}

/** Importing into a collection still on the v1 scheduler (Anki's SchedulerUpgradeRequired). */
export function schedulerUpgradeRequired(): AnkiConnectError {
  return new AnkiConnectError('Your collection needs to be upgraded to the v3 scheduler.\nPlease select Learn More before proceeding.');
}

/** Merging a cloze note type with a standard one (Anki's NotetypeKindMergeConflict). */
export function notetypeKindMergeConflict(): AnkiConnectError {
  return new AnkiConnectError(
    "Cloze note types cannot be merged with regular note types.\nYou may still import the file with 'Merge note types' disabled.",
  );
}

/** A media file the map lists but the package lacks (Anki: "<index> missing from archive"). */
export function mediaMissing(entryName: string): AnkiConnectError {
  return new AnkiConnectError(`${entryName} missing from archive`);
}
