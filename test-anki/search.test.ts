/**
 * Searches compared with real Anki (issue 9): every query of the search table
 * (test/search/search-table.ts) and thousands of random ones from Anki's grammar
 * (support/query-generator.ts), valid and invalid, through findCards and findNotes on two
 * copies of the same collection file, one opened by Anki's own backend and one by the server,
 * both on the system clock. The ids must be equal, and so must the error texts of refused
 * queries (less the differences declared in support/differences.ts).
 *
 * The collections: the search table's fixture (built by the server), collections built by Anki
 * (the driver's `rich` recipe, with and without FSRS), and notes whose text, tags and deck names
 * sit where search rules part ways (support/search-edge-notes.ts), also with the settings that
 * change searches. Regexes, the part of search most unlike JavaScript, are also compared
 * directly: random Rust patterns through Anki's `regexp()` and the server's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Rng } from '../bench/rng.js';
import { buildSearchFixture } from '../test/search/fixture.js';
import { CASES, substitute } from '../test/search/search-table.js';
import { AnkiDriver } from './support/anki.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';
import { QueryGenerator } from './support/query-generator.js';
import { compareRegexes, describeRegexMismatches } from './support/regex-comparison.js';
import { REGEX_TEXTS, RegexGenerator } from './support/regex-generator.js';
import { compareSearches, describeMismatches, type SearchTally } from './support/search-comparison.js';
import { EDGE_DECKS, EDGE_NOTES, EDGE_PROBES, edgeDeckOf } from './support/search-edge-notes.js';
import { readVocabulary } from './support/search-vocabulary.js';
import { OurServer } from './support/server.js';

// More, and other, random queries for a longer hunt: ANKI_SEARCH_QUERIES=20000 ANKI_SEARCH_SEED=7.
const GENERATED = Number(process.env['ANKI_SEARCH_QUERIES'] ?? 2000);
const SEED = Number(process.env['ANKI_SEARCH_SEED'] ?? 0);

/** One collection file, opened by both sides. */
interface Pair {
  driver: AnkiDriver;
  server: OurServer;
  profiles: TempProfile[];
}

/** Copies `path` twice and opens one copy in Anki and one in the server. */
async function openPair(driver: AnkiDriver, path: string): Promise<Pair> {
  const forAnki = copyProfile(path);
  const forServer = copyProfile(path);
  await driver.open(forAnki.path);
  return { driver, server: OurServer.open(forServer.path), profiles: [forAnki, forServer] };
}

async function closePair(pair: Pair | undefined): Promise<void> {
  if (pair === undefined) return;
  await pair.driver.close();
  pair.server.close();
  for (const profile of pair.profiles) profile.remove();
}

/** Prints what was compared and which declared differences applied, then fails on any mismatch. */
function assertAgrees(what: string, tally: SearchTally, extra = ''): void {
  const applied = [...tally.applied].map(([id, n]) => `${id} ×${n}`).join(', ');
  console.log(
    `  ${what}: ${tally.compared / 2} queries, ${tally.valid} valid (${tally.nonEmpty} finding cards), ${tally.invalid} invalid${extra}; ` +
      `declared differences applied: ${applied === '' ? 'none' : applied}; ${tally.mismatches.length} mismatches`,
  );
  assert.equal(tally.mismatches.length, 0, describeMismatches(tally.mismatches));
}

/** The generated queries of one collection, checked for what they are meant to exercise. */
async function compareGenerated(pair: Pair, seed: number, count = GENERATED): Promise<void> {
  const generated = new QueryGenerator(new Rng(seed + SEED), readVocabulary(pair.server.col)).queries(count);
  assert.equal(generated.length, count);
  const tally = await compareSearches(pair.driver, pair.server, generated.map((g) => g.query));
  const meantInvalid = generated.filter((g) => g.invalid).length;
  assertAgrees('generated', tally, ` (${meantInvalid} generated as invalid)`);
  // The queries must mean something: many find cards, and the broken ones are refused.
  assert.ok(tally.nonEmpty >= tally.valid * 0.3, `only ${tally.nonEmpty} of ${tally.valid} valid queries find cards`);
  assert.ok(tally.invalid >= meantInvalid * 0.9, `only ${tally.invalid} queries refused of ${meantInvalid} meant to be`);
}

describe('search compared with real Anki', () => {
  let driver: AnkiDriver;
  before(() => {
    driver = new AnkiDriver();
  });
  after(async () => {
    await driver.stop();
  });

  describe('on the search fixture', () => {
    let pair: Pair | undefined;
    let tableQueries: string[] = [];
    before(async () => {
      const fixture = buildSearchFixture();
      try {
        tableQueries = CASES.map((c) => substitute(c.q, fixture));
        // The file as the fixture left it, closed; each side opens its own copy.
        fixture.col.close();
        pair = await openPair(driver, fixture.col.path);
      } finally {
        fixture.close();
      }
    });
    after(() => closePair(pair));

    test(`every query of the search table (${CASES.length})`, async () => {
      assertAgrees('search table', await compareSearches(driver, pair!.server, tableQueries));
    });

    test(`${GENERATED} generated queries`, () => compareGenerated(pair!, 1));
  });

  /** The edge-case notes, added by Anki to a new collection, with `config` set by Anki after them. */
  async function buildEdgeCollection(config: Record<string, unknown> = {}): Promise<Pair> {
    const built = tempProfile();
    try {
      await driver.open(built.path);
      for (const deck of EDGE_DECKS) await driver.write('createDeck', { deck });
      for (const [i, note] of EDGE_NOTES.entries()) await driver.write('addNote', { ...note, deckName: edgeDeckOf(i) });
      const deckIds = (await driver.ac('deckNamesAndIds')) as Record<string, number>;
      const resolved = Object.fromEntries(Object.entries(config).map(([key, value]) => [key, key === 'curDeck' ? deckIds[value as string] : value]));
      await driver.write('setConfig', { config: resolved });
      await driver.close();
      return await openPair(driver, built.path);
    } finally {
      built.remove();
    }
  }

  describe('on a collection of edge cases added by Anki', () => {
    let pair: Pair | undefined;
    before(async () => {
      pair = await buildEdgeCollection();
    });
    after(() => closePair(pair));

    test('the search table queries without placeholders', async () => {
      const queries = CASES.map((c) => c.q).filter((q) => !/\{(note|card|deck|nt):/.test(q));
      assertAgrees('search table', await compareSearches(driver, pair!.server, queries));
    });

    test(`hand-picked edge searches (${EDGE_PROBES.length})`, async () => {
      assertAgrees('edge searches', await compareSearches(driver, pair!.server, EDGE_PROBES));
    });

    test(`${GENERATED} generated queries`, () => compareGenerated(pair!, 3));

    test(`${GENERATED} generated regexes, as Anki's regexp() runs them`, async () => {
      // The texts: the notes' fields besides the fixed ones, so each pattern meets real content.
      const fields = readVocabulary(pair!.server.col).fieldValues.map((f) => f.value);
      const texts = [...new Set([...REGEX_TEXTS, ...fields])];
      const patterns = new RegexGenerator(new Rng(5 + SEED)).patterns(GENERATED);
      const result = await compareRegexes(driver, pair!.server, patterns, texts);
      console.log(`  regexes: ${result.compared} patterns on ${texts.length} texts, ${result.refused} refused by Anki; ${result.mismatches.length} mismatches`);
      assert.equal(result.mismatches.length, 0, describeRegexMismatches(result.mismatches, texts));
      assert.ok(result.refused >= GENERATED * 0.1, 'the invalid patterns are refused');
    });
  });

  describe('on the edge cases with search settings changed (accents ignored, no NFC, a current deck, 1 h learn-ahead)', () => {
    let pair: Pair | undefined;
    before(async () => {
      pair = await buildEdgeCollection({ ignoreAccentsInSearch: true, normalize_note_text: false, curDeck: 'Edge::straße', collapseTime: 3600 });
    });
    after(() => closePair(pair));

    test(`hand-picked edge searches (${EDGE_PROBES.length}) and the search table`, async () => {
      // The settings are in force: Anki finds "école" for "ecole", and cards in the current deck.
      for (const found of await driver.find('notes', ['ecole', 'deck:current'])) assert.ok('ids' in found && found.ids.length > 0);
      const queries = [...EDGE_PROBES, 'deck:current', '-deck:current', 'is:due', ...CASES.map((c) => c.q).filter((q) => !/\{(note|card|deck|nt):/.test(q))];
      assertAgrees('edge searches and table', await compareSearches(driver, pair!.server, [...new Set(queries)]));
    });

    test(`${GENERATED / 2} generated queries`, () => compareGenerated(pair!, 13, GENERATED / 2));
  });

  for (const options of [
    { seed: 7, notes: 300, fsrs: true },
    { seed: 11, notes: 120, fsrs: false },
  ]) {
    describe(`on a collection built by Anki (${options.notes} notes, FSRS ${options.fsrs ? 'on' : 'off'})`, () => {
      let pair: Pair | undefined;
      before(async () => {
        const built = tempProfile();
        try {
          await driver.open(built.path);
          await driver.build('rich', options);
          await driver.close();
          pair = await openPair(driver, built.path);
        } finally {
          built.remove();
        }
      });
      after(() => closePair(pair));

      test('the search table queries without placeholders', async () => {
        const queries = CASES.map((c) => c.q).filter((q) => !/\{(note|card|deck|nt):/.test(q));
        assertAgrees('search table', await compareSearches(driver, pair!.server, queries));
      });

      test(`${GENERATED} generated queries`, () => compareGenerated(pair!, options.seed * 101));
    });
  }
});
