/** The media folder: Anki's filename rules, unique adding, trash, and Python-glob listing. */

export {
  MAX_MEDIA_FILENAME_BYTES,
  hashSuffixedName,
  isNormalizedMediaFilename,
  mediaBasename,
  normalizeMediaFilename,
  retrievalFilename,
} from './filename.js';
export { MEDIA_TRASH_FOLDER_NAME, MediaFolder, MediaNameError } from './folder.js';
export type { StoreMediaFileOptions } from './folder.js';
export { compileGlob, fnmatchCase } from './glob.js';
export type { GlobMatcher } from './glob.js';
export { md5Hex, sha1Hex, sha1HexOfFile, sha1HexOfFileAsync } from './hash.js';
export { isAssignedInUnicode10 } from './unicode10-assigned.js';
