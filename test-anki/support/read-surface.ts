/**
 * The read actions a comparison asks both sides: the server through its dispatcher, real Anki
 * through the driver (Anki-Connect's calls on Anki's own code). The list is built from the
 * server's names and ids, so both sides get the very same requests.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { AnkiDriver } from './anki.js';
import { canonical } from './canonical.js';
import { cardInfoAsServer, withoutIsolationMarks } from './differences.js';
import type { Outcome, OurServer } from './server.js';

export interface ReadCall {
  action: string;
  params: Record<string, unknown>;
}

/** What a comparison looks at closely besides the whole-collection reads. */
export interface Focus {
  notes?: readonly number[];
  cards?: readonly number[];
}

/** Deterministic sample of `ids`: every n-th one, at most `max`. */
function sample(ids: readonly number[], max: number): number[] {
  if (ids.length <= max) return [...ids];
  const step = ids.length / max;
  return Array.from({ length: max }, (_, i) => ids[Math.floor(i * step)]!);
}

/** The read calls for the collection as the server sees it now. */
export async function readCalls(
  server: OurServer,
  focus: Focus = {},
  options: { cardSample?: number; learningSettled?: boolean } = {},
): Promise<ReadCall[]> {
  const decks = (await server.call('deckNames')) as string[];
  const models = (await server.call('modelNames')) as string[];
  const notes = (await server.call('findNotes', { query: '' })) as number[];
  const allCards = (await server.call('findCards', { query: '' })) as number[];
  const cards = [...new Set([...(focus.cards ?? []), ...sample(allCards, options.cardSample ?? 150)])].sort((a, b) => a - b);
  const focusNotes = [...new Set(focus.notes ?? [])];
  const existing = new Set(allCards);
  const existingNotes = new Set(notes);
  const deckIds = (await server.call('deckNamesAndIds')) as Record<string, number>;
  const modelIds = (await server.call('modelNamesAndIds')) as Record<string, number>;
  // Cards with a review history: Anki-Connect's getIntervals and areDue read the newest review
  // of a card that is not new and fail on one without (as the server does, upstream's error).
  const reviewed = new Set((await server.call('findCards', { query: '-is:new' })) as number[]);
  const studied = cards.filter((id) => reviewed.has(id) && existing.has(id));
  return [
    { action: 'deckNames', params: {} },
    { action: 'deckNamesAndIds', params: {} },
    ...decks.map((deck) => ({ action: 'getDeckConfig', params: { deck } })),
    { action: 'getDeckStats', params: { decks } },
    { action: 'modelNames', params: {} },
    { action: 'modelNamesAndIds', params: {} },
    { action: 'findModelsByName', params: { modelNames: models } },
    ...models.flatMap((modelName) => [
      { action: 'modelFieldNames', params: { modelName } },
      { action: 'modelFieldDescriptions', params: { modelName } },
      { action: 'modelFieldFonts', params: { modelName } },
      { action: 'modelTemplates', params: { modelName } },
      { action: 'modelStyling', params: { modelName } },
    ]),
    { action: 'getTags', params: {} },
    { action: 'findNotes', params: { query: '' } },
    { action: 'findCards', params: { query: '' } },
    { action: 'notesInfo', params: { notes: [...notes, ...focusNotes.filter((id) => !notes.includes(id))] } },
    { action: 'notesModTime', params: { notes: focusNotes } },
    { action: 'cardsInfo', params: { cards } },
    { action: 'cardsModTime', params: { cards } },
    { action: 'getEaseFactors', params: { cards } },
    { action: 'areSuspended', params: { cards } },
    // Only cards that exist: see `getDecks-unknown-cards` in differences.ts.
    { action: 'getDecks', params: { cards: cards.filter((id) => existing.has(id)) } },
    { action: 'getReviewsOfCards', params: { cards } },
    { action: 'cardsToNotes', params: { cards } },
    { action: 'getIntervals', params: { cards: studied } },
    { action: 'getIntervals', params: { cards: studied, complete: true } },
    // Whether a learning card is due moves with the clock; both sides read it seconds apart,
    // so only collections whose learning cards are not due within the next minutes ask it.
    ...(options.learningSettled === false ? [] : [{ action: 'areDue', params: { cards: studied } }]),
    ...decks.flatMap((deck) => [
      { action: 'cardReviews', params: { deck, startID: 0 } },
      { action: 'getLatestReviewID', params: { deck } },
    ]),
    ...Object.values(deckIds).map((deckId) => ({ action: 'deckNameFromId', params: { deckId } })),
    ...Object.values(modelIds).map((modelId) => ({ action: 'modelNameFromId', params: { modelId } })),
    { action: 'findModelsById', params: { modelIds: Object.values(modelIds) } },
    ...models.map((modelName) => ({ action: 'modelFieldsOnTemplates', params: { modelName } })),
    ...focusNotes.filter((id) => existingNotes.has(id)).map((note) => ({ action: 'getNoteTags', params: { note } })),
    { action: 'getNumCardsReviewedToday', params: {} },
    { action: 'getNumCardsReviewedByDay', params: {} },
    { action: 'getMediaFilesNames', params: {} },
  ];
}

/** The server's answers to `calls`. */
export async function serverReads(server: OurServer, calls: readonly ReadCall[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const call of calls) out.push(await server.outcome(call.action, call.params));
  return out;
}

/** Real Anki's answers to `calls` on the collection the driver has open. */
export async function ankiReads(anki: AnkiDriver, calls: readonly ReadCall[]): Promise<Outcome[]> {
  return anki.acMany(calls.map((call) => ({ action: call.action, params: call.params })));
}

/** Anki's answer as the server is meant to give it, after the declared differences. */
function expected(call: ReadCall, outcome: Outcome): unknown {
  if ('error' in outcome) return { error: withoutIsolationMarks(outcome.error) };
  if (call.action === 'cardsInfo') {
    return { result: (outcome.result as Record<string, unknown>[]).map(cardInfoAsServer) };
  }
  return outcome;
}

/**
 * Asserts that the server answered every call as real Anki did (after the declared
 * differences); the message names the call and the first differing entry.
 */
export function assertSameReads(calls: readonly ReadCall[], ours: readonly Outcome[], anki: readonly Outcome[], label: string): number {
  assert.equal(ours.length, calls.length);
  assert.equal(anki.length, calls.length);
  calls.forEach((call, i) => {
    const mine = canonical(ours[i]);
    const theirs = canonical(expected(call, anki[i]!));
    if (Array.isArray((mine as { result?: unknown }).result) && Array.isArray((theirs as { result?: unknown }).result)) {
      // Name the first differing element of a list reply rather than dumping the whole list.
      const a = (mine as { result: unknown[] }).result;
      const b = (theirs as { result: unknown[] }).result;
      const at = a.findIndex((item, k) => !isDeepStrictEqual(item, b[k]));
      if (at >= 0) assert.deepEqual(a[at], b[at], `${label}: ${call.action} differs at [${at}]`);
    }
    assert.deepEqual(mine, theirs, `${label}: ${call.action} ${JSON.stringify(call.params).slice(0, 120)}`);
  });
  return calls.length;
}
