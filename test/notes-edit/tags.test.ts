import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { noteRow } from './setup.js';

const t = useTestDispatcher({ scope: 'each' });
let front = 0;

const add = (tags: string[]) =>
  t.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: `note ${++front}`, Back: '' }, tags } }) as Promise<number>;
const stored = (id: number) => noteRow(t.col, id)?.tags;
const registry = () => t.call('getTags') as Promise<string[]>;
/** Makes a note carry exactly this tags column, as an old client or another tool may have left it. */
const setStored = (id: number, tags: string) => t.col.transact(() => t.col.db.prepare('update notes set tags = ? where id = ?').run(tags, id));

// A registered sibling (Lang::de) does not lend its spelling to LANG::fr: only a registered
// ancestor would (rslib `first_existing_parent_tag`); real Anki 26.9's bulk_add keeps LANG::fr.
test('addTags takes registered spellings (not a sibling\'s), sorts case-insensitively, skips tags a note has in another case', async () => {
  const a = await add(['Lang::de', 'zebra']);
  const b = await add(['ALPHA']);
  await t.call('addTags', { notes: [a, b, 424242], tags: 'alpha LANG::fr Zebra' });
  assert.equal(stored(a), ' ALPHA Lang::de LANG::fr zebra ');
  assert.equal(stored(b), ' ALPHA LANG::fr zebra ');
  assert.deepEqual(await registry(), ['ALPHA', 'Lang::de', 'LANG::fr', 'zebra']);
});

test('a new child tag takes the spelling of a registered ancestor', async () => {
  await add(['lang']);
  const a = await add([]);
  await t.call('addTags', { notes: [a], tags: 'LANG::fr::Extra' });
  assert.equal(stored(a), ' lang::fr::Extra ');
});

test('addTags stamps only the notes it changes', async () => {
  const a = await add(['x']);
  const b = await add([]);
  const before = noteRow(t.col, a);
  t.clock.advance(30_000);
  await t.call('addTags', { notes: [a, b], tags: 'X' });
  assert.deepEqual(noteRow(t.col, a), before);
  assert.equal(noteRow(t.col, b)?.mod, (before?.mod ?? 0) + 30);
  assert.equal(stored(b), ' x ');
});

test('removeTags removes the tag and its descendants, ignoring case, and leaves the tag list alone', async () => {
  const a = await add(['a', 'A::b', 'a::b::c', 'ab', 'b::a']);
  await t.call('removeTags', { notes: [a], tags: 'A' });
  assert.equal(stored(a), ' ab b::a ');
  assert.ok((await registry()).includes('a'));
});

test('addTags with add=false removes', async () => {
  const a = await add(['one', 'two']);
  await t.call('addTags', { notes: [a], tags: 'one', add: false });
  assert.equal(stored(a), ' two ');
});

test('tags may be sent as a list as well as a space-separated string', async () => {
  const a = await add([]);
  await t.call('addTags', { notes: [a], tags: ['x', 'y z'] });
  assert.equal(stored(a), ' x y z ');
  await t.call('removeTags', { notes: [a], tags: ['y', 'z'] });
  assert.equal(stored(a), ' x ');
});

test("Obsidian_to_Anki's clear: every tag of the collection in one string", async () => {
  const a = await add(['obsidian', 'deep::nested::tag', 'keep-not']);
  const all = (await registry()).join(' ');
  await t.call('removeTags', { notes: [a], tags: all });
  assert.equal(stored(a), '');
});

test('replaceTags: whole tags only, ignoring case; the replacement is registered and canonical', async () => {
  // The child takes its registered parent's spelling when added: "Tag1::child".
  const a = await add(['Tag1', 'tag1::child', 'other']);
  const b = await add(['other']);
  const before = noteRow(t.col, b);
  t.clock.advance(1000);
  await t.call('replaceTags', { notes: [a, b], tag_to_replace: 'TAG1', replace_with_tag: 'Renamed' });
  assert.equal(stored(a), ' other Renamed Tag1::child ');
  assert.deepEqual(noteRow(t.col, b), before, 'a note without the tag is untouched');
  assert.ok((await registry()).includes('Renamed'));
});

test('replaceTags onto a tag the note already has leaves one copy', async () => {
  const a = await add(['old', 'new']);
  await t.call('replaceTags', { notes: [a], tag_to_replace: 'old', replace_with_tag: 'NEW' });
  assert.equal(stored(a), ' new ');
});

test('replaceTagsInAllNotes matches non-ASCII tags case-insensitively, and only whole tags', async () => {
  const a = await add(['Ärger']);
  const b = await add(['ärger::sub']);
  const c = await add(['ÄRGERLICH']);
  const d = await add([]);
  setStored(d, ' ÄRGER ');
  await t.call('replaceTagsInAllNotes', { tag_to_replace: 'ärger', replace_with_tag: 'Freude' });
  assert.equal(stored(a), ' Freude ');
  assert.equal(stored(b), ' Ärger::sub ', 'a child (spelled like its registered parent) is not the tag');
  assert.equal(stored(c), ' ÄRGERLICH ');
  assert.equal(stored(d), ' Freude ');
});

test('replaceTagsInAllNotes with full case folding: ß matches SS', async () => {
  const a = await add(['straße']);
  await t.call('replaceTagsInAllNotes', { tag_to_replace: 'STRASSE', replace_with_tag: 'road' });
  assert.equal(stored(a), ' road ');
});

test('clearUnusedTags keeps the parents of used tags and matches case-insensitively', async () => {
  const a = await add(['p', 'p::child', 'gone', 'Mixed']);
  await t.call('removeTags', { notes: [a], tags: 'gone' });
  // The note keeps "p::child" only; "p" itself is no longer on any note.
  setStored(a, ' mixed p::child ');
  await t.call('clearUnusedTags');
  assert.deepEqual(await registry(), ['Mixed', 'p', 'p::child']);
  // Back to the registered spelling: Check Database would re-canonify the foreign write.
  setStored(a, ' Mixed p::child ');
});

test('updateNoteTags: canonical result, no modification when nothing changes, errors', async () => {
  const a = await add(['b', 'a']);
  const before = noteRow(t.col, a);
  t.clock.advance(1000);
  await t.call('updateNoteTags', { note: a, tags: ['A', 'b'] });
  assert.deepEqual(noteRow(t.col, a), before, 'the same tags in another case and order change nothing');
  await t.call('updateNoteTags', { note: a, tags: 'x y' });
  assert.equal(stored(a), ' x y ');
  await t.call('updateNoteTags', { note: a, tags: [] });
  assert.equal(stored(a), '');
  await assert.rejects(t.call('updateNoteTags', { note: 5, tags: [] }), /^Error: Note was not found: 5$/);
  await assert.rejects(t.call('getNoteTags', { note: 5 }), /^Error: Note was not found: 5$/);
});
