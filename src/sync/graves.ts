/**
 * Deletions in a normal sync (anki-sync.md §3.4): the local graves go up in chunks and are
 * stamped with the server's usn; the server's graves delete the local rows and are recorded
 * with that usn, so they are never sent back. Deleting a note row leaves its cards, which arrive
 * as graves of their own.
 */
import type { Collection } from '../collection/collection.js';
import { GraveKind } from '../collection/graves.js';
import { CHUNK_SIZE, type Graves } from './protocol.js';

/** The graves not yet sent, and from now on stamped `serverUsn`. */
export function takePendingGraves(col: Collection, serverUsn: number): Graves {
  const rows = col.stmt<[], { oid: number; type: number }>('select oid, type from graves where usn = -1').all();
  col.stmt('update graves set usn = ? where usn = -1').run(serverUsn);
  const graves: Graves = { cards: [], decks: [], notes: [] };
  const lists: Record<number, number[]> = {
    [GraveKind.Card]: graves.cards,
    [GraveKind.Note]: graves.notes,
    [GraveKind.Deck]: graves.decks,
  };
  for (const row of rows) lists[row.type]?.push(row.oid);
  return graves;
}

/** Splits graves into requests of at most CHUNK_SIZE ids: cards first, then notes, then decks. */
export function graveChunks(graves: Graves): Graves[] {
  const cards = [...graves.cards];
  const notes = [...graves.notes];
  const decks = [...graves.decks];
  const chunks: Graves[] = [];
  while (cards.length + notes.length + decks.length > 0) {
    let room = CHUNK_SIZE;
    const chunk: Graves = { cards: [], decks: [], notes: [] };
    for (const [from, to] of [
      [cards, chunk.cards],
      [notes, chunk.notes],
      [decks, chunk.decks],
    ] as const) {
      while (room > 0 && from.length > 0) {
        to.push(from.pop() as number);
        room--;
      }
    }
    chunks.push(chunk);
  }
  return chunks;
}

/** Applies the server's deletions: notes, then cards, then decks, each leaving a grave. */
export function applyRemoteGraves(col: Collection, graves: Graves, serverUsn: number): void {
  const grave = col.stmt('insert or ignore into graves (oid, type, usn) values (?, ?, ?)');
  for (const [table, kind, ids] of [
    ['notes', GraveKind.Note, graves.notes],
    ['cards', GraveKind.Card, graves.cards],
    ['decks', GraveKind.Deck, graves.decks],
  ] as const) {
    const remove = col.stmt(`delete from ${table} where id = ?`);
    for (const id of ids) {
      remove.run(id);
      grave.run(id, kind, serverUsn);
    }
  }
}
