/**
 * The media file names a package may carry. Anki takes a name only when it is a single plain
 * path component (`filename_is_safe`: no directory part, not `.` or `..`, nothing absolute); a
 * latest-format package must also carry it already normalised (anki-format.md §4), while a legacy
 * map's names are normalised on reading, as Anki 2.0-era writers did not. Anything else makes the
 * package corrupt, so no name can reach outside the media folder.
 */
import { normalizeMediaFilename } from '../media/filename.js';
import { corruptPackage } from './errors.js';

/**
 * True when `name` is one plain path component the way Rust's `Path::components` sees it on
 * Unix: a trailing `/` and `.` components after the first are ignored, a leading `/`, `.` or a
 * `..` anywhere are not plain.
 */
export function isSafeFilename(name: string): boolean {
  if (name.startsWith('/') || name === '.' || name.startsWith('./')) return false;
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  return parts.length === 1 && parts[0] !== '..';
}

/** The name a latest-format media entry carries, checked: it must be safe and normalised. */
export function checkLatestMediaName(name: string): string {
  if (!isSafeFilename(name)) throw corruptPackage(`the media name ${JSON.stringify(name)} is not a plain file name`);
  if (normalizeMediaFilename(name) !== name) {
    throw corruptPackage(`the media name ${JSON.stringify(name)} is not normalised as Anki writes names`);
  }
  return name;
}

/** The name a legacy media map entry stands for: it must be safe, and is normalised. */
export function legacyMediaName(name: string): string {
  if (!isSafeFilename(name)) throw corruptPackage(`the media name ${JSON.stringify(name)} is not a plain file name`);
  const normalized = normalizeMediaFilename(name);
  // Nothing is left of a name made only of characters Anki removes ("???"): it names no file.
  if (normalized === '') throw corruptPackage(`the media name ${JSON.stringify(name)} names no file`);
  return normalized;
}
