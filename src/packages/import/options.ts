/**
 * Import options (Anki's ImportAnkiPackageOptions) and the config keys Anki records them under:
 * every package import stores the options it ran with, which become the defaults of Anki's
 * import dialog.
 */
import type { Collection } from '../../collection/collection.js';

/** When a note or note type already in the collection is replaced by the package's. */
export type UpdateCondition = 'IfNewer' | 'Always' | 'Never';

export interface ImportOptions {
  /** Fold changed note types into the existing ones instead of importing them as new ones. */
  mergeNotetypes: boolean;
  /** Keep the package's scheduling and review history (false is not supported yet). */
  withScheduling: boolean;
  /** Import the package's option presets. */
  withDeckConfigs: boolean;
  updateNotes: UpdateCondition;
  updateNotetypes: UpdateCondition;
}

/**
 * What Anki-Connect's importPackage asks for: its AnkiPackageImporter is, in Anki 23.10 and
 * newer, a shim that calls Anki's importer with merging, scheduling and presets on, and the
 * update conditions left at their default, "if newer".
 */
export const ANKI_CONNECT_IMPORT_OPTIONS: Readonly<ImportOptions> = {
  mergeNotetypes: true,
  withScheduling: true,
  withDeckConfigs: true,
  updateNotes: 'IfNewer',
  updateNotetypes: 'IfNewer',
};

/** Records the options in the config, as Anki does at the start of every package import. */
export function recordImportOptions(col: Collection, options: ImportOptions): void {
  col.config.set('mergeNotetypes', options.mergeNotetypes);
  col.config.set('withScheduling', options.withScheduling);
  col.config.set('withDeckConfigs', options.withDeckConfigs);
  col.config.set('updateNotes', options.updateNotes);
  col.config.set('updateNotetypes', options.updateNotetypes);
}

/** Anki's rule for replacing an existing object with an incoming one of the given mtimes. */
export function shouldUpdate(condition: UpdateCondition, existingMtime: number, incomingMtime: number): boolean {
  switch (condition) {
    case 'IfNewer':
      return existingMtime < incomingMtime;
    case 'Always':
      return existingMtime !== incomingMtime;
    case 'Never':
      return false;
  }
}
