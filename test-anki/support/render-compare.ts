/**
 * The card-by-card comparison of render.test.ts: every card of a collection, the server's
 * cardsInfo entry against real Anki's (Anki-Connect's answer computed by Anki), whole entries
 * with their key order, after only the declared differences (support/differences.ts).
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { AnkiDriver } from './anki.js';
import { canonical } from './canonical.js';
import { cardInfoAsServer } from './differences.js';
import type { OurServer } from './server.js';

/** Cards per cardsInfo call: big enough to be quick, small enough for readable failures. */
const BATCH = 400;
/** Mismatches shown in a failure message; the count covers all of them. */
const SHOWN = 12;
/** An id no collection holds: both sides answer `{}` for it. */
const NO_SUCH_CARD = 1;

export type Entry = Record<string, unknown>;

/** A value for a failure message: long texts from a little before the first difference. */
function shown(value: unknown, other: unknown): string {
  const json = (item: unknown): string => (item === undefined ? 'undefined' : JSON.stringify(item));
  const text = json(value);
  const otherText = json(other);
  let first = 0;
  while (first < text.length && text[first] === otherText[first]) first++;
  const start = Math.max(0, first - 300);
  const end = start + 1200;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function adjusted(entry: Entry, adjustSide: (html: string) => string): Entry {
  const out = { ...entry };
  for (const side of ['question', 'answer'] as const) {
    const html = out[side];
    if (typeof html === 'string') out[side] = adjustSide(html);
  }
  return out;
}

/** Where two entries differ, one line per key. */
function entryDifferences(id: number, ours: Entry, theirs: Entry): string[] {
  const where = `card ${id} (${String(theirs['modelName'])}, ord ${String(theirs['ord'])})`;
  const out: string[] = [];
  if (!isDeepStrictEqual(Object.keys(ours), Object.keys(theirs))) {
    out.push(`${where} keys:\n  server: ${Object.keys(ours).join(',')}\n  anki:   ${Object.keys(theirs).join(',')}`);
  }
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
    if (!isDeepStrictEqual(ours[key], theirs[key])) {
      out.push(`${where} ${key}:\n  server: ${shown(ours[key], theirs[key])}\n  anki:   ${shown(theirs[key], ours[key])}`);
    }
  }
  return out;
}

/**
 * Compares every card of the collection both sides have open (each its own copy of the same
 * file) and returns real Anki's entries (as compared), one per card. Fails with the mismatches
 * found.
 */
export async function compareEveryCard(
  anki: AnkiDriver,
  server: OurServer,
  label: string,
  /** A declared difference to apply to Anki's question and answer too (support/differences.ts). */
  adjustSide: (html: string) => string = (html) => html,
): Promise<Entry[]> {
  const rows = (await anki.call('sql', { sql: 'select id from cards order by id' })) as [number][];
  const ids = rows.map(([id]) => id);
  const ourIds = server.col.stmt<[], { id: number }>('select id from cards order by id').all().map((row) => row.id);
  assert.deepEqual(ourIds, ids, `${label}: both copies hold the same cards`);
  assert.ok(ids.length > 0, `${label}: the collection has cards`);

  const mismatches: string[] = [];
  const compared: Entry[] = [];
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    if (start === 0) batch.push(NO_SUCH_CARD);
    const ours = canonical(await server.call('cardsInfo', { cards: batch })) as Entry[];
    const theirs = (canonical(await anki.ac('cardsInfo', { cards: batch })) as Entry[]).map((entry) =>
      Object.keys(entry).length === 0 ? entry : adjusted(cardInfoAsServer(entry), adjustSide),
    );
    assert.equal(ours.length, batch.length);
    compared.push(...theirs.filter((entry) => Object.keys(entry).length > 0));
    for (const [i, id] of batch.entries()) mismatches.push(...entryDifferences(id, ours[i] ?? {}, theirs[i] ?? {}));
  }
  assert.equal(
    mismatches.length,
    0,
    `${label}: ${mismatches.length} mismatches in ${ids.length} cards:\n${mismatches.slice(0, SHOWN).join('\n')}`,
  );
  return compared;
}
