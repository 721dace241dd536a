// The search actions through the dispatcher: findCards, findNotes, cardsToNotes, guiBrowse and
// notesInfo with a query, with Anki-Connect's parameters, results and error texts
// (reference/ankiconnect-spec.md §2.1, §2.3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertIntegrity } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';

describe('search actions', () => {
  let t: TestDispatcher;
  let cat = 0;
  let dog = 0;
  let dogCards: number[] = [];
  let catCards: number[] = [];

  before(async () => {
    t = newTestDispatcher();
    await t.call('createDeck', { deck: 'Mining::Sub' });
    cat = (await t.call('addNote', {
      note: { deckName: 'Mining', modelName: 'Basic', fields: { Front: '猫', Back: 'cat' }, tags: ['animal'] },
    })) as number;
    dog = (await t.call('addNote', {
      note: { deckName: 'Mining::Sub', modelName: 'Basic (and reversed card)', fields: { Front: 'dog', Back: 'inu' }, tags: ['animal'] },
    })) as number;
    catCards = t.col.db.prepare('select id from cards where nid = ? order by ord').pluck().all(cat) as number[];
    dogCards = t.col.db.prepare('select id from cards where nid = ? order by ord').pluck().all(dog) as number[];
    assertIntegrity(t.col);
  });
  after(() => t.close());

  test('findNotes and findCards answer ids in ascending order', async () => {
    assert.deepEqual(await t.call('findNotes', { query: 'tag:animal' }), [cat, dog]);
    assert.deepEqual(await t.call('findCards', { query: 'tag:animal' }), [...catCards, ...dogCards]);
    assert.deepEqual(await t.call('findCards', { query: 'deck:Mining::Sub' }), dogCards);
    assert.deepEqual(await t.call('findNotes', { query: 'nothing-matches-this' }), []);
  });

  test('a null or missing query finds nothing (Anki-Connect returns [])', async () => {
    for (const action of ['findNotes', 'findCards']) {
      assert.deepEqual(await t.call(action, { query: null }), []);
      assert.deepEqual(await t.call(action, {}), []);
      assert.deepEqual(await t.call(action), []);
    }
  });

  test('an empty query is the whole collection', async () => {
    assert.deepEqual(await t.call('findNotes', { query: '' }), [cat, dog]);
  });

  test('an invalid query answers Anki\'s search error text in the envelope', async () => {
    const reply = await t.request({ action: 'findNotes', version: 6, params: { query: 'deck:Mining and' } });
    assert.deepEqual(reply, {
      result: null,
      error:
        'Invalid search: an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.',
    });
    const cards = await t.request({ action: 'findCards', version: 6, params: { query: 'is:nothing' } });
    assert.deepEqual(cards, { result: null, error: "Invalid search: `is:` was given an invalid argument '`nothing`'." });
  });

  test('a query of the wrong type is refused by parameter validation', async () => {
    await assert.rejects(t.call('findNotes', { query: 5 }), /findNotes\(\): invalid parameter 'query'/);
  });

  test('cardsToNotes: distinct note ids, unknown cards dropped', async () => {
    assert.deepEqual(await t.call('cardsToNotes', { cards: [...dogCards, ...catCards, 42] }), [cat, dog]);
    assert.deepEqual(await t.call('cardsToNotes', { cards: [] }), []);
  });

  test('guiBrowse answers findCards(query), [] without a query', async () => {
    assert.deepEqual(await t.call('guiBrowse', { query: `nid:${dog}` }), dogCards);
    assert.deepEqual(await t.call('guiBrowse', { query: 'deck:current' }), []);
    assert.deepEqual(await t.call('guiBrowse', {}), []);
    assert.deepEqual(await t.call('guiBrowse', { query: null }), []);
  });

  test('guiBrowse accepts a valid reorderCards; the result is still findCards', async () => {
    assert.deepEqual(await t.call('guiBrowse', { query: 'tag:animal', reorderCards: { order: 'descending', columnId: 'noteFld' } }), [
      ...catCards,
      ...dogCards,
    ]);
  });

  test('guiBrowse checks reorderCards with Anki-Connect\'s messages, in its order', async () => {
    const error = async (reorderCards: unknown, query: string | null = 'tag:animal') =>
      ((await t.request({ action: 'guiBrowse', version: 6, params: { query, reorderCards } })) as { error: string | null }).error;
    assert.equal(await error([1, 'a']), "reorderCards should be a dict: [1, 'a']");
    assert.equal(await error('up'), 'reorderCards should be a dict: up');
    assert.equal(await error(true), 'reorderCards should be a dict: True');
    assert.equal(await error({ order: 'ascending' }), 'Must provide a "columnId" and a "order" property"');
    assert.equal(await error({ columnId: 'noteFld' }), 'Must provide a "columnId" and a "order" property"');
    assert.equal(await error({ order: 'up', columnId: 'noteFld' }), 'invalid card order: up');
    assert.equal(await error({ order: 'ascending', columnId: 'nope' }), 'invalid columnId: nope');
    assert.equal(await error({ order: 'ascending', columnId: 3 }), 'invalid columnId: 3');
    // reorderCards is checked before the query is searched, even without a query.
    assert.equal(await error({ order: 'up', columnId: 'noteFld' }, 'deck:Mining and'), 'invalid card order: up');
    assert.equal(await error({ order: 'up', columnId: 'noteFld' }, null), 'invalid card order: up');
    assert.match((await error({ order: 'ascending', columnId: 'deck' }, 'deck:Mining and')) ?? '', /^Invalid search: an `and`/);
  });

  test('notesInfo with a query answers the notes it finds; the query wins over notes', async () => {
    const infos = (await t.call('notesInfo', { query: 'deck:Mining::Sub' })) as { noteId: number; cards: number[]; fields: unknown }[];
    assert.deepEqual(infos.map(({ noteId, cards, fields }) => ({ noteId, cards, fields })), [
      { noteId: dog, cards: dogCards, fields: { Front: { value: 'dog', order: 0 }, Back: { value: 'inu', order: 1 } } },
    ]);
    const both = (await t.call('notesInfo', { notes: [cat], query: `nid:${dog}` })) as { noteId: number }[];
    assert.deepEqual(both.map((info) => info.noteId), [dog]);
    assert.deepEqual(await t.call('notesInfo', { query: 'nothing-matches-this' }), []);
    assert.deepEqual(((await t.call('notesInfo', { notes: [cat], query: null })) as { noteId: number }[]).map((info) => info.noteId), [cat]);
  });

  test('notesInfo: an invalid query is a search error; neither param keeps its own error', async () => {
    await assert.rejects(t.call('notesInfo', { query: '(' }), /^Error: Invalid search: an opening bracket/);
    await assert.rejects(t.call('notesInfo', {}), /^Error: Must provide either "notes" or a "query"$/);
  });

  test('inside multi, items without a version get bare id arrays', async () => {
    const reply = await t.request({
      action: 'multi',
      version: 6,
      params: {
        actions: [
          { action: 'findNotes', params: { query: '"front:dog"' } },
          { action: 'findCards', params: { query: `nid:${cat}` } },
          { action: 'findNotes', params: { query: 'and' } },
        ],
      },
    });
    assert.deepEqual(reply, {
      result: [
        [dog],
        catCards,
        {
          result: null,
          error:
            'Invalid search: an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.',
        },
      ],
      error: null,
    });
  });
});
