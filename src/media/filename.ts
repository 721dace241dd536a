/**
 * Media filenames as Anki (rslib `media/files.rs`) shapes them, plus the different, lighter
 * rule Anki-Connect's retrieveMediaFile applies before reading.
 */

import { isAssignedInUnicode10 } from './unicode10-assigned.js';

/** Anki's limit on a media filename, in UTF-8 bytes (rslib `MAX_MEDIA_FILENAME_LENGTH`). */
export const MAX_MEDIA_FILENAME_BYTES = 120;

// Anki keeps at most this many bytes of an extension when it has to shorten a name.
const MAX_EXTENSION_BYTES = 10;
// Length of "-" plus a 40-digit SHA-1 in hex.
const HASH_SUFFIX_BYTES = 41;

// Characters that are invalid in filenames on at least one platform Anki runs on.
const DISALLOWED_ASCII = new Set(Array.from('[]<>:"/?*^\\|', (c) => c.codePointAt(0)));
// Anki-Connect's `stripIllegal` set (pylib `MediaManager._illegalCharReg`): the same printable
// characters plus NUL, CR and LF, but no other control characters and no Unicode checks.
const RETRIEVE_ILLEGAL = /[\][><:"/?*^\\|\0\r\n]/g;
// `(?i)^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)` in rslib; only ASCII letters can match.
const WINDOWS_DEVICE_NAME = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)/i;
// Windows silently drops a trailing space or dot, so Anki protects them with `_`.
const WINDOWS_TRAILING_CHAR = /[ .]$/;
const SHA1_HEX = /^[0-9a-f]{40}$/i;

/** The UTF-8 length of `s` in bytes. */
function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest prefix of `s` that fits `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(s: string, maxBytes: number): string {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= maxBytes) return s;
  let end = Math.max(0, maxBytes);
  // Back up over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Splits at the last `.` into stem and extension (no dot: all stem) and shortens both so that
 * `stem + "." + ext` plus one spare byte for a `_` fits `maxBytes`.
 */
function splitAndTruncate(name: string, maxBytes: number): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  const rawStem = dot < 0 ? name : name.slice(0, dot);
  const rawExt = dot < 0 ? '' : name.slice(dot + 1);
  const ext = truncateUtf8(rawExt, MAX_EXTENSION_BYTES);
  // rslib reserves 2 bytes: the dot and a possible trailing `_`, even when there is no extension.
  const stem = truncateUtf8(rawStem, maxBytes - utf8Length(ext) - 2);
  return { stem, ext };
}

/** rslib `truncate_filename`: shorten names over `maxBytes`, keeping a short extension. */
function truncateFilename(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name;
  const { stem, ext } = splitAndTruncate(name, maxBytes);
  let out = ext === '' ? stem : `${stem}.${ext}`;
  if (WINDOWS_TRAILING_CHAR.test(out)) out += '_';
  return out;
}

/** True for code points Anki removes from media filenames. */
function isDisallowedCodePoint(cp: number): boolean {
  // ASCII control characters (Rust `char::is_ascii_control`: 0x00–0x1F and 0x7F).
  if (cp <= 0x1f || cp === 0x7f) return true;
  if (cp < 0x80) return DISALLOWED_ASCII.has(cp);
  // A lone surrogate cannot reach Anki at all (Rust strings are valid UTF-8; Python refuses to
  // encode it); we drop it rather than write U+FFFD into a filename.
  if (cp >= 0xd800 && cp <= 0xdfff) return true;
  return !isAssignedInUnicode10(cp);
}

function removeDisallowed(name: string): string {
  let out = '';
  for (const ch of name) {
    if (!isDisallowedCodePoint(ch.codePointAt(0) ?? 0)) out += ch;
  }
  return out;
}

/**
 * Anki's media filename normalisation (rslib `media/files.rs` `normalize_filename`), in Anki's
 * order:
 * 1. NFC.
 * 2. Remove `[ ] < > : " / ? * ^ \ |`, ASCII control characters and code points unassigned in
 *    Unicode 10.0 (Anki's tables are that old; see `unicode10-assigned.ts`). Lone surrogates are
 *    removed too.
 * 3. NBSP (U+00A0) → space.
 * 4. A Windows device name (`CON PRN AUX NUL COM1-9 LPT1-9`, any case) followed by `.` or the
 *    end gets `_` after it: `con.jpg` → `con_.jpg`, `LPT1` → `LPT1_`.
 * 5. A trailing space or `.` gets `_` appended.
 * 6. Over 120 UTF-8 bytes: the extension (after the last `.`) is cut to 10 bytes and the stem
 *    to 120 − ext − 2 bytes on character boundaries; then `_` is appended if the result ends in
 *    space or dot.
 *
 * Not re-normalised after removal, like Anki: `e[\u0301` becomes the NFD `e\u0301`. The result
 * can be `''` (e.g. for `'???'`); Anki then fails with an I/O error, callers here must refuse it.
 */
export function normalizeMediaFilename(name: string): string {
  let out = removeDisallowed(name.normalize('NFC'));
  out = out.replaceAll('\u00a0', ' ');
  out = out.replace(WINDOWS_DEVICE_NAME, '$1_$2');
  if (WINDOWS_TRAILING_CHAR.test(out)) out += '_';
  return truncateFilename(out, MAX_MEDIA_FILENAME_BYTES);
}

/**
 * True if `name` is a media filename Anki accepts as is: `normalizeMediaFilename` leaves it
 * unchanged. Anki's media scanner skips files failing this (they do not sync). Unlike rslib,
 * `''` is not accepted: it names no file. (On macOS Anki also accepts an NFD name whose NFC form
 * passes; this helper is the Linux/Windows rule.)
 */
export function isNormalizedMediaFilename(name: string): boolean {
  return name !== '' && normalizeMediaFilename(name) === name;
}

/**
 * The name Anki gives data that clashes with an existing file of different content
 * (rslib `add_hash_suffix_to_file_stem`): `stem-<sha1 hex>.ext`, e.g. `test.jpg` →
 * `test-aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d.jpg`. Stem and extension are shortened first
 * (extension to 10 bytes) so that the whole fits 120 bytes.
 *
 * `name` should already be normalised. `sha1Hex` is 40 hex digits (any case; lower-cased in
 * the result), otherwise this throws a `RangeError`.
 *
 * Deviation: for a name without extension Anki still writes the dot (`foo` → `foo-<hash>.`),
 * a name its own scanner then rejects as not normalised (and Windows strips the dot). We leave
 * the dot out: `foo` → `foo-<hash>`.
 */
export function hashSuffixedName(name: string, sha1Hex: string): string {
  if (!SHA1_HEX.test(sha1Hex)) throw new RangeError(`not a SHA-1 hex digest: ${sha1Hex}`);
  const { stem, ext } = splitAndTruncate(name, MAX_MEDIA_FILENAME_BYTES - HASH_SUFFIX_BYTES);
  const suffixed = `${stem}-${sha1Hex.toLowerCase()}`;
  return ext === '' ? suffixed : `${suffixed}.${ext}`;
}

/**
 * Python's `posixpath.basename`: everything after the last `/` (`'a/b/'` → `''`). Anki-Connect's
 * storeMediaFile (through pylib `writeData`) and retrieveMediaFile both reduce names this way.
 * A backslash is not a separator here; normalisation removes it anyway.
 */
export function mediaBasename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * The name retrieveMediaFile looks up: basename, NFC, then Anki-Connect's `stripIllegal`
 * (remove ``[ ] < > : " / ? * ^ \ |``, NUL, CR, LF). Lighter than `normalizeMediaFilename`: no
 * device names, trailing-dot `_` or truncation, so a name that Anki stored (already normalised)
 * maps to itself.
 */
export function retrievalFilename(name: string): string {
  return mediaBasename(name).normalize('NFC').replace(RETRIEVE_ILLEGAL, '');
}
