/**
 * The sound files behind a card's `[anki:play:q:N]` / `[anki:play:a:N]` placeholders, so that
 * the web UI's reviewer can play them (its replay key, `r`). guiCurrentCard gives the card as
 * Anki-Connect does, with only the placeholders; the file names come from rendering it again.
 */
import { renderStoredCard } from '../cards/render.js';
import type { Collection } from '../collection/collection.js';
import { FIELD_SEPARATOR } from '../notes/note.js';
import type { AvTag } from '../template/av-tags.js';
import { splitStoredTags } from '../text/index.js';

export interface CardSounds {
  /** File names by placeholder number; null for a text-to-speech tag (not played here). */
  question: (string | null)[];
  answer: (string | null)[];
}

const fileOf = (tag: AvTag): string | null => (tag.type === 'sound' ? tag.filename : null);

export function cardSounds(col: Collection, cardId: number): CardSounds | null {
  const row = col
    .stmt<[number], { id: number; ord: number; flags: number; did: number; odid: number; mid: number; flds: string; tags: string }>(
      'select c.id, c.ord, c.flags, c.did, c.odid, n.mid, n.flds, n.tags from cards c join notes n on n.id = c.nid where c.id = ?',
    )
    .get(cardId);
  if (row === undefined) return null;
  const rendered = renderStoredCard(col, {
    ...row,
    notetypeId: row.mid,
    fields: row.flds.split(FIELD_SEPARATOR),
    tags: splitStoredTags(row.tags),
  });
  return { question: rendered.questionAvTags.map(fileOf), answer: rendered.answerAvTags.map(fileOf) };
}
