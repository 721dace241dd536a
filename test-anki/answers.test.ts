// Answering cards as Anki's v3 scheduler does, checked against real Anki. Each scenario studies
// one collection for several simulated days in both real Anki and the server, answer for answer
// at the same simulated second (Anki on a clock set through libfaketime): due learning cards,
// due reviews, new cards, and now and then any other card (suspended, buried, in a filtered
// deck, not yet due), with the buttons drawn from a seeded generator. The collection has option
// presets with and without learning steps, leeches (suspended and tagged), buried siblings, a
// rescheduling filtered deck and a preview one; FSRS is off in one scenario and on in the other
// (with default and custom parameters, cards without memory states, several desired retentions).
// After each day every card, review log, note, deck and config row must be equal, fuzz
// included, and the four answer-button labels of cards in every state must be Anki's.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { generateCollection } from '../bench/generate.js';
import { AnkiDriver } from './support/anki.js';
import { canonical } from './support/canonical.js';
import { cardInfoAsServer } from './support/differences.js';
import { copyProfile, tempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';
import {
  ankiRows,
  COMPARED_ROWS,
  DAY_MS,
  firstDifference,
  pickEase,
  Rng,
  serverRows,
  SimulatedClock,
} from './support/study-simulation.js';

interface Scenario {
  name: string;
  seed: number;
  fsrs: boolean;
  loadBalancer: boolean;
  days: number;
  answersPerDay: number;
}

// Without the load balancer the cards are picked at random; with it, Anki answers only the card
// at the top of its study queue (the deck Japanese and its subdecks), so that card is answered.
const SCENARIOS: Scenario[] = [
  { name: 'SM-2', seed: 41, fsrs: false, loadBalancer: false, days: 24, answersPerDay: 50 },
  { name: 'FSRS', seed: 42, fsrs: true, loadBalancer: false, days: 24, answersPerDay: 50 },
  { name: 'SM-2, load balancer, easy days', seed: 43, fsrs: false, loadBalancer: true, days: 20, answersPerDay: 50 },
  { name: 'FSRS, load balancer, easy days', seed: 44, fsrs: true, loadBalancer: true, days: 20, answersPerDay: 50 },
];

/** The first simulated morning: 2021-09-11 09:00 UTC, after the generated collection's history. */
const FIRST_DAY_MS = Date.UTC(2021, 8, 11, 9, 0, 0);

type Preset = Record<string, unknown> & { new: Record<string, unknown>; rev: Record<string, unknown>; lapse: Record<string, unknown> };

/** Option presets that reach every branch of the state machine, assigned to the generated decks. */
async function configurePresets(server: OurServer, fsrs: boolean): Promise<void> {
  const base = (await server.call('getDeckConfig', { deck: 'Default' })) as Preset;
  const save = async (name: string, decks: string[], change: (preset: Preset) => Preset) => {
    const id = (await server.call('cloneDeckConfigId', { name, cloneFrom: 1 })) as number;
    await server.call('saveDeckConfig', { config: { ...change(structuredClone(base)), id, name } });
    await server.call('setDeckConfigId', { decks, configId: id });
  };
  await save('Steps, leeches suspended, siblings buried', ['Japanese::Vocabulary::Mining', 'Japanese::Kanji'], (p) => ({
    ...p,
    new: { ...p.new, delays: [1, 10, 60, 2880], ints: [2, 5, 0], initialFactor: 2300, bury: true },
    rev: { ...p.rev, ease4: 1.4, hardFactor: 1.1, ivlFct: 1.2, maxIvl: 400, bury: true },
    lapse: { ...p.lapse, delays: [10, 1440], mult: 0.3, minInt: 2, leechFails: 3, leechAction: 0 },
    buryInterdayLearning: true,
    maxTaken: 30,
    // Easy days (weekend days lighter), which Anki honours through the load balancer.
    easyDaysPercentages: [1, 1, 1, 1, 1, 0.5, 0],
    ...(fsrs ? { desiredRetention: 0.85, fsrsParams6: CUSTOM_FSRS_PARAMS } : {}),
  }));
  await save('No steps, leeches tagged', ['Japanese::Grammar', 'French::Vocabulary'], (p) => ({
    ...p,
    new: { ...p.new, delays: [], ints: [3, 6, 0] },
    rev: { ...p.rev, hardFactor: 1.0, ease4: 1.3 },
    lapse: { ...p.lapse, delays: [], mult: 0.5, leechFails: 2, leechAction: 1 },
    ...(fsrs ? { desiredRetention: 0.95 } : {}),
  }));
}

/** FSRS-6 parameters of a trained preset (not the defaults), as Anki stores them. */
const CUSTOM_FSRS_PARAMS = [
  0.3, 1.1, 2.9, 9.1, 6.2, 0.7, 2.8, 0.002, 1.7, 0.2, 0.9, 1.6, 0.05, 0.3, 1.5, 0.5, 2.1, 0.6, 0.1, 0.08, 0.2,
];

/** Cards to answer next: due ones first, then new ones, now and then any card at all. */
async function chooseCard(server: OurServer, rng: Rng): Promise<number | undefined> {
  const roll = rng.next();
  const query = roll < 0.55 ? 'is:due' : roll < 0.9 ? 'is:new -is:suspended -is:buried' : '';
  let cards = (await server.call('findCards', { query })) as number[];
  if (cards.length === 0) cards = (await server.call('findCards', { query: 'is:new' })) as number[];
  return cards.length === 0 ? undefined : rng.pick(cards);
}

describe('answering cards, as real Anki answers them', () => {
  const anki = new AnkiDriver({ fakeTime: true });
  let answered = 0;
  let labels = 0;
  after(async () => {
    await anki.stop();
    console.log(`answers: ${answered} answers and ${labels} answer-button labels compared with real Anki`);
  });

  for (const scenario of SCENARIOS) {
    test(scenario.name, async () => {
      const rng = new Rng(scenario.seed);
      const clock = new SimulatedClock(FIRST_DAY_MS - DAY_MS);
      const built = tempProfile();
      generateCollection(built.path, { notes: 600, decks: 6, seed: scenario.seed, varied: true });
      let server = OurServer.open(built.path, { clock });
      await configurePresets(server, scenario.fsrs);
      server.close();

      anki.setTime(clock.nowMs());
      await anki.open(built.path);
      await anki.write('setConfig', { config: { fsrs: scenario.fsrs, loadBalancerEnabled: scenario.loadBalancer } });
      await anki.write('createFilteredDeck', { name: 'Filtered::Rescheduled', search: 'deck:French* is:review', limit: 25, reschedule: true });
      await anki.write('createFilteredDeck', {
        name: 'Filtered::Preview',
        search: 'deck:Japanese::Grammar is:new',
        limit: 25,
        reschedule: false,
        previewSecs: [60, 600, 0],
      });
      await anki.close();
      const ours = copyProfile(built.path);
      server = OurServer.open(ours.path, { clock });
      await anki.open(built.path);
      if (scenario.loadBalancer) await anki.write('selectDeck', { name: 'Japanese' });
      try {
        for (let day = 0; day < scenario.days; day++) {
          let now = FIRST_DAY_MS + day * DAY_MS;
          for (let i = 0; i < scenario.answersPerDay; i++) {
            // Mostly a few seconds to minutes apart; sometimes within the same second, which
            // makes two review log ids collide.
            now += rng.chance(0.1) ? 0 : rng.range(5, 400) * 1000;
            clock.set(now);
            anki.setTime(now);
            const cardId = scenario.loadBalancer ? await topOfAnkisQueue(anki) : await chooseCard(server, rng);
            if (cardId === undefined) break;
            const answers = [{ cardId, ease: pickEase(rng) }];
            const mine = await server.outcome('answerCards', { answers });
            const real = await anki.write('answerCards', { answers, withQueues: scenario.loadBalancer });
            assert.deepEqual(mine, { result: real }, `day ${day}, answer ${i}: answerCards ${JSON.stringify(answers)}`);
            answered++;
          }
          for (const [table, sql] of Object.entries(COMPARED_ROWS)) {
            const difference = firstDifference(serverRows(server, sql), await ankiRows(anki, sql));
            assert.equal(difference, undefined, `${scenario.name}, day ${day}: ${table} row ${JSON.stringify(difference)}`);
          }
          labels += await compareLabels(server, anki, rng);
        }
      } finally {
        server.close();
        await anki.close();
        ours.remove();
        built.remove();
      }
    });
  }
});

async function topOfAnkisQueue(anki: AnkiDriver): Promise<number | undefined> {
  return ((await anki.write('topOfQueue')) as number | null) ?? undefined;
}

/** cardsInfo of cards in every state, nextReviews included, against Anki-Connect's on Anki. */
async function compareLabels(server: OurServer, anki: AnkiDriver, rng: Rng): Promise<number> {
  const cards: number[] = [];
  for (const query of ['is:new', 'is:learn -is:review', 'is:review -is:learn', 'is:learn is:review', 'is:suspended', 'deck:filtered']) {
    const found = (await server.call('findCards', { query })) as number[];
    for (let i = 0; i < 3 && found.length > 0; i++) cards.push(rng.pick(found));
  }
  const mine = (await server.call('cardsInfo', { cards })) as Record<string, unknown>[];
  const real = (await anki.ac('cardsInfo', { cards })) as Record<string, unknown>[];
  real.forEach((entry, i) => {
    assert.deepEqual(canonical(mine[i]), canonical(cardInfoAsServer(entry)), `cardsInfo of card ${cards[i]}`);
  });
  return cards.length;
}
