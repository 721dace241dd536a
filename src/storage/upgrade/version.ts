/**
 * Which collection files can be opened (rslib `storage/upgrades/mod.rs`, `storage/sqlite.rs`):
 * schema 18 as it is, 11 and 14 to 17 after an upgrade. Anything older is Anki's `FileTooOld`;
 * anything newer, and the abandoned experimental schemas 12 and 13, its `FileTooNew`.
 */

/** The oldest schema Anki (and this server) opens: the one Anki 2.0 and 2.1 wrote. */
export const SCHEMA_MIN_VERSION = 11;
/** The schema this server reads and writes. */
export const SCHEMA_MAX_VERSION = 18;

/** Anki's two refusals of a collection's schema version. */
export type VersionRefusal = 'FileTooOld' | 'FileTooNew';

/** A collection file whose schema version cannot be opened. */
export class CollectionVersionError extends Error {
  constructor(
    readonly kind: VersionRefusal,
    readonly version: number,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal for `version`, or undefined when it can be opened (possibly after an upgrade). */
export function versionRefusal(version: number): VersionRefusal | undefined {
  if (version < SCHEMA_MIN_VERSION) return 'FileTooOld';
  if (version > SCHEMA_MAX_VERSION || version === 12 || version === 13) return 'FileTooNew';
  return undefined;
}

/** Throws a {@link CollectionVersionError} with a message saying what to do, unless `version` can be opened. */
export function checkSchemaVersion(path: string, version: number): void {
  const refusal = versionRefusal(version);
  if (refusal === undefined) return;
  const supported = `this server opens schemas 11 and 14 to 18`;
  let message: string;
  if (refusal === 'FileTooOld') {
    message =
      `cannot open ${path}: the collection file is too old (schema version ${version}; ${supported}, ` +
      `as Anki does). It predates Anki 2.0; no current Anki opens it either (FileTooOld).`;
  } else if (version === 12 || version === 13) {
    message =
      `cannot open ${path}: the collection uses schema version ${version}, an experimental schema of Anki 2.1 test ` +
      `releases that Anki abandoned (FileTooNew; ${supported}). Open it in the Anki version that wrote it and ` +
      `close it normally, which returns it to schema 11, then try again.`;
  } else {
    message =
      `cannot open ${path}: the collection was written by a newer Anki (schema version ${version}; ${supported}) ` +
      `(FileTooNew). In that Anki, use "Downgrade & Quit" in the profile window (File > Switch Profile), then try again.`;
  }
  throw new CollectionVersionError(refusal, version, message);
}
