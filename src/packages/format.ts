/**
 * The three package formats (anki-format.md §3.1) and how a package says which it is: its `meta`
 * entry (protobuf `PackageMetadata`, field 1 the version), or without one, which collection file
 * it holds. Anki reads an unknown version, or 0, as a package from a newer Anki.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { PackageMetadata_Version, PackageMetadataSchema } from '../storage/proto/gen/anki_storage/import_export_pb.js';
import { corruptPackage, PackageError, TOO_NEW_MESSAGE } from './errors.js';

/**
 * - `legacy1`: `collection.anki2` (schema 11), JSON media map, media stored as they are
 *   (Anki 2.0 and Python-era 2.1 exports, genanki).
 * - `legacy2`: `collection.anki21` (schema 11) beside a dummy `collection.anki2`, JSON media map
 *   (Anki 2.1 with the v2 scheduler, and modern Anki's "support older versions" option).
 * - `latest`: zstd `collection.anki21b` (schema 18) beside the dummy, zstd protobuf media map, each
 *   media file zstd-compressed (Anki 2.1.50 and newer).
 */
export type PackageFormat = 'legacy1' | 'legacy2' | 'latest';

/** The entry holding the collection in each format. */
export const COLLECTION_ENTRY: Record<PackageFormat, string> = {
  legacy1: 'collection.anki2',
  legacy2: 'collection.anki21',
  latest: 'collection.anki21b',
};

const VERSION_OF: Record<PackageFormat, PackageMetadata_Version> = {
  legacy1: PackageMetadata_Version.LEGACY_1,
  legacy2: PackageMetadata_Version.LEGACY_2,
  latest: PackageMetadata_Version.LATEST,
};

/** True where the collection, each media file and the media map are zstd-compressed. */
export function isZstdFormat(format: PackageFormat): boolean {
  return format === 'latest';
}

/** The `meta` entry's bytes (`08 03` for latest, `08 02` for legacy 2). */
export function encodeMeta(format: PackageFormat): Uint8Array {
  return toBinary(PackageMetadataSchema, create(PackageMetadataSchema, { version: VERSION_OF[format] }));
}

/**
 * The format of a package from its `meta` bytes (undefined when it has no `meta` entry) and
 * whether it has a `collection.anki21` entry, as Anki decides it.
 */
export function detectFormat(meta: Uint8Array | undefined, hasAnki21: boolean): PackageFormat {
  if (meta === undefined) return hasAnki21 ? 'legacy2' : 'legacy1';
  let version: PackageMetadata_Version;
  try {
    version = fromBinary(PackageMetadataSchema, meta).version;
  } catch (err) {
    throw corruptPackage(`its meta entry does not decode: ${err instanceof Error ? err.message : String(err)}`);
  }
  switch (version) {
    case PackageMetadata_Version.LEGACY_1:
      return 'legacy1';
    case PackageMetadata_Version.LEGACY_2:
      return 'legacy2';
    case PackageMetadata_Version.LATEST:
      return 'latest';
    default:
      throw new PackageError(TOO_NEW_MESSAGE);
  }
}
