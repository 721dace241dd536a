/**
 * Rewriting the media references of a note's field (Anki's `replace_media_refs`): each file name
 * in an `<img|audio|video|object|source>` tag, then each in `[sound:…]`, is offered to a
 * replacer with its HTML entities decoded; a new name replaces every occurrence of the old one
 * within that tag, entity-encoded again when the old one was written with entities.
 */
import { decodeEntities, findMediaTags } from '../../text/index.js';

/** Returns the new name for a (decoded) file name, or undefined to leave it. */
export type MediaRenamer = (decodedName: string) => string | undefined;

// `[sound:…]`, or a whole text-to-speech block, whose first group (the voice arguments) Anki
// passes to the replacer as if it were a name. Without a closing tts tag only the first can
// match, and leaving the second out avoids its backtracking on long texts.
const AV_TAGS = /\[sound:(.+?)\]|\[anki:tts\]\[(.*?)\](?:.*?)\[\/anki:tts\]/gsu;
const SOUND_TAGS = /\[sound:(.+?)\]/gsu;

/** htmlescape's `encode_minimal`, which Anki uses to write a name back into HTML. */
function encodeMinimal(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c] ?? c);
}

/** The replacement text for one matched reference, or undefined when it stays as it is. */
function rewritten(whole: string, rawName: string, rename: MediaRenamer): string | undefined {
  const decoded = decodeEntities(rawName);
  let name = rename(decoded);
  if (name === undefined) return undefined;
  if (decoded !== rawName) name = encodeMinimal(name);
  return whole.replaceAll(rawName, name);
}

/** The field with its references renamed, or undefined when nothing changed. */
export function rewriteMediaRefs(text: string, rename: MediaRenamer): string | undefined {
  let changed = false;
  let out = text;
  const tags = findMediaTags(text);
  if (tags.length > 0) {
    let built = '';
    let last = 0;
    for (const tag of tags) {
      const whole = text.slice(tag.start, tag.end);
      const replacement = rewritten(whole, tag.filename, rename);
      built += text.slice(last, tag.start) + (replacement ?? whole);
      if (replacement !== undefined) changed = true;
      last = tag.end;
    }
    out = built + text.slice(last);
  }
  if (out.includes('[sound:') || out.includes('[anki:tts]')) {
    const pattern = out.includes('[/anki:tts]') ? AV_TAGS : SOUND_TAGS;
    out = out.replace(pattern, (whole: string, sound: string | undefined, voice: string | undefined) => {
      const replacement = rewritten(whole, sound ?? voice ?? '', rename);
      if (replacement === undefined) return whole;
      changed = true;
      return replacement;
    });
  }
  return changed ? out : undefined;
}
