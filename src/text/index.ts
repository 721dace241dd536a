/**
 * Pure text utilities that mirror Anki's rslib behaviour: HTML stripping and entity decoding,
 * field normalisation, checksums, guids, tags, case folding and media references.
 */
export { decodeEntities, stripHtml, stripHtmlPreservingEntities, stripHtmlPreservingMediaFilenames } from './html.js';
export { normalizeField, normalizeToNfc, removeAsciiControls } from './normalize.js';
export { fieldChecksum } from './checksum.js';
export { trimRust, trimStartRust } from './rust-whitespace.js';
export { base91, randomGuid } from './guid.js';
export { compareCodePoints, compareIgnoringCase, equalsIgnoringCase, foldCase } from './case-fold.js';
export {
  canonifyTags,
  joinTagsForStorage,
  normalizeTagName,
  parentTagName,
  splitStoredTags,
  splitTags,
} from './tags.js';
export { findMediaTags } from './media-tags.js';
export type { MediaTagMatch } from './media-tags.js';
export { extractMediaRefs, findMediaRefs, isRemoteFilename } from './media-refs.js';
export type { MediaRef } from './media-refs.js';
