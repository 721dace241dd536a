// The actions answered from the review log: statistics (getNumCardsReviewedToday,
// getNumCardsReviewedByDay, cardReviews, getLatestReviewID, getReviewsOfCards), insertReviews,
// and areDue / getIntervals, which Anki-Connect reads from revlog rather than from the cards.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { FixedClock } from '../../src/collection/clock.js';
import { collectionTiming } from '../../src/collection/search-context.js';
import { reviewsByDay } from '../../src/revlog/reviews.js';
import { newTestCollection, TEST_NOW_MS } from '../support/collections.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { cardsOf, upstreamSetup, type UpstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

type Row = [number, number, number, number, number, number, number, number, number];
const revlogCount = (): number => t.col.db.prepare('select count() from revlog').pluck().get() as number;
const DUPLICATE =
  'DbError { info: "SqliteFailure(Error { code: ConstraintViolation, extended_code: 1555 }, ' +
  'Some(\\"UNIQUE constraint failed: revlog.id\\"))", kind: Other }';

describe('upstream test_stats', () => {
  test('counts are numbers, a new deck has no reviews, inserted reviews are found', async () => {
    await t.call('createDeck', { deck: 'test' });
    const noteId = (await t.call('addNote', { note: { deckName: 'test', modelName: 'Basic', fields: { Front: 'front1', Back: 'back1' }, tags: ['tag1'] } })) as number;
    assert.equal(await t.call('getNumCardsReviewedToday'), 0);
    assert.deepEqual(await t.call('getNumCardsReviewedByDay'), []);
    assert.deepEqual(await t.call('cardReviews', { deck: 'test', startID: 0 }), []);
    assert.equal(await t.call('getLatestReviewID', { deck: 'test' }), 0);

    const [cardId] = cardsOf(t.col, noteId) as [number];
    const rows: Row[] = [
      [456, cardId, -1, 3, 4, -60, 2500, 6157, 0],
      [789, cardId, -1, 1, -60, -60, 0, 4846, 0],
    ];
    assert.equal(await t.call('insertReviews', { reviews: rows }), null);
    assert.deepEqual(await t.call('cardReviews', { deck: 'test', startID: 0 }), rows);
    assert.equal(await t.call('getLatestReviewID', { deck: 'test' }), 789);
    assert.deepEqual(await t.call('getReviewsOfCards', { cards: [cardId] }), {
      [cardId]: [
        { id: 456, usn: -1, ease: 3, ivl: 4, lastIvl: -60, factor: 2500, time: 6157, type: 0 },
        { id: 789, usn: -1, ease: 1, ivl: -60, lastIvl: -60, factor: 0, time: 4846, type: 0 },
      ],
    });
  });
});

describe('cardReviews and getLatestReviewID', () => {
  test('reviews after startID (exclusive) of the cards whose home deck is the deck, subdecks excluded, by id', async () => {
    const sub = (await t.call('createDeck', { deck: 'test_deck::sub' })) as number;
    const [a, b, c] = setup.cards as [number, number, number];
    await t.call('changeDeck', { cards: [c], deck: 'test_deck::sub' });
    const rows: Row[] = [
      [1_594_201_393_292, b, -1, 1, -60, -60, 0, 4846, 0],
      [1_594_194_095_746, a, -1, 3, 4, -60, 2500, 6157, 0],
      [1_594_194_095_800, c, -1, 3, 1, 0, 2500, 3000, 1],
    ];
    await t.call('insertReviews', { reviews: rows });
    assert.deepEqual(await t.call('cardReviews', { deck: 'test_deck', startID: 1_594_194_095_740 }), [rows[1], rows[0]]);
    assert.deepEqual(await t.call('cardReviews', { deck: 'test_deck', startID: 1_594_194_095_746 }), [rows[0]]);
    assert.deepEqual(await t.call('cardReviews', { deck: 'test_deck::sub', startID: 0 }), [rows[2]]);
    assert.equal(await t.call('getLatestReviewID', { deck: 'test_deck' }), 1_594_201_393_292);
    assert.equal(await t.call('getLatestReviewID', { deck: 'test_deck::sub' }), 1_594_194_095_800);
    assert.ok(sub > 0);
  });

  test('an unknown deck is created, as upstream does', async () => {
    assert.deepEqual(await t.call('cardReviews', { deck: 'Reviews::Made', startID: 0 }), []);
    assert.equal(await t.call('getLatestReviewID', { deck: 'Later' }), 0);
    const names = (await t.call('deckNames')) as string[];
    for (const name of ['Reviews', 'Reviews::Made', 'Later']) assert.ok(names.includes(name), name);
  });
});

describe('getReviewsOfCards', () => {
  test('every requested card is present, [] without reviews, oldest first; unknown ids too', async () => {
    const [a, b] = setup.cards as [number, number];
    await t.call('insertReviews', {
      reviews: [
        [2000, a, 5, 3, 10, 4, 2500, 1000, 1],
        [1000, a, 5, 3, 4, 0, 2500, 2000, 0],
      ],
    });
    assert.deepEqual(await t.call('getReviewsOfCards', { cards: [b, a, 404, a] }), {
      [b]: [],
      [a]: [
        { id: 1000, usn: 5, ease: 3, ivl: 4, lastIvl: 0, factor: 2500, time: 2000, type: 0 },
        { id: 2000, usn: 5, ease: 3, ivl: 10, lastIvl: 4, factor: 2500, time: 1000, type: 1 },
      ],
      404: [],
    });
  });
});

describe('insertReviews', () => {
  test('a duplicate id fails the whole batch with Anki\'s database error, and nothing is inserted', async () => {
    const [a] = setup.cards as [number];
    await t.call('insertReviews', { reviews: [[100, a, -1, 3, 1, 0, 2500, 1000, 0]] });
    await assert.rejects(
      t.call('insertReviews', { reviews: [[101, a, -1, 3, 1, 0, 2500, 1000, 0], [100, a, -1, 3, 1, 0, 2500, 1000, 0]] }),
      (err: Error) => err.message === DUPLICATE,
    );
    await assert.rejects(
      t.call('insertReviews', { reviews: [[102, a, -1, 3, 1, 0, 2500, 1000, 0], [102, a, -1, 3, 1, 0, 2500, 1000, 0]] }),
      (err: Error) => err.message === DUPLICATE,
    );
    assert.equal(revlogCount(), 1);
  });

  test('rows are stored as Check Database would leave them; ids a day ahead are refused', async () => {
    const [a] = setup.cards as [number];
    await t.call('insertReviews', {
      reviews: [
        [200, a, -1, 3, 1, 0, 2500, -5, 1],
        [201, a, -1, 0, 0, 0, 0, 0, 0],
      ],
    });
    const stored = t.col.db.prepare('select id, time, type from revlog order by id').all();
    assert.deepEqual(stored, [
      { id: 200, time: 0, type: 1 },
      { id: 201, time: 0, type: 5 },
    ]);
    const tooLate = TEST_NOW_MS + 86_400_000 + 1;
    await assert.rejects(t.call('insertReviews', { reviews: [[tooLate, a, -1, 3, 1, 0, 2500, 100, 1]] }), /^Error: review id \d+ is more than a day in the future$/);
    assert.equal(await t.call('insertReviews', { reviews: [] }), null);
    assert.equal(revlogCount(), 2);
  });

  test('malformed rows are refused before anything is written', async () => {
    const [a] = setup.cards as [number];
    for (const reviews of [[[1, a, -1, 3]], [[1, a, -1, 9, 1, 0, 2500, 100, 1]], [[1, a, -1, 3, 1, 0, 2500, 100, 6]], [['1', a, -1, 3, 1, 0, 2500, 100, 1]], 'rows']) {
      await assert.rejects(t.call('insertReviews', { reviews }));
    }
    assert.equal(revlogCount(), 0);
  });

  test("a studied card's last review time follows its inserted reviews; a new card keeps none", async () => {
    const [a, b] = setup.cards as [number, number];
    t.col.db.prepare("update cards set type = 2, queue = 2, ivl = 3, due = 5, data = '{\"pos\":1}' where id = ?").run(a);
    await t.call('insertReviews', {
      reviews: [
        [1_700_000_000_500, a, -1, 3, 3, 1, 2500, 100, 1],
        // Set due date (manual, with an ease factor) is no review: the time stays the answer's.
        [1_700_000_100_000, a, -1, 0, 5, 3, 2500, 0, 4],
        [1_700_000_200_000, b, -1, 3, 1, 0, 0, 100, 0],
      ],
    });
    const data = (id: number) => t.col.db.prepare('select data, usn from cards where id = ?').get(id);
    assert.deepEqual(data(a), { data: '{"pos":1,"lrt":1700000000}', usn: -1 });
    assert.deepEqual(data(b), { data: '{}', usn: -1 });
  });

  test('an id the server would pick next is not taken twice', async () => {
    const [a] = setup.cards as [number];
    const next = t.col.nextId('revlog');
    await t.call('insertReviews', { reviews: [[next, a, -1, 3, 1, 0, 2500, 100, 1]] });
    assert.ok(t.col.nextId('revlog') > next);
  });
});

describe('getNumCardsReviewedToday', () => {
  test('counts reviews after the start of the current day (rollover 4:00)', async () => {
    const [a] = setup.cards as [number];
    const { nextDayAt } = collectionTiming(t.col);
    const dayStartMs = (nextDayAt - 86_400) * 1000;
    await t.call('insertReviews', {
      reviews: [
        [dayStartMs - 1, a, -1, 3, 1, 0, 2500, 100, 1],
        [dayStartMs, a, -1, 3, 1, 0, 2500, 100, 1],
        [dayStartMs + 1, a, -1, 3, 1, 0, 2500, 100, 1],
        [TEST_NOW_MS, a, -1, 3, 1, 0, 2500, 100, 1],
      ],
    });
    assert.equal(await t.call('getNumCardsReviewedToday'), 2);
  });
});

describe('getNumCardsReviewedByDay', () => {
  test('local dates whose day starts at the rollover hour, newest first', () => {
    // Ten hours east of UTC: 2020-07-08 17:30 UTC is 03:30 on the 9th there, still the 8th's
    // study day; 18:30 UTC is 04:30, the 9th's.
    const clock = new FixedClock(Date.UTC(2020, 6, 10, 12), -600);
    const { col, close } = newTestCollection(clock);
    try {
      const insert = col.db.prepare('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, 1, -1, 3, 1, 0, 2500, 100, 1)');
      for (const ms of [Date.UTC(2020, 6, 8, 17, 30), Date.UTC(2020, 6, 8, 18, 30), Date.UTC(2020, 6, 8, 19), Date.UTC(2020, 6, 7, 23)]) insert.run(ms);
      assert.deepEqual(reviewsByDay(col), [
        ['2020-07-09', 2],
        ['2020-07-08', 2],
      ]);
      col.transact(() => col.config.set('rollover', 0));
      // Days from midnight: 03:30 on the 9th is the 9th's now.
      assert.deepEqual(reviewsByDay(col), [
        ['2020-07-09', 3],
        ['2020-07-08', 1],
      ]);
    } finally {
      close();
    }
  });

  test('through the API: the seed sample\'s shape', async () => {
    const [a] = setup.cards as [number];
    await t.call('insertReviews', { reviews: [[1_594_194_095_746, a, -1, 3, 4, -60, 2500, 6157, 0], [1_594_201_393_292, a, -1, 1, -60, -60, 0, 4846, 0]] });
    assert.deepEqual(await t.call('getNumCardsReviewedByDay'), [['2020-07-08', 2]]);
  });
});

describe('areDue and getIntervals (upstream test_cards, and from the review log)', () => {
  test('new cards are due and have interval 0, both ways', async () => {
    assert.deepEqual(await t.call('areDue', { cards: setup.cards }), [true, true, true, true]);
    assert.deepEqual(await t.call('getIntervals', { cards: setup.cards }), [0, 0, 0, 0]);
    assert.deepEqual(await t.call('getIntervals', { cards: setup.cards, complete: true }), [0, 0, 0, 0]);
  });

  test('reviewed cards: is:due for reviews, the newest review plus a long learning step for learning cards', async () => {
    const [review, notDue, learning, justLearned] = setup.cards as [number, number, number, number];
    const { daysElapsed } = collectionTiming(t.col);
    const nowSecs = TEST_NOW_MS / 1000;
    const set = t.col.db.prepare('update cards set type = ?, queue = ?, due = ?, ivl = ? where id = ?');
    t.col.transact(() => {
      set.run(2, 2, daysElapsed, 4, review);
      set.run(2, 2, daysElapsed + 3, 4, notDue);
      set.run(1, 1, nowSecs - 60, 0, learning);
      set.run(1, 1, nowSecs + 1800, 0, justLearned);
    });
    await t.call('insertReviews', {
      reviews: [
        [TEST_NOW_MS - 9 * 86_400_000, review, -1, 3, 1, -600, 2500, 1000, 0],
        [TEST_NOW_MS - 4 * 86_400_000, review, -1, 3, 4, 1, 2500, 1000, 1],
        [TEST_NOW_MS - 86_400_000, notDue, -1, 3, 4, 1, 2500, 1000, 1],
        [TEST_NOW_MS - 2 * 3_600_000, learning, -1, 1, -3600, -600, 2500, 1000, 0],
        [TEST_NOW_MS - 1_800_000, justLearned, -1, 1, -3600, -600, 2500, 1000, 0],
      ],
    });
    assert.deepEqual(await t.call('areDue', { cards: [review, notDue, learning, justLearned] }), [true, false, true, false]);
    assert.deepEqual(await t.call('getIntervals', { cards: [review, notDue, learning] }), [4, 4, -3600]);
    assert.deepEqual(await t.call('getIntervals', { cards: [review, learning], complete: true }), [[1, 4], [-3600]]);
  });

  test('a card neither new nor reviewed, or unknown, fails as upstream ("list index out of range")', async () => {
    const [card] = setup.cards as [number];
    t.col.transact(() => t.col.db.prepare('update cards set type = 2, queue = 2, ivl = 3 where id = ?').run(card));
    await assert.rejects(t.call('areDue', { cards: [card] }), /^Error: list index out of range$/);
    await assert.rejects(t.call('areDue', { cards: [404] }), /^Error: list index out of range$/);
    await assert.rejects(t.call('getIntervals', { cards: [card] }), /^Error: list index out of range$/);
    assert.deepEqual(await t.call('getIntervals', { cards: [card, 404], complete: true }), [[], []]);
  });
});
