// getCollectionStatsHTML: the server's statistics report against Anki's legacy report (what
// Anki-Connect returns), figure by figure. Real Anki builds collections through its own API
// (driver/build.py `rich`, with FSRS off and on), the server adds a review log for today and for
// the hourly breakdown (learning, review, relearning, filtered, manual and rescheduled rows), and
// each side reads its own copy of the same file, for the whole collection and for a current deck
// with its subdecks. A generated collection is read as of its own "now", with real Anki on the
// same simulated clock (libfaketime), so that its 200 days of history fall in the month shown.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { generateCollection, VARIED_NOW_MS } from '../bench/generate.js';
import type { Clock } from '../src/collection/clock.js';
import { collectionTiming } from '../src/collection/search-context.js';
import type { ReviewTuple } from '../src/revlog/reviews.js';
import { fixture } from '../test/support/fixtures.js';
import { AnkiDriver } from './support/anki.js';
import { copyProfile, tempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';
import { ankiFigures, compareFigures, ourFigures } from './support/stats-figures.js';

const DAY_MS = 86_400_000;
/** The generator dates a varied collection's reviews back from 250 days after its epoch. */
const GENERATED_NOW_MS = VARIED_NOW_MS;

const VARIANTS = [
  { name: 'SM-2', params: { seed: 5, notes: 300, fsrs: false }, deck: 'Languages' },
  {
    name: 'FSRS, with a package of FSRS history imported',
    params: { seed: 6, notes: 300, fsrs: true, withPackage: fixture('srs-converter/mixed-legacy-2.apkg') },
    deck: 'Filtered::Due soon',
  },
];

/**
 * Review rows the built collection lacks: answers of every kind today (after the day's start,
 * before now), manual and rescheduled rows without a button, answers on mature cards, and 35
 * answers in each of five morning hours of past days, enough for the hourly breakdown.
 */
function extraReviews(server: OurServer): ReviewTuple[] {
  const col = server.col;
  const { nextDayAt } = collectionTiming(col);
  const dayStart = (nextDayAt - 86_400) * 1000;
  const now = col.nowMs();
  const cards = col.stmt<[], number>('select id from cards order by id').pluck().all();
  const taken = new Set(col.stmt<[], number>('select id from revlog').pluck().all());
  const rows: ReviewTuple[] = [];
  const add = (at: number, i: number, ease: number, lastIvl: number, type: number): void => {
    let id = Math.floor(at);
    while (taken.has(id)) id++;
    taken.add(id);
    const cid = cards[(i * 7919) % cards.length]!;
    rows.push([id, cid, -1, ease, type === 0 ? -600 : lastIvl + 3, lastIvl, type === 0 ? 0 : 2500, 1_500 + ((i * 4_111) % 30_000), type]);
  };
  // Today: 60 answers spread between the day's start and now.
  const kinds: [type: number, lastIvl: number][] = [[0, -60], [1, 5], [1, 40], [2, 30], [3, 10], [4, 0], [5, 25]];
  for (let i = 0; i < 60; i++) {
    const [type, lastIvl] = kinds[i % kinds.length]!;
    add(dayStart + ((now - dayStart) * (i + 0.5)) / 60, i, type >= 4 ? 0 : 1 + (i % 4), lastIvl, type);
  }
  // Hours 1 to 5 after the rollover, on days 2 to 8 back: 35 answers an hour.
  for (let hour = 1; hour <= 5; hour++) {
    for (let i = 0; i < 35; i++) {
      const day = 2 + (i % 7);
      add(dayStart - day * DAY_MS + hour * 3_600_000 + i * 60_000 + 123, 1000 + hour * 100 + i, 1 + ((i + hour) % 4), 10 + i, i % 3);
    }
  }
  return rows;
}

describe("getCollectionStatsHTML: the server's report has the figures of Anki's", () => {
  const anki = new AnkiDriver();
  const timed = new AnkiDriver({ fakeTime: true });
  let reports = 0;
  let figures = 0;
  after(async () => {
    await anki.stop();
    await timed.stop();
    console.log(`statistics report: ${reports} reports, ${figures} figures compared`);
  });

  /** Compares both reports of one scope (at least `sections` of them drawn). */
  function compare(ours: string, theirs: string, what: string, sameSecond: boolean, sections = 5): void {
    const mine = ourFigures(ours);
    const their = ankiFigures(theirs);
    const { figures: count, differences } = compareFigures(mine, their);
    // The time of generation moves between the two runs unless both clocks stand still.
    const footer = (text: string): string => (sameSecond ? text : text.replace(/^Generated on .*? Scope:/, 'Scope:'));
    if (footer(mine.footer) !== footer(their.footer)) differences.push(`footer: ours "${mine.footer}", Anki's "${their.footer}"`);
    assert.deepEqual(differences, [], `${what}: the reports differ`);
    assert.ok(count >= 4 * sections, `${what}: only ${count} figures found`);
    assert.ok(mine.sections.length >= sections, `${what}: only ${mine.sections.length} sections`);
    reports++;
    figures += count;
  }

  for (const variant of VARIANTS) {
    test(variant.name, async () => {
      const built = tempProfile();
      try {
        await anki.open(built.path);
        try {
          await anki.build('rich', variant.params);
          await anki.checkDatabase();
          const decks = (await anki.ac('deckNamesAndIds')) as Record<string, number>;
          await anki.write('setConfig', { config: { curDeck: decks[variant.deck] } });
        } finally {
          await anki.close();
        }
        const writer = OurServer.open(built.path);
        try {
          await writer.call('insertReviews', { reviews: extraReviews(writer) });
        } finally {
          writer.close();
        }
        const ours = copyProfile(built.path);
        try {
          const server = OurServer.open(ours.path);
          let mine: string[];
          try {
            mine = [
              (await server.call('getCollectionStatsHTML')) as string,
              (await server.call('getCollectionStatsHTML', { wholeCollection: false })) as string,
            ];
          } finally {
            server.close();
          }
          await anki.open(built.path);
          let theirs: string[];
          try {
            theirs = [
              (await anki.ac('getCollectionStatsHTML')) as string,
              (await anki.ac('getCollectionStatsHTML', { wholeCollection: false })) as string,
            ];
          } finally {
            await anki.close();
          }
          compare(mine[0]!, theirs[0]!, `${variant.name}, whole collection`, false);
          compare(mine[1]!, theirs[1]!, `${variant.name}, deck ${variant.deck}`, false);
          assert.match(mine[0]!, /<h1>Hourly Breakdown<\/h1>/);
          assert.match(mine[0]!, /Studied \d+ cards in/);
        } finally {
          ours.remove();
        }
      } finally {
        built.remove();
      }
    });
  }

  test('a new, empty collection', async () => {
    const built = tempProfile();
    try {
      await anki.open(built.path);
      await anki.close();
      const ours = copyProfile(built.path);
      try {
        const server = OurServer.open(ours.path);
        let mine: string;
        try {
          mine = (await server.call('getCollectionStatsHTML')) as string;
        } finally {
          server.close();
        }
        await anki.open(built.path);
        let theirs: string;
        try {
          theirs = (await anki.ac('getCollectionStatsHTML')) as string;
        } finally {
          await anki.close();
        }
        compare(mine, theirs, 'empty collection', false, 4);
      } finally {
        ours.remove();
      }
    } finally {
      built.remove();
    }
  });

  test('a generated collection of 2,000 varied notes, on the same simulated clock', async () => {
    const built = tempProfile();
    try {
      generateCollection(built.path, { notes: 2_000, decks: 8, seed: 23, varied: true });
      timed.setTime(GENERATED_NOW_MS);
      // The current deck: the first deck that has subdecks.
      await timed.open(built.path);
      try {
        const names = Object.keys((await timed.ac('deckNamesAndIds')) as Record<string, number>);
        const parent = names.find((name) => names.some((other) => other.startsWith(`${name}::`))) ?? 'Default';
        const decks = (await timed.ac('deckNamesAndIds')) as Record<string, number>;
        await timed.write('setConfig', { config: { curDeck: decks[parent] } });
      } finally {
        await timed.close();
      }
      const ours = copyProfile(built.path);
      try {
        const clock: Clock = { nowMs: () => GENERATED_NOW_MS, minutesWest: (ms) => new Date(ms).getTimezoneOffset() };
        const server = OurServer.open(ours.path, { clock });
        let mine: string[];
        try {
          mine = [
            (await server.call('getCollectionStatsHTML', { wholeCollection: true })) as string,
            (await server.call('getCollectionStatsHTML', { wholeCollection: false })) as string,
          ];
        } finally {
          server.close();
        }
        await timed.open(built.path);
        let theirs: string[];
        try {
          theirs = [
            (await timed.ac('getCollectionStatsHTML', { wholeCollection: true })) as string,
            (await timed.ac('getCollectionStatsHTML', { wholeCollection: false })) as string,
          ];
        } finally {
          await timed.close();
        }
        compare(mine[0]!, theirs[0]!, 'generated, whole collection', true);
        compare(mine[1]!, theirs[1]!, 'generated, current deck', true);
      } finally {
        ours.remove();
      }
    } finally {
      built.remove();
    }
  });
});
