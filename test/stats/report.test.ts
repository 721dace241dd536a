// getCollectionStatsHTML: the figures of the statistics report on a small review log made by
// hand, its deck scope, and every chart drawn with data on a generated collection with months
// of review history. (test-anki/stats.test.ts compares the report with real Anki's.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { generateCollection, VARIED_NOW_MS } from '../../bench/generate.js';
import { createRegistry } from '../../src/api/actions/index.js';
import { Dispatcher } from '../../src/api/dispatcher.js';
import { FixedClock } from '../../src/collection/clock.js';
import { collectionTiming } from '../../src/collection/search-context.js';
import { defaultSettings } from '../../src/config/settings.js';
import { ProfileServerState } from '../../src/server/state.js';
import { collectStats } from '../../src/stats/collect.js';
import { TEST_NOW_MS, tempDir } from '../support/collections.js';
import { useTestDispatcher } from '../support/dispatch.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Visible text of an HTML fragment. */
const text = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<\/?(b|i|span)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The rows of a section's figure tables: label → value. */
function rows(html: string, title: string): Map<string, string> {
  const section = html.split('<div class="section').find((part) => part.includes(`<h1>${title}</h1>`)) ?? '';
  return new Map([...section.matchAll(/<tr><th>(.*?):<\/th><td>(.*?)<\/td><\/tr>/g)].map((m) => [text(m[1]!), text(m[2]!)]));
}

/** "series/x" → value of a chart's bars, points and slices. */
function points(html: string, chart: string): Map<string, number> {
  const figure = new RegExp(`<figure class="chart" data-chart="${chart}">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '';
  return new Map(
    [...figure.matchAll(/data-series="([^"]*)"(?: data-x="([^"]*)")? data-value="([^"]*)"/g)].map((m) => [
      m[2] === undefined ? m[1]! : `${m[1]!}/${m[2]}`,
      Number(m[3]),
    ]),
  );
}

describe('a review log made by hand', () => {
  const t = useTestDispatcher({ scope: 'each' });
  // The collection is created at TEST_NOW_MS, 10:00 UTC on the test clock; the report is read
  // three days later, at the same hour, so that its day (from 04:00) has a past.
  const NOW = TEST_NOW_MS + 3 * DAY_MS;
  let cards: number[];

  beforeEach(async () => {
    t.clock.advance(NOW - t.clock.nowMs());
    const notes = (await t.call('addNotes', {
      notes: Array.from({ length: 6 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `front ${i}`, Back: 'back' } })),
    })) as number[];
    cards = notes.map((nid) => t.col.stmt<[number], number>('select id from cards where nid = ?').pluck().get(nid)!);
    const day = collectionTiming(t.col).daysElapsed;
    const states: [type: number, queue: number, due: number, ivl: number, factor: number][] = [
      [2, 2, day + 1, 30, 2500], // mature, due tomorrow
      [2, 2, day + 3, 5, 2300], // young
      [1, 1, Math.floor(NOW / 1000) + 600, 0, 0], // learning
      [0, 0, 4, 0, 0], // new
      [2, -1, day + 2, 50, 1300], // suspended
      [2, -3, day + 5, 10, 2000], // buried by hand on an earlier day: unburied by the report
    ];
    t.col.transact(() => {
      states.forEach(([type, queue, due, ivl, factor], i) =>
        t.col.stmt('update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = ? where id = ?').run(type, queue, due, ivl, factor, cards[i]),
      );
    });
    const [c1, c2, c3] = cards as [number, number, number];
    const reviews = [
      [NOW - 1 * HOUR_MS, c1, -1, 3, 35, 30, 2500, 10_000, 1], // mature review
      [NOW - 2 * HOUR_MS, c2, -1, 1, -600, 5, 2300, 8_000, 1], // young review, again
      [NOW - 3 * HOUR_MS, c3, -1, 3, -600, -60, 0, 4_000, 0], // learning
      [NOW - 4 * HOUR_MS, c2, -1, 3, 1, -600, 2300, 3_000, 2], // relearning
      [NOW - 5 * HOUR_MS, c1, -1, 0, 30, 0, 2500, 0, 4], // manual: not an answer
      [NOW - 1 * DAY_MS, c1, -1, 4, 30, 25, 2500, 6_000, 1], // yesterday, mature
      [NOW - 10 * DAY_MS, c2, -1, 3, 5, 3, 2300, 2_000, 3], // filtered deck, young
      [NOW - 40 * DAY_MS, c2, -1, 3, 3, 1, 2300, 9_000, 1], // before the month shown
    ];
    await t.call('insertReviews', { reviews });
  });

  test('today, forecast, reviews, intervals, buttons and card types', async () => {
    const html = (await t.call('getCollectionStatsHTML', { wholeCollection: true })) as string;
    assert.match(
      text(html),
      /Today Studied 4 cards in 25 seconds today \(6\.25s\/card\) Again count: 1 \(75\.0% correct\) Learn: 1, Review: 2, Relearn: 1, Filtered: 0 Correct answers on mature cards: 1\/1 \(100\.0%\)/,
    );
    assert.deepEqual(Object.fromEntries(rows(html, 'Forecast')), { Total: '3 reviews', Average: '1.0 reviews/day', 'Due tomorrow': '1 cards' });
    assert.deepEqual(Object.fromEntries(points(html, 'due')), { 'Mature/1': 1, 'Young/3': 1, 'Young/5': 1 });
    assert.deepEqual(Object.fromEntries(rows(html, 'Review Count')), {
      'Days studied': '9% (3 of 31)',
      Total: '6 reviews',
      'Average for days studied': '2.0 reviews/day',
      'If you studied every day': '0.2 reviews/day',
    });
    assert.deepEqual(Object.fromEntries(points(html, 'reps')), {
      'Mature/-1': 1,
      'Mature/0': 1,
      'Young/0': 1,
      'Relearn/0': 1,
      'Learn/0': 1,
      'Cram/-10': 1,
    });
    // 33 seconds of answers: 0.55 minutes.
    assert.deepEqual(Object.fromEntries(rows(html, 'Review Time')), {
      'Days studied': '9% (3 of 31)',
      Total: '0 minutes',
      'Average for days studied': '0.2 minutes/day',
      'If you studied every day': '0.0 minutes/day',
      'Average answer time': '5.5s (10.91 cards/minute)',
    });
    assert.deepEqual(Object.fromEntries(rows(html, 'Added')), { Total: '6 cards', Average: '0.2 cards/day' });
    assert.deepEqual(Object.fromEntries(rows(html, 'Intervals')), { 'Average interval': '15 days', 'Longest interval': '30 days' });
    assert.deepEqual(Object.fromEntries(points(html, 'ivl')), { 'Cards/5': 1, 'Cards/10': 1, 'Cards/30': 1 });
    assert.doesNotMatch(html, /Hourly Breakdown/, 'too few answers for the hourly breakdown');
    assert.deepEqual(Object.fromEntries(points(html, 'ease')), { 'Learning/3': 2, 'Young/6': 1, 'Young/8': 1, 'Mature/13': 1, 'Mature/14': 1 });
    assert.match(text(html), /Learning Correct: 100\.00% \(2 of 2\) Young Correct: 50\.00% \(1 of 2\) Mature Correct: 100\.00% \(2 of 2\)/);
    assert.deepEqual(Object.fromEntries(points(html, 'cards')), { Mature: 1, 'Young+Learn': 3, Unseen: 1, 'Suspended+Buried': 1 });
    assert.deepEqual(Object.fromEntries(rows(html, 'Card Types')), {
      'Total cards': '6',
      'Total notes': '6',
      'Lowest ease': '200%',
      'Average ease': '226%',
      'Highest ease': '250%',
    });
    assert.match(text(html), /Generated on Mon Nov 30 10:00:00 2026 Scope: whole collection Period: 1 month/);
    // The hand-buried card came back to the review queue, as Anki brings it back on a new day.
    assert.equal(t.col.stmt<[number], number>('select queue from cards where id = ?').pluck().get(cards[5]!), 2);
  });

  test('the current deck and its subdecks: their cards and those cards\' reviews', async () => {
    await t.call('changeDeck', { cards: [cards[0]], deck: 'Parent' });
    await t.call('changeDeck', { cards: [cards[2]], deck: 'Parent::Child' });
    const parent = (await t.call('deckNamesAndIds')) as Record<string, number>;
    t.col.transact(() => t.col.config.set('curDeck', parent['Parent']!));
    const html = (await t.call('getCollectionStatsHTML', { wholeCollection: false })) as string;
    // c1 (mature review, due tomorrow) and c3 (learning), with their answers.
    assert.match(text(html), /Studied 2 cards in 14 seconds today/);
    assert.deepEqual(Object.fromEntries(points(html, 'due')), { 'Mature/1': 1 });
    assert.deepEqual(Object.fromEntries(points(html, 'cards')), { Mature: 1, 'Young+Learn': 1 });
    assert.match(text(html), /Scope: Parent Period: 1 month/);
    const data = collectStats(t.col, false);
    assert.equal(data.answers.daysStudied, 2);
    assert.equal(data.cardTypes.notes, 2);
  });

  test('an empty deck reads as Anki reads it: no studying, no reviews, no cards', async () => {
    await t.call('createDeck', { deck: 'Empty' });
    const decks = (await t.call('deckNamesAndIds')) as Record<string, number>;
    t.col.transact(() => t.col.config.set('curDeck', decks['Empty']!));
    const html = (await t.call('getCollectionStatsHTML', { wholeCollection: false })) as string;
    assert.deepEqual(
      [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]),
      ['Today', 'Forecast', 'Answer Buttons', 'Card Types'],
    );
    assert.match(text(html), /No cards have been studied today\./);
    assert.deepEqual(Object.fromEntries(rows(html, 'Forecast')), { Total: '0 reviews', Average: '', 'Due tomorrow': '0 cards' });
    assert.deepEqual(Object.fromEntries(rows(html, 'Card Types')), { 'Total cards': '0', 'Total notes': '0' });
  });

  test('wholeCollection defaults to true', async () => {
    const html = (await t.call('getCollectionStatsHTML')) as string;
    assert.match(text(html), /Scope: whole collection/);
  });
});

describe('a generated collection with months of review history', () => {
  /** The generator dates a varied collection's reviews back from 250 days after its epoch. */
  const generatedNow = VARIED_NOW_MS;
  let dir: { dir: string; remove: () => void };
  let state: ProfileServerState;
  let html: string;

  before(async () => {
    dir = tempDir('acs-stats-');
    mkdirSync(join(dir.dir, 'User 1'));
    generateCollection(join(dir.dir, 'User 1', 'collection.anki2'), { notes: 1_000, decks: 6, seed: 7, varied: true });
    state = new ProfileServerState({ ...defaultSettings({}), base: dir.dir }, new FixedClock(generatedNow));
    state.openProfile('User 1');
    const dispatcher = new Dispatcher(createRegistry(), state);
    const call = async (action: string, params: Record<string, unknown>): Promise<unknown> => {
      const reply = (await dispatcher.handle({ action, version: 6, params }, { origin: '', allowed: true, local: true })) as { result: unknown; error: string | null };
      if (reply.error !== null) throw new Error(reply.error);
      return reply.result;
    };
    // The generated notes were all added long ago; a few new ones fill the "Added" chart.
    await call('addNotes', { notes: [1, 2, 3].map((i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `new ${i}`, Back: '' } })) });
    html = (await call('getCollectionStatsHTML', {})) as string;
  });
  after(() => {
    state.close();
    dir.remove();
  });

  const charts = ['due', 'reps', 'time', 'intro', 'ivl', 'hour', 'ease', 'cards'];
  for (const chart of charts) {
    test(`the ${chart} chart is drawn with data`, () => {
      const figure = new RegExp(`<figure class="chart" data-chart="${chart}">([\\s\\S]*?)</figure>`).exec(html)?.[1];
      assert.ok(figure !== undefined, `no ${chart} chart`);
      assert.match(figure, /<svg [^>]*viewBox=/);
      const values = [...points(html, chart).values()];
      assert.ok(values.length > 0 && values.every((v) => v > 0), `${chart}: ${values.length} points`);
    });
  }

  test('every section, in Anki\'s order', () => {
    assert.deepEqual(
      [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]),
      ['Today', 'Forecast', 'Review Count', 'Review Time', 'Added', 'Intervals', 'Hourly Breakdown', 'Answer Buttons', 'Card Types'],
    );
    assert.equal(points(html, 'intro').get('Added/0'), 3);
  });
});
