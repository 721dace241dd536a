import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { cardsOf, graves, noteRow } from './setup.js';

const t = useTestDispatcher({ scope: 'each' });
let n = 0;

const add = (modelName = 'Basic (and reversed card)', fields: Record<string, string> = { Front: `front ${++n}`, Back: 'back' }) =>
  t.call('addNote', { note: { deckName: 'Default', modelName, fields } }) as Promise<number>;
const count = (table: string) => (t.col.db.prepare(`select count() as n from ${table}`).get() as { n: number }).n;

test('deleteNotes removes notes and cards, leaves a grave for each with usn -1, keeps review history, ignores unknown ids', async () => {
  const a = await add();
  const b = await add();
  const keep = await add();
  const aCards = cardsOf(t.col, a);
  const bCards = cardsOf(t.col, b);
  t.col.transact(() =>
    t.col.db.prepare('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, 3, 1, 0, 2500, 5000, 0)').run(1_700_000_000_000, aCards[0]),
  );
  await t.call('deleteNotes', { notes: [a, 123, b] });
  assert.equal(noteRow(t.col, a), undefined);
  assert.equal(noteRow(t.col, b), undefined);
  assert.ok(noteRow(t.col, keep));
  assert.deepEqual(graves(t.col, 1), [a, b].sort((x, y) => x - y));
  assert.deepEqual(graves(t.col, 0), [...aCards, ...bCards].sort((x, y) => x - y));
  assert.equal((t.col.db.prepare('select count() as n from graves where usn != -1').get() as { n: number }).n, 0);
  assert.equal(count('revlog'), 1, 'review history stays, as in Anki');
  assert.equal(count('cards'), 2);
  await t.call('deleteNotes', { notes: [] });
  await t.call('deleteNotes', { notes: [a] });
  assert.equal(graves(t.col, 1).length, 2, 'deleting again changes nothing');
});

test('removeEmptyNotes deletes the notes whose every field is empty, with their cards', async () => {
  const empty = await add('Basic', { Front: 'will be emptied', Back: 'x' });
  const blankish = await add('Basic', { Front: 'also', Back: 'y' });
  const half = await add('Basic', { Front: 'stays', Back: 'z' });
  const nbsp = await add('Basic', { Front: 'nbsp', Back: 'w' });
  await t.call('updateNoteFields', { note: { id: empty, fields: { Front: '', Back: '' } } });
  await t.call('updateNoteFields', { note: { id: blankish, fields: { Front: ' <br> ', Back: '<div></div>\n' } } });
  await t.call('updateNoteFields', { note: { id: half, fields: { Front: '' } } });
  await t.call('updateNoteFields', { note: { id: nbsp, fields: { Front: '&nbsp;', Back: '' } } });
  const emptyCards = cardsOf(t.col, empty);
  assert.equal(await t.call('removeEmptyNotes'), null);
  assert.equal(noteRow(t.col, empty), undefined);
  assert.equal(noteRow(t.col, blankish), undefined);
  assert.ok(noteRow(t.col, half));
  assert.ok(noteRow(t.col, nbsp), 'a non-breaking space is content, as for card generation');
  assert.ok(emptyCards.every((id) => graves(t.col, 0).includes(id)));
});

test('notesModTime: {noteId, mod} in request order, {} for unknown ids, duplicates repeated', async () => {
  const a = await add();
  t.clock.advance(3000);
  const b = await add();
  const modOf = (id: number) => noteRow(t.col, id)?.mod;
  assert.deepEqual(await t.call('notesModTime', { notes: [b, 99, a, b] }), [
    { noteId: b, mod: modOf(b) },
    {},
    { noteId: a, mod: modOf(a) },
    { noteId: b, mod: modOf(b) },
  ]);
  assert.notEqual(modOf(a), modOf(b));
});
