/**
 * What goes wrong with a package, in Anki's words where Anki has some (ftl `importing.ftl`,
 * `errors.ftl`): clients that show the message show what Anki would.
 */
import { AnkiConnectError } from '../errors.js';

/** Anki's `ImportError::Corrupt`. */
export const CORRUPT_MESSAGE = 'The provided file is not a valid .apkg file.';
/** Anki's `ImportError::TooNew` (a `meta` version it does not know). */
export const TOO_NEW_MESSAGE = 'This collection requires a newer version of Anki to open.';

/** A package that cannot be read. The message is the reply's error text. */
export class PackageError extends AnkiConnectError {}

/** Anki's "not a valid .apkg" error, with what exactly was wrong after it. */
export function corruptPackage(detail?: string): PackageError {
  return new PackageError(detail === undefined ? CORRUPT_MESSAGE : `${CORRUPT_MESSAGE} (${detail})`);
}
