import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { addNotetype, graves, noteRow } from './setup.js';

const t = useTestDispatcher({ scope: 'each' });

interface CardRow {
  id: number;
  ord: number;
  did: number;
  due: number;
  type: number;
  ivl: number;
}
const cards = (nid: number) => t.col.db.prepare('select id, ord, did, due, type, ivl from cards where nid = ? order by ord').all(nid) as CardRow[];
const midOf = (name: string) => t.col.notetypes.idByName(name);

async function addNote(modelName: string, fields: Record<string, string>, deckName = 'Default', tags: string[] = []): Promise<number> {
  return (await t.call('addNote', { note: { deckName, modelName, fields, tags } })) as number;
}

test('Basic to reversed: fields by name (case-insensitively), tags replaced, card 1 kept with its scheduling, card 2 added beside it', async () => {
  await t.call('createDeck', { deck: 'Lang' });
  const id = await addNote('Basic', { Front: 'f', Back: 'b' }, 'Lang', ['old']);
  const [first] = cards(id);
  t.col.db.prepare('update cards set type = 2, queue = 2, due = 10, ivl = 5, factor = 2500 where id = ?').run(first?.id);
  await t.call('updateNoteModel', { note: { id, modelName: 'basic (and reversed card)', fields: { FRONT: 'new f', back: 'new b' }, tags: ['yanki'] } });
  const row = noteRow(t.col, id);
  assert.equal(row?.mid, midOf('Basic (and reversed card)'));
  assert.equal(row?.flds, 'new f\x1fnew b');
  assert.equal(row.tags, ' yanki ');
  const after = cards(id);
  assert.deepEqual(after.map((card) => card.ord), [0, 1]);
  assert.equal(after[0]?.id, first?.id);
  assert.equal(after[0]?.ivl, 5, 'the review card keeps its scheduling');
  assert.equal(after[1]?.did, first?.did, 'the new card joins the deck of the note’s cards');
});

test('fields not given become empty; tags default to none', async () => {
  const id = await addNote('Basic', { Front: 'f', Back: 'b' }, 'Default', ['keep?']);
  await t.call('updateNoteModel', { note: { id, modelName: 'Basic', fields: { Front: 'only front' } } });
  assert.equal(noteRow(t.col, id)?.flds, 'only front\x1f');
  assert.equal(noteRow(t.col, id)?.tags, '');
});

test('reversed to Basic: the card for the missing template is deleted with a grave', async () => {
  const id = await addNote('Basic (and reversed card)', { Front: 'f', Back: 'b' });
  const [card1, card2] = cards(id);
  await t.call('updateNoteModel', { note: { id, modelName: 'Basic', fields: { Front: 'f', Back: 'b' } } });
  assert.deepEqual(cards(id).map((card) => card.id), [card1?.id]);
  assert.deepEqual(graves(t.col, 0), [card2?.id]);
});

test('a note that would be left without cards keeps card 1', async () => {
  addNotetype(t.col, 'two sided', ['a', 'b'], [
    ['{{a}}', '{{b}}'],
    ['{{b}}', '{{a}}'],
  ]);
  await t.call('createDeck', { deck: 'Elsewhere' });
  const id = await addNote('two sided', { a: 'x', b: 'y' }, 'Elsewhere');
  // Only the second card left: the first was deleted in Anki's browser, say.
  const [first, second] = cards(id);
  t.col.transact(() => t.col.db.prepare('delete from cards where id = ?').run(first?.id));
  await t.call('updateNoteModel', { note: { id, modelName: 'Basic', fields: { Back: 'only the back' } } });
  const left = cards(id);
  assert.equal(left.length, 1);
  assert.equal(left[0]?.ord, 0);
  assert.equal(left[0].did, second?.did, 'in the deck the removed card was in');
  assert.equal(left[0].due, second?.due, 'at the position it had');
});

test('to Cloze: one card per cloze number, the old card 1 kept', async () => {
  const id = await addNote('Basic', { Front: 'f', Back: 'b' });
  await t.call('updateNoteModel', { note: { id, modelName: 'Cloze', fields: { Text: '{{c1::a}} {{c3::b}}' } } });
  assert.deepEqual(cards(id).map((card) => card.ord), [0, 2]);
});

test('nothing changes when type, fields and tags are the same', async () => {
  const id = await addNote('Basic', { Front: 'f', Back: 'b' }, 'Default', ['t']);
  const before = noteRow(t.col, id);
  t.clock.advance(10_000);
  await t.call('updateNoteModel', { note: { id, modelName: 'Basic', fields: { Front: 'f', Back: 'b' }, tags: ['t'] } });
  assert.deepEqual(noteRow(t.col, id), before);
});

test("extra keys are tolerated (yanki sends its whole note); upstream's errors in upstream's order", async () => {
  const id = await addNote('Basic', { Front: 'f', Back: 'b' });
  await t.call('updateNoteModel', {
    note: { id, noteId: id, deckName: 'Default', cards: [], modelName: 'Basic', fields: { Front: 'g', Back: 'b' }, tags: [] },
  });
  assert.equal(noteRow(t.col, id)?.flds, 'g\x1fb');
  const fail = (note: Record<string, unknown>, message: RegExp) => assert.rejects(t.call('updateNoteModel', { note }), message);
  await fail({ modelName: 'Basic', fields: { Front: 'x' } }, /^Error: Note ID is required$/);
  await fail({ id, fields: { Front: 'x' } }, /^Error: Model name is required$/);
  await fail({ id, modelName: 'Basic' }, /^Error: Fields must be provided as a dictionary$/);
  await fail({ id, modelName: 'Basic', fields: {} }, /^Error: Fields must be provided as a dictionary$/);
  await fail({ id, modelName: 'Basic', fields: ['x'] }, /^Error: Fields must be provided as a dictionary$/);
  await fail({ id: 99, modelName: 'Basic', fields: { Front: 'x' } }, /^Error: Note was not found: 99$/);
  await fail({ id, modelName: 'Yanki - Basic', fields: { Front: 'x' } }, /^Error: Model 'Yanki - Basic' not found$/);
  assert.equal(noteRow(t.col, id)?.flds, 'g\x1fb');
});
