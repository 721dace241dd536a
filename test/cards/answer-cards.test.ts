// answerCards through the dispatcher: Anki-Connect's own test cases (tests/test_cards.py,
// TestAnswerCards, and the devsdocs fork's `time` case), its README sample, and what an answer
// does to the rest of the collection: the review log, the deck's counters, leeches, buried
// siblings, filtered decks, and cardsInfo's nextReviews. Every test ends with the integrity
// checker (useTestDispatcher). The scheduling itself is checked against real Anki in
// test/scheduler/ and test-anki/answers.test.ts.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { encodeDeckKind } from '../../src/decks/deck.js';
import { DeckKindSchema, FilteredDeckSchema } from '../../src/storage/proto/gen/anki_storage/decks_pb.js';
import { collectionTiming } from '../../src/collection/search-context.js';
import type { CardRecord } from '../../src/cards/card-record.js';
import type { CardReview } from '../../src/revlog/reviews.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { addFilteredDeck, cardsOf, upstreamSetup, type UpstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

type CardRow = Omit<CardRecord, 'id' | 'nid' | 'ord' | 'flags'>;
const card = (id: number): CardRow =>
  t.col.db.prepare('select did, odid, due, odue, type, queue, ivl, factor, reps, lapses, left, mod, usn, data from cards where id = ?').get(id) as CardRow;
const revlog = (id: number) =>
  t.col.db.prepare('select id, usn, ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id').all(id) as CardReview[];
const today = (): number => collectionTiming(t.col).daysElapsed;
const answer = (answers: Record<string, unknown>[]) => t.call('answerCards', { answers });
const nowSecs = () => Math.floor(t.clock.nowMs() / 1000);

/** Changes the options preset of every deck (preset 1) through saveDeckConfig. */
async function changePreset(change: (config: Record<string, Record<string, unknown>>) => void): Promise<void> {
  const config = (await t.call('getDeckConfig', { deck: 'test_deck' })) as Record<string, Record<string, unknown>>;
  change(config);
  assert.equal(await t.call('saveDeckConfig', { config }), true);
}

function setCard(id: number, values: Partial<CardRow>): void {
  const entries = Object.entries(values);
  t.col.transact(() =>
    t.col.db.prepare(`update cards set ${entries.map(([key]) => `${key} = ?`).join(', ')} where id = ?`).run(...entries.map(([, v]) => v), id),
  );
}

describe('upstream TestAnswerCards', () => {
  test('answerCards', async () => {
    const answers = setup.cards.map((cardId, i) => ({ cardId, ease: [2, 1, 4, 3][i] }));
    assert.deepEqual(await t.call('answerCards', { answers }), [true, true, true, true]);
  });

  test('answerCards with invalid card id', async () => {
    assert.deepEqual(await answer([{ cardId: 123, ease: 2 }]), [false]);
  });

  test('answerCards with time (the devsdocs fork): the time taken is recorded', async () => {
    assert.deepEqual(await answer([{ cardId: setup.cards[0], ease: 3, time: 15_000 }]), [true]);
    const reviews = (await t.call('cardReviews', { deck: 'test_deck', startID: 0 })) as number[][];
    assert.equal(reviews.at(-1)?.[7], 15_000);
  });
});

describe('answers', () => {
  test("the README sample: cards that do not exist answer false", async () => {
    const reply = await t.request({
      action: 'answerCards',
      version: 6,
      params: { answers: [{ cardId: 1498938915662, ease: 2 }, { cardId: 1502098034048, ease: 4 }] },
    });
    assert.deepEqual(reply, { result: [false, false], error: null });
  });

  test('a new card answered Good: learning, due after its step (with fuzz), position kept, logged, stamped', async () => {
    const [id] = setup.cards as [number];
    const position = card(id).due;
    await answer([{ cardId: id, ease: 3 }]);
    const after = card(id);
    assert.deepEqual([after.type, after.queue, after.left, after.reps, after.ivl, after.factor], [1, 1, 1, 1, 0, 0]);
    assert.ok(after.due >= nowSecs() + 600 && after.due < nowSecs() + 750, String(after.due));
    assert.deepEqual([after.mod, after.usn], [nowSecs(), -1]);
    assert.equal(after.data, `{"pos":${position},"lrt":${nowSecs()}}`);
    assert.deepEqual(revlog(id), [{ id: t.clock.nowMs(), usn: -1, ease: 3, ivl: -600, lastIvl: 0, factor: 0, time: 0, type: 0 }]);
  });

  test('Easy graduates a new card: a review card with the starting ease', async () => {
    const [id] = setup.cards as [number];
    await answer([{ cardId: id, ease: 4 }]);
    const after = card(id);
    assert.deepEqual([after.type, after.queue, after.factor, after.left], [2, 2, 2500, 0]);
    assert.ok(after.ivl >= 3 && after.ivl <= 5 && after.due === today() + after.ivl, JSON.stringify(after));
    assert.equal(revlog(id)[0]?.factor, 2500);
  });

  test('answers in one request follow each other; two in the same millisecond get consecutive log ids', async () => {
    const [id] = setup.cards as [number];
    assert.deepEqual(await answer([{ cardId: id, ease: 1 }, { cardId: id, ease: 3 }, { cardId: id, ease: 3 }]), [true, true, true]);
    const log = revlog(id);
    assert.deepEqual(
      log.map((row) => [row.id - t.clock.nowMs(), row.ease, row.ivl, row.lastIvl]),
      [
        [0, 1, -60, 0],
        [1, 3, -600, -60],
        [2, 3, 1, -600],
      ],
    );
    assert.deepEqual([card(id).type, card(id).ivl, card(id).reps], [2, 1, 3]);
  });

  test('an ease outside 1–4 fails the request with Anki-Connect\'s error, and nothing is answered', async () => {
    const [a, b] = setup.cards as [number, number];
    const before = [card(a), card(b)];
    for (const ease of [0, 5, '3', 2.5, null]) {
      const reply = await t.request({ action: 'answerCards', version: 6, params: { answers: [{ cardId: a, ease: 3 }, { cardId: b, ease }] } });
      assert.deepEqual(reply, { result: null, error: 'invalid ease' }, String(ease));
    }
    assert.deepEqual([card(a), card(b)], before);
    assert.deepEqual(revlog(a), []);
  });

  test('an unknown card answers false before its ease is looked at, as upstream', async () => {
    assert.deepEqual(await answer([{ cardId: 123, ease: 9 }]), [false]);
  });

  test('eases as Python compares them: 3.0 is 3, true is 1', async () => {
    const [a, b] = setup.cards as [number, number];
    assert.deepEqual(await answer([{ cardId: a, ease: 3.0 }, { cardId: b, ease: true }]), [true, true]);
    assert.deepEqual([revlog(a)[0]?.ease, revlog(b)[0]?.ease], [3, 1]);
  });

  test('the time taken is capped by the preset (maxTaken seconds); a negative time is refused', async () => {
    const [a, b] = setup.cards as [number, number];
    await changePreset((config) => {
      config['maxTaken'] = 20 as unknown as Record<string, unknown>;
    });
    await answer([{ cardId: a, ease: 3, time: 95_000 }, { cardId: b, ease: 3, time: 1234.9 }]);
    assert.deepEqual([revlog(a)[0]?.time, revlog(b)[0]?.time], [20_000, 1234]);
    await assert.rejects(answer([{ cardId: a, ease: 3, time: -1 }]), /invalid parameter 'answers\.0\.time'/);
  });

  test('unknown keys in an answer are ignored, as upstream ignores them', async () => {
    assert.deepEqual(await answer([{ cardId: setup.cards[0], ease: 3, note: 'x' }]), [true]);
  });

  test('inside multi, with the result of each item', async () => {
    const reply = await t.request({
      action: 'multi',
      version: 6,
      params: { actions: [{ action: 'answerCards', version: 6, params: { answers: [{ cardId: setup.cards[0], ease: 3 }] } }] },
    });
    assert.deepEqual(reply, { result: [{ result: [true], error: null }], error: null });
  });
});

describe('what an answer changes besides the card', () => {
  test("the deck and its parents count today's new cards, reviews and time; the deck stats show it", async () => {
    await t.call('changeDeck', { cards: [setup.cards[1]], deck: 'test_deck::child' });
    const [a, b] = setup.cards as [number, number];
    setCard(b, { type: 2, queue: 2, ivl: 5, factor: 2500, due: today() });
    await answer([{ cardId: a, ease: 3, time: 4000 }, { cardId: b, ease: 3, time: 6000 }]);
    const counters = (name: string) => {
      const deck = t.col.decks.byName(name);
      return deck === undefined ? [] : [deck.common.lastDayStudied, deck.common.newStudied, deck.common.reviewStudied, deck.common.millisecondsStudied, deck.usn];
    };
    assert.deepEqual(counters('test_deck'), [today(), 1, 1, 10_000, -1]);
    assert.deepEqual(counters('test_deck::child'), [today(), 0, 1, 6000, -1]);
    // A new day starts the counters again.
    t.clock.advance(86_400_000);
    await answer([{ cardId: setup.cards[2], ease: 3 }]);
    assert.deepEqual(counters('test_deck'), [today(), 1, 0, 0, -1]);
    // One new card left, and today's limit has room for it.
    const stats = (await t.call('getDeckStats', { decks: ['test_deck'] })) as Record<string, { new_count: number }>;
    assert.equal(Object.values(stats)[0]?.new_count, 1);
  });

  test('a lapse at the leech threshold tags the note "leech"; with leech action suspend the card is suspended', async () => {
    const [a, , c] = setup.cards as [number, number, number];
    await changePreset((config) => {
      config['lapse'] = { ...config['lapse'], leechFails: 2, leechAction: 0 };
    });
    setCard(a, { type: 2, queue: 2, ivl: 10, factor: 2500, due: today(), lapses: 1 });
    setCard(c, { type: 2, queue: 2, ivl: 10, factor: 2500, due: today(), lapses: 0 });
    await answer([{ cardId: a, ease: 1 }, { cardId: c, ease: 1 }]);
    assert.deepEqual([card(a).lapses, card(a).queue, card(a).type], [2, -1, 3]);
    assert.deepEqual([card(c).lapses, card(c).queue], [1, 1]);
    assert.deepEqual(await t.call('getNoteTags', { note: setup.note1 }), ['leech', 'tag1']);
    assert.deepEqual(await t.call('getNoteTags', { note: setup.note2 }), ['tag2']);
    assert.ok(((await t.call('getTags')) as string[]).includes('leech'));
  });

  test('siblings are buried as the preset says; answering a new card does not bury review siblings', async () => {
    const [a, b, c, d] = setup.cards as [number, number, number, number];
    await changePreset((config) => {
      config['new'] = { ...config['new'], bury: true };
      config['rev'] = { ...config['rev'], bury: true };
    });
    await answer([{ cardId: a, ease: 3 }]);
    assert.deepEqual([card(b).queue, card(b).mod, card(b).usn], [-2, nowSecs(), -1]);
    setCard(d, { type: 2, queue: 2, ivl: 3, factor: 2500, due: today() + 1 });
    await answer([{ cardId: c, ease: 3 }]);
    assert.equal(card(d).queue, 2);
  });

  test('a card in a rescheduling filtered deck that graduates goes home; one still learning stays, its home due updated', async () => {
    const [a, b] = setup.cards as [number, number];
    const home = card(a).did;
    setCard(b, { type: 1, queue: 1, left: 2, due: nowSecs() - 5, reps: 1 });
    const filtered = addFilteredDeck(t.col, 'Cram', [a, b]);
    await answer([{ cardId: a, ease: 4 }, { cardId: b, ease: 3 }]);
    assert.deepEqual([card(a).did, card(a).odid, card(a).odue, card(a).type], [home, 0, 0, 2]);
    const learning = card(b);
    assert.deepEqual([learning.did, learning.odid, learning.type, learning.queue, learning.left], [filtered, home, 1, 1, 1]);
    assert.equal(learning.odue, learning.due);
    // The filtered deck counts the answers, not the home deck.
    assert.equal(t.col.decks.get(filtered)?.common.newStudied, 1);
  });

  test('a preview deck: shown again after its delay, then home as it was; no review is counted', async () => {
    const [a] = setup.cards as [number];
    const before = card(a);
    const filtered = addFilteredDeck(t.col, 'Preview', [a]);
    t.col.transact(() => {
      const kind = create(DeckKindSchema, {
        kind: { case: 'filtered', value: create(FilteredDeckSchema, { reschedule: false, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0 }) },
      });
      t.col.db.prepare('update decks set kind = ? where id = ?').run(encodeDeckKind(kind), filtered);
      t.col.resetCaches();
    });
    assert.deepEqual(((await t.call('cardsInfo', { cards: [a] })) as { nextReviews: string[] }[])[0]?.nextReviews, ['<1m', '<10m', '(end)', '(end)']);
    await answer([{ cardId: a, ease: 1 }]);
    // The delay gets the learning fuzz (up to a quarter more).
    assert.deepEqual([card(a).queue, card(a).reps], [4, 0]);
    assert.ok(card(a).due >= nowSecs() + 60 && card(a).due < nowSecs() + 75, String(card(a).due));
    await answer([{ cardId: a, ease: 3 }]);
    const after = card(a);
    assert.deepEqual([after.did, after.odid, after.due, after.odue, after.queue, after.type, after.reps], [before.did, 0, before.due, 0, 0, 0, 0]);
    assert.deepEqual(
      revlog(a).map((row) => [row.ease, row.ivl, row.lastIvl, row.factor, row.type]),
      [
        [1, -60, -60, 0, 3],
        [3, 0, -60, 0, 3],
      ],
    );
    // Preview answers are not reviews: no last review time.
    assert.equal(after.data, '{}');
  });
});

describe('cardsInfo nextReviews', () => {
  test('the four buttons of a new card, after mod and before flags, as Anki-Connect orders them', async () => {
    const [info] = (await t.call('cardsInfo', { cards: [setup.cards[0]] })) as Record<string, unknown>[];
    const keys = Object.keys(info ?? {});
    assert.equal(keys[keys.indexOf('mod') + 1], 'nextReviews');
    assert.equal(keys[keys.indexOf('nextReviews') + 1], 'flags');
    // Again 1m, Hard between the steps (5.5m → 6), Good the 10m step, Easy the easy interval (4d, fuzzed).
    const labels = info?.['nextReviews'] as string[];
    assert.deepEqual(labels.slice(0, 3), ['<1m', '<6m', '<10m']);
    assert.match(labels[3] ?? '', /^[345]d$/);
  });

  test('they describe the answers answerCards gives', async () => {
    const ids = setup.cards;
    setCard(ids[1] ?? 0, { type: 2, queue: 2, ivl: 40, factor: 2500, due: today() });
    setCard(ids[2] ?? 0, { type: 3, queue: 1, ivl: 2, factor: 2300, due: nowSecs(), lapses: 1, left: 1 });
    const infos = (await t.call('cardsInfo', { cards: ids })) as { nextReviews: string[] }[];
    for (const [i, id] of ids.entries()) {
      const labels = infos[i]?.nextReviews ?? [];
      for (const ease of [1, 2, 3, 4]) {
        const before = card(id);
        await answer([{ cardId: id, ease }]);
        const after = card(id);
        const label = labels[ease - 1] ?? '';
        const days = after.queue === 2 || after.queue === 3 ? after.due - today() : undefined;
        if (days !== undefined && !label.includes('<') && label.endsWith('d')) assert.equal(label, `${days}d`, `card ${i}, ease ${ease}`);
        // Undo the answer for the next button.
        setCard(id, { ...before });
        t.col.transact(() => t.col.db.prepare('delete from revlog where cid = ?').run(id));
      }
    }
  });

  test('a card whose deck is gone is {} (Anki cannot schedule it), as a card whose note is gone', async () => {
    setCard(setup.cards[0] ?? 0, { did: 424242 });
    const infos = (await t.call('cardsInfo', { cards: [setup.cards[0], setup.cards[1]] })) as Record<string, unknown>[];
    assert.deepEqual(infos[0], {});
    assert.ok('nextReviews' in (infos[1] ?? {}));
    assert.deepEqual(await answer([{ cardId: setup.cards[0], ease: 3 }]), [false]);
    setCard(setup.cards[0] ?? 0, { did: setup.deckId });
    assert.deepEqual(cardsOf(t.col, setup.note1).length, 2);
  });
});

describe('collections Anki no longer studies', () => {
  test('on the v1 or v2 scheduler, answering is refused with Anki\'s message (unknown cards are still false)', async () => {
    for (const [key, value] of [['schedVer', 1], ['sched2021', false]] as const) {
      t.col.transact(() => t.col.config.set(key, value));
      assert.deepEqual(await answer([{ cardId: 123, ease: 3 }]), [false]);
      await assert.rejects(answer([{ cardId: setup.cards[0], ease: 3 }]), /^Error: v1\/v2 scheduler no longer supported$/);
      t.col.transact(() => t.col.config.set(key, key === 'schedVer' ? 2 : true));
    }
    assert.deepEqual(revlog(setup.cards[0] ?? 0), []);
  });
});

describe('FSRS', () => {
  test("the card records its memory, the desired retention (the deck's own over the preset's) and the decay", async () => {
    const [a, b] = setup.cards as [number, number];
    t.col.transact(() => {
      t.col.config.set('fsrs', true);
      const deck = t.col.decks.get(setup.deckId);
      assert.ok(deck?.kind.kind.case === 'normal');
      const normal = { ...deck.kind.kind.value, desiredRetention: Math.fround(0.8) };
      t.col.decks.update({ ...deck, kind: { ...deck.kind, kind: { case: 'normal', value: normal } } });
    });
    await t.call('changeDeck', { cards: [b], deck: 'Other' });
    await answer([{ cardId: a, ease: 3 }, { cardId: b, ease: 3 }]);
    // A new card answered Good: FSRS-6's initial stability and difficulty for Good.
    assert.match(card(a).data, /^\{"pos":\d+,"s":2\.3065,"d":2\.118,"dr":0\.8,"decay":0\.154,"lrt":\d+\}$/);
    assert.match(card(b).data, /^\{"pos":\d+,"s":2\.3065,"d":2\.118,"dr":0\.9,"decay":0\.154,"lrt":\d+\}$/);
    // The review log's factor is the difficulty's form: (2.118 − 1) / 9 + 0.1.
    assert.equal(revlog(a)[0]?.factor, 224);
  });
});

describe('upstream test_stats, with answers', () => {
  test('answers count as reviews today and by day', async () => {
    assert.equal(await t.call('getNumCardsReviewedToday'), 0);
    await answer(setup.cards.map((cardId) => ({ cardId, ease: 3 })));
    assert.equal(await t.call('getNumCardsReviewedToday'), 4);
    const byDay = (await t.call('getNumCardsReviewedByDay')) as [string, number][];
    assert.equal(byDay.length, 1);
    assert.equal(byDay[0]?.[1], 4);
  });
});
