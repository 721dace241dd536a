/**
 * The `media` entry: which zip entry holds which media file. Legacy packages map entry names to
 * file names in JSON (`{"0": "a.jpg"}`, any order, gaps allowed); the latest format lists
 * `MediaEntries` (protobuf, zstd-compressed) whose i-th item is zip entry `i`, with the file's
 * size and SHA-1. A package without a `media` entry has no media (older AnkiDroid wrote none).
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  MediaEntries_MediaEntrySchema,
  MediaEntriesSchema,
} from '../storage/proto/gen/anki_storage/import_export_pb.js';
import { corruptPackage } from './errors.js';
import { checkLatestMediaName, legacyMediaName } from './media-names.js';

/** One media file of a package, as its map describes it. */
export interface MediaMapEntry {
  /** The file name in the media folder (checked, and for legacy maps normalised). */
  readonly name: string;
  /** The zip entry holding the bytes: `"0"`, `"1"`, … */
  readonly zipName: string;
  /** Uncompressed size; latest format only (legacy maps do not say). */
  readonly size?: number;
  /** SHA-1 of the uncompressed bytes, 20 bytes; latest format only. */
  readonly sha1?: Uint8Array;
}

/** Rust's `usize::from_str`: ASCII digits, an optional leading `+`. */
function parseZipIndex(key: string): number | undefined {
  if (!/^\+?[0-9]+$/.test(key)) return undefined;
  const value = Number(key.replace(/^\+/, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads a legacy JSON map. */
export function parseLegacyMediaMap(bytes: Uint8Array): MediaMapEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw corruptPackage(`its media map is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corruptPackage('its media map is not a JSON object');
  const entries: MediaMapEntry[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const index = parseZipIndex(key);
    if (index === undefined) throw corruptPackage(`its media map has the key ${JSON.stringify(key)}, which is not an entry number`);
    if (typeof value !== 'string') throw corruptPackage(`its media map gives entry ${key} a name that is not a string`);
    // Anki looks the bytes up under the number it parsed, so "+1" and "01" both mean entry "1".
    entries.push({ name: legacyMediaName(value), zipName: String(index) });
  }
  return entries;
}

/** Reads a latest-format map (already zstd-decompressed). */
export function parseLatestMediaMap(bytes: Uint8Array): MediaMapEntry[] {
  let decoded;
  try {
    decoded = fromBinary(MediaEntriesSchema, bytes);
  } catch (err) {
    throw corruptPackage(`its media map does not decode: ${err instanceof Error ? err.message : String(err)}`);
  }
  return decoded.entries.map((entry, index) => {
    if (entry.sha1.length !== 20) throw corruptPackage(`media entry ${index} has no valid SHA-1`);
    return { name: checkLatestMediaName(entry.name), zipName: String(index), size: entry.size, sha1: entry.sha1 };
  });
}

/** A latest-format map of `files` (entry i is zip entry "i"), before zstd. */
export function encodeLatestMediaMap(files: readonly { name: string; size: number; sha1: Uint8Array }[]): Uint8Array {
  return toBinary(
    MediaEntriesSchema,
    create(MediaEntriesSchema, {
      entries: files.map((file) => create(MediaEntries_MediaEntrySchema, { name: file.name, size: file.size > 0xffffffff ? 0 : file.size, sha1: file.sha1 })),
    }),
  );
}

/** A legacy JSON map of `names` (entry i is zip entry "i"). */
export function encodeLegacyMediaMap(names: readonly string[]): Uint8Array {
  const map: Record<string, string> = {};
  names.forEach((name, index) => {
    map[String(index)] = name;
  });
  return Buffer.from(JSON.stringify(map), 'utf8');
}
