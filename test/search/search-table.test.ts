// The search table (./search-table.ts) run against this server on the fixture of ./fixture.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findCards, findNotes } from '../../src/collection/search.js';
import { SearchError } from '../../src/search/index.js';
import { buildSearchFixture, type SearchFixture } from './fixture.js';
import { ALL_CARDS, CASES, substitute as substituteIn } from './search-table.js';

describe('search table', () => {
  let fixture: SearchFixture;
  before(() => {
    fixture = buildSearchFixture();
  });
  after(() => fixture.close());

  test('the fixture has the cards the table assumes', () => {
    assert.deepEqual(fixture.allCards, ALL_CARDS);
  });

  test(`the table has at least 300 cases (${CASES.length})`, () => {
    assert.ok(CASES.length >= 300);
    assert.equal(new Set(CASES.map((c) => c.q)).size, CASES.length, 'no query is listed twice');
  });

  const substitute = (query: string): string => substituteIn(query, fixture);
  const sortedIds = (ids: number[]): number[] => [...ids].sort((a, b) => a - b);
  const labelsById = (labels: string[], idOf: (label: string) => number): ((id: number) => string) => {
    const byId = new Map(labels.map((label) => [idOf(label), label]));
    return (id) => byId.get(id) ?? `#${id}`;
  };

  for (const c of CASES) {
    test(JSON.stringify(c.q), () => {
      const query = substitute(c.q);
      if (c.error !== undefined) {
        for (const find of [findNotes, findCards]) {
          assert.throws(
            () => find(fixture.col, query),
            (err: unknown) => err instanceof SearchError && err.kind === c.error && err.message.startsWith('Invalid search: '),
            `expected ${c.error}`,
          );
        }
        return;
      }
      // Compared as labels, in id order, so a failure names the notes and cards.
      const noteLabel = labelsById(fixture.allNotes, fixture.note);
      const cardLabel = labelsById(fixture.allCards, fixture.card);
      const notes = c.notes ?? [];
      const expectedNotes = sortedIds(notes.map((label) => fixture.note(label)));
      assert.deepEqual(findNotes(fixture.col, query).map(noteLabel), expectedNotes.map(noteLabel), 'findNotes');
      const cards = c.cards ?? notes.flatMap((label) => fixture.cardsOf(label));
      const expectedCards = sortedIds(cards.map((label) => fixture.card(label)));
      assert.deepEqual(findCards(fixture.col, query).map(cardLabel), expectedCards.map(cardLabel), 'findCards');
    });
  }
});
