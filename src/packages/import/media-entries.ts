/**
 * The media files a package offers, checked as Anki checks them before anything is imported
 * (rslib `SafeMediaEntry`): every name must be one plain file name, or the whole package is
 * refused as corrupt. Legacy maps (JSON, written by old clients) get their names normalised;
 * the Latest format must already carry normalised names and 20-byte SHA-1s.
 */
import { normalizeMediaFilename } from '../../media/index.js';
import { corruptPackage } from './errors.js';
import type { PackageFormat, PackageMediaEntry } from './source.js';

/** A media entry whose name is safe to join onto the media folder. */
export interface CheckedMediaEntry {
  /** Normalised file name. */
  readonly name: string;
  /** Hex SHA-1 (lower case) when the package states it. */
  readonly sha1: string | undefined;
  readonly entry: PackageMediaEntry;
}

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/**
 * Rust's `Path::components` on a Unix path yields exactly one normal component: no root, no
 * `..`, no leading `.`, one name (empty parts and later `.` parts are not components, so
 * `a/` and `a/.` pass, as in Anki). Backslashes are ordinary characters there, and are
 * removed by normalisation afterwards.
 */
export function isSafeFilename(name: string): boolean {
  if (name.startsWith('/')) return false;
  let normal = 0;
  const parts = name.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '' || (part === '.' && i > 0)) continue;
    if (part === '.' || part === '..') return false;
    normal++;
  }
  return normal === 1;
}

/** Anki's `safe_normalized_file_name`: the normalised name, or undefined for an unsafe one. */
export function safeNormalizedName(name: string): string | undefined {
  return isSafeFilename(name) ? normalizeMediaFilename(name) : undefined;
}

/** Checks every entry of a package's media map; throws Anki's "not a valid .apkg" for any bad one. */
export function checkMediaEntries(format: PackageFormat, entries: readonly PackageMediaEntry[]): CheckedMediaEntry[] {
  return entries.map((entry) => {
    const normalized = safeNormalizedName(entry.name);
    // A name that normalises to nothing ("???") would name the media folder itself.
    if (normalized === undefined || normalized === '') throw corruptPackage();
    if (format === 'latest') {
      if (normalized !== entry.name || entry.sha1 === undefined || !SHA1_HEX.test(entry.sha1)) throw corruptPackage();
      return { name: entry.name, sha1: entry.sha1.toLowerCase(), entry };
    }
    return { name: normalized, sha1: undefined, entry };
  });
}

/** Anki's "static" media: copied whenever missing, whether or not a note refers to them. */
export function isStaticMedia(name: string): boolean {
  return name.startsWith('_') || name.startsWith('latex-');
}
