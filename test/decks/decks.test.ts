import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkIntegrity } from '../../src/dbcheck/check.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { addFilteredDeck, cardsOf, graves, noteRow } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let n = 0;

interface CardRow {
  did: number;
  odid: number;
  due: number;
  odue: number;
  queue: number;
  mod: number;
}
const card = (id: number | undefined) => t.col.db.prepare('select did, odid, due, odue, queue, mod from cards where id = ?').get(id) as CardRow | undefined;
const deckId = (name: string) => t.col.decks.idByName(name);
const names = () => t.call('deckNames') as Promise<string[]>;

async function note(deckName: string, modelName = 'Basic (and reversed card)'): Promise<{ id: number; cards: number[] }> {
  await t.call('createDeck', { deck: deckName });
  const id = (await t.call('addNote', { note: { deckName, modelName, fields: { Front: `f${++n}`, Back: 'b' } } })) as number;
  return { id, cards: cardsOf(t.col, id) };
}

describe('changeDeck', () => {
  test('creates the deck with its parents and stamps the moved cards', async () => {
    const { cards } = await note('Default');
    t.clock.advance(4000);
    await t.call('changeDeck', { cards: [cards[0], 999], deck: 'Japanese::JLPT N3' });
    assert.deepEqual(await names(), ['Default', 'Japanese', 'Japanese::JLPT N3']);
    assert.equal(card(cards[0])?.did, deckId('Japanese::JLPT N3'));
    assert.equal(card(cards[0])?.mod, t.col.nowSecs());
    assert.equal(card(cards[1])?.did, 1, 'cards not listed stay');
  });

  test('an existing deck is matched case-insensitively; an empty card list still creates the deck', async () => {
    const { cards } = await note('Spanish');
    await t.call('changeDeck', { cards: [], deck: 'Empty::Made' });
    await t.call('changeDeck', { cards, deck: 'SPANISH' });
    assert.deepEqual(await names(), ['Default', 'Empty', 'Empty::Made', 'Spanish']);
  });

  test('a card in a filtered deck returns home first, then moves', async () => {
    const { cards } = await note('Home');
    const filtered = addFilteredDeck(t.col, 'Filtered', cards);
    const due = card(cards[1])?.odue;
    await t.call('changeDeck', { cards: [cards[0]], deck: 'Target' });
    assert.deepEqual(card(cards[0]), { did: deckId('Target'), odid: 0, due, odue: 0, queue: 0, mod: t.col.nowSecs() });
    assert.equal(card(cards[1])?.did, filtered, 'the other card is still borrowed');
  });

  test('a filtered deck cannot be the target', async () => {
    const { cards } = await note('Home');
    addFilteredDeck(t.col, 'Filtered', []);
    await assert.rejects(t.call('changeDeck', { cards, deck: 'filtered' }), /^Error: Cards can't be manually moved into a filtered deck\.$/);
  });
});

test('getDecks groups cards by their current deck, in request order; unknown ids are left out', async () => {
  const a = await note('Japanese::JLPT N3');
  const b = await note('Default');
  addFilteredDeck(t.col, 'Cram', [b.cards[1] ?? 0]);
  assert.deepEqual(await t.call('getDecks', { cards: [b.cards[0], a.cards[0], 12345, b.cards[1], a.cards[1]] }), {
    Default: [b.cards[0]],
    'Japanese::JLPT N3': [a.cards[0], a.cards[1]],
    Cram: [b.cards[1]],
  });
});

test('deckNameFromId', async () => {
  const id = (await t.call('createDeck', { deck: 'A::B' })) as number;
  assert.equal(await t.call('deckNameFromId', { deckId: id }), 'A::B');
  await assert.rejects(t.call('deckNameFromId', { deckId: 5 }), /^Error: deck was not found: 5$/);
});

describe('deleteDecks', () => {
  test('subdecks go too; cards, lent ones included, and notes left without cards are deleted, with graves', async () => {
    const parent = await note('P');
    const child = await note('P::C');
    const split = await note('Other');
    // One card of this note lives in P::C, the other stays in Other: the note survives.
    await t.call('changeDeck', { cards: [split.cards[0]], deck: 'P::C' });
    const cram = addFilteredDeck(t.col, 'Cram', [parent.cards[0] ?? 0]);
    const [pId, cId] = [deckId('P'), deckId('P::C')];
    await t.call('deleteDecks', { decks: ['p', 'Unknown'], cardsToo: true });
    assert.deepEqual(await names(), ['Cram', 'Default', 'Other']);
    assert.equal(noteRow(t.col, parent.id), undefined);
    assert.equal(noteRow(t.col, child.id), undefined);
    assert.ok(noteRow(t.col, split.id));
    assert.deepEqual(cardsOf(t.col, split.id), [split.cards[1]]);
    assert.equal(card(parent.cards[0]), undefined, 'the card lent to a filtered deck is deleted with its home deck');
    assert.deepEqual(graves(t.col, 2), [pId, cId].sort((a, b) => (a ?? 0) - (b ?? 0)));
    assert.deepEqual(graves(t.col, 1), [parent.id, child.id].sort((a, b) => a - b));
    assert.equal(graves(t.col, 0).length, 5);
    assert.ok(t.col.decks.get(cram), 'the filtered deck stays');
    // Anki leaves the surviving note without its deleted card, and so do we. Anki's Check
    // Database (and any edit of the note) silently generates it again; the integrity checker
    // is stricter and names it.
    assert.deepEqual(
      checkIntegrity(t.col).map((problem) => problem.rule),
      ['missing-card'],
    );
    await t.call('updateNoteFields', { note: { id: split.id, fields: { Back: 'edited' } } });
    const regenerated = t.col.db.prepare('select ord, did from cards where nid = ? order by ord').all(split.id);
    assert.deepEqual(regenerated, [{ ord: 0, did: deckId('Other') }, { ord: 1, did: deckId('Other') }]);
  });

  test('deleting a filtered deck returns its cards home', async () => {
    const { cards } = await note('Home');
    const before = card(cards[0]);
    const cram = addFilteredDeck(t.col, 'Cram', cards);
    await t.call('deleteDecks', { decks: ['Cram'], cardsToo: true });
    assert.deepEqual(card(cards[0]), { ...before, mod: t.col.nowSecs() });
    assert.deepEqual(graves(t.col, 2), [cram]);
    assert.deepEqual(graves(t.col, 0), []);
  });

  test('the default deck is emptied, not deleted; the per-deck config keys of a deleted deck go', async () => {
    const inDefault = await note('Default');
    const other = await note('Other');
    const otherId = deckId('Other');
    assert.ok(t.col.config.get(`_deck_${otherId}_lastNotetype`) !== undefined);
    await t.call('deleteDecks', { decks: ['Default', 'Other'], cardsToo: true });
    assert.deepEqual(await names(), ['Default']);
    assert.equal(noteRow(t.col, inDefault.id), undefined);
    assert.equal(noteRow(t.col, other.id), undefined);
    assert.equal(t.col.config.get(`_deck_${otherId}_lastNotetype`), undefined);
    assert.deepEqual(graves(t.col, 2), [otherId]);
  });

  test('an empty list is fine (yanki sends one)', async () => {
    await t.call('deleteDecks', { decks: [], cardsToo: true });
    assert.deepEqual(await names(), ['Default']);
  });
});

describe('updateCompleteDeck', () => {
  const data = (overrides: { card?: Record<string, unknown>; note?: Record<string, unknown>; model?: Record<string, unknown> } = {}) => ({
    data: {
      deck: 'Pasted::Deck',
      cards: { '77': { id: 77, nid: 55, ord: 0, type: 2, queue: 2, due: 40, factor: 2300, ivl: 12, reps: 4, lapses: 1, left: 0, ...overrides.card } },
      notes: { '55': { id: 55, mid: 99, fields: ['<b>front</b>', 'back'], tags: ['Pasted'], ...overrides.note } },
      models: { '99': { id: 99, name: 'Pasted model', fields: ['Q', 'A'], templateNames: ['Forward', 'Reverse'], ...overrides.model } },
    },
  });

  test('pastes scheduling as given, derives the note columns, creates the model once and the cards it calls for', async () => {
    await t.call('updateCompleteDeck', data());
    const pasted = t.col.db.prepare('select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses from cards where nid = 55 order by ord').all();
    assert.equal(pasted.length, 2, 'the second template of the new model makes a card too');
    assert.deepEqual(pasted[0], { id: 77, nid: 55, did: deckId('Pasted::Deck'), ord: 0, type: 2, queue: 2, due: 40, ivl: 12, factor: 2300, reps: 4, lapses: 1 });
    const note = noteRow(t.col, 55);
    assert.equal(note?.sfld, 'front');
    assert.equal(note.tags, ' Pasted ');
    const guid = (t.col.db.prepare('select guid from notes where id = 55').get() as { guid: string }).guid;
    const model = t.col.notetypes.byName('Pasted model');
    assert.equal(note.mid, model?.id);
    assert.deepEqual(model?.templates.map((template) => template.config.qFormat), ['{{Q}}', '{{A}}']);
    // Again, with new values: the same model (found by name) and the same guid.
    await t.call('updateCompleteDeck', data({ note: { fields: ['front 2', 'back 2'] } }));
    assert.equal(noteRow(t.col, 55)?.flds, 'front 2\x1fback 2');
    assert.equal((t.col.db.prepare('select guid from notes where id = 55').get() as { guid: string }).guid, guid);
    assert.equal((await t.call('modelNames') as string[]).filter((name) => name === 'Pasted model').length, 1);
  });

  test('an out-of-range new-card position takes the next one', async () => {
    await t.call('updateCompleteDeck', data({ card: { type: 0, queue: 0, due: 1_186_031, ivl: 0, factor: 0, reps: 0, lapses: 0 } }));
    const due = (t.col.db.prepare('select due from cards where id = 77').get() as { due: number }).due;
    assert.ok(due < 1_000_000);
  });

  test('inconsistent data is refused before anything is written', async () => {
    const refuse = (body: { data: Record<string, unknown> }, message: RegExp) => assert.rejects(t.call('updateCompleteDeck', body), message);
    await refuse({ data: { ...data().data, notes: {} } }, /note 55 of card 77 is not in "notes"/);
    await refuse(data({ note: { fields: ['only one'] } }), /note 55 has 1 fields, model Pasted model has 2/);
    await refuse(data({ card: { ord: 5 } }), /card 77 has ord 5/);
    await refuse(data({ card: { queue: 9 } }), /invalid type or queue/);
    await refuse(data({ model: { fields: ['Q', 'q'] } }), /valid, distinct names/);
    assert.deepEqual(await names(), ['Default']);
    assert.equal(noteRow(t.col, 55), undefined);
  });
});
