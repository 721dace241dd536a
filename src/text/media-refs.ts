/**
 * Media references in note fields, as Anki's `extract_media_refs` (rslib `text.rs`) finds them
 * for Check Media and for export.
 */
import { decodeEntities } from './html.js';
import { findMediaTags } from './media-tags.js';

/** One reference to a media file. */
export interface MediaRef {
  /** `tag` for an `<img|audio|video|object|source>` attribute, `sound` for `[sound:…]`. */
  readonly kind: 'tag' | 'sound';
  /** The whole matched text: the tag from `<` to `>`, or `[sound:…]`. */
  readonly fullRef: string;
  /** Where `fullRef` starts in the input. */
  readonly start: number;
  /** The filename as written in the field. */
  readonly filename: string;
  /** The filename after {@link decodeEntities} (`a&amp;b.mp3` → `a&b.mp3`). */
  readonly decodedFilename: string;
}

// Anki's AV regex: `[sound:…]` (at least one character, up to the first `]`, case-sensitive),
// or a whole `[anki:tts][args]text[/anki:tts]` block. The tts alternative matters because it
// consumes its text: a `[sound:…]` inside a tts block is not a reference.
const AV_TAGS = /\[sound:(.+?)\]|\[anki:tts\]\[(?:.*?)\](?:.*?)\[\/anki:tts\]/gsu;
// Without a closing `[/anki:tts]` the tts alternative can never match; skipping it then avoids
// its quadratic backtracking on long texts with many `]`.
const SOUND_TAGS = /\[sound:(.+?)\]/gsu;

// What Anki's Check Media treats as remote (`REMOTE_FILENAME`): only http and https, any case,
// tested on the filename as written. Other schemes (ftp:, data:, file:) are not skipped.
const REMOTE = /^https?:\/\//i;

/**
 * Every media reference in `html`, remote ones included, in Anki's order: all media tags in
 * order of appearance first, then all `[sound:…]` references in order of appearance.
 */
export function findMediaRefs(html: string): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const tag of findMediaTags(html)) {
    refs.push({
      kind: 'tag',
      fullRef: html.slice(tag.start, tag.end),
      start: tag.start,
      filename: tag.filename,
      decodedFilename: decodeEntities(tag.filename),
    });
  }
  if (html.includes('[sound:')) {
    const pattern = html.includes('[/anki:tts]') ? AV_TAGS : SOUND_TAGS;
    for (const match of html.matchAll(pattern)) {
      const filename = match[1];
      if (filename === undefined) continue; // a tts block
      refs.push({
        kind: 'sound',
        fullRef: match[0],
        start: match.index,
        filename,
        decodedFilename: decodeEntities(filename),
      });
    }
  }
  return refs;
}

/**
 * The media filenames `html` refers to (Anki's `extract_media_refs`), entity-decoded, skipping
 * remote `http://`/`https://` references as Check Media does. Duplicates are kept. Order is
 * Anki's: every `<img|audio|video|object|source>` filename first, then every `[sound:…]` one.
 * `data:` URIs are returned as they are; Anki's Check Media turns them into files separately.
 */
export function extractMediaRefs(html: string): string[] {
  if (!html.includes('<') && !html.includes('[sound:')) return [];
  const names: string[] = [];
  for (const ref of findMediaRefs(html)) {
    if (!isRemoteFilename(ref.filename)) names.push(ref.decodedFilename);
  }
  return names;
}

/** True for the references Anki's Check Media skips as remote: `http://` or `https://`, any case. */
export function isRemoteFilename(filename: string): boolean {
  return REMOTE.test(filename);
}
