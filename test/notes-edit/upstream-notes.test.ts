// Anki-Connect's own test cases for the note-editing actions (tests/test_notes.py, pytest suite,
// ankiconnect-spec.md §4.1), run through the dispatcher on the same fixture: note type
// test_model, deck test_deck, two notes tagged tag1 and tag2. Where upstream checks with
// findNotes, the check reads the collection directly, so these cases do not depend on search.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { useTestDispatcher } from '../support/dispatch.js';
import { upstreamSetup, type UpstreamSetup } from './setup.js';

const t = useTestDispatcher({ scope: 'each' });
let setup: UpstreamSetup;
beforeEach(async () => {
  setup = await upstreamSetup(t);
});

const tagsOf = async (note: number) => ((await t.call('notesInfo', { notes: [note] })) as { tags: string[] }[])[0]?.tags;
const notesInDeck = (deckId: number) =>
  (t.col.db.prepare('select distinct nid from cards where did = ? order by nid').all(deckId) as { nid: number }[]).map((row) => row.nid);

describe('TestTags', () => {
  test('addTags', async () => {
    await t.call('addTags', { notes: [setup.note1], tags: 'tag2' });
    assert.deepEqual(new Set(await tagsOf(setup.note1)), new Set(['tag1', 'tag2']));
  });

  test('getTags', async () => {
    assert.deepEqual(new Set((await t.call('getTags')) as string[]), new Set(['tag1', 'tag2']));
  });

  test('removeTags', async () => {
    await t.call('removeTags', { notes: [setup.note2], tags: 'tag2' });
    assert.deepEqual(await tagsOf(setup.note2), []);
  });

  test('replaceTags (an unknown note id among them is skipped)', async () => {
    await t.call('replaceTags', { notes: [setup.note1, 123], tag_to_replace: 'tag1', replace_with_tag: 'foo' });
    assert.deepEqual(await tagsOf(setup.note1), ['foo']);
  });

  test('replaceTagsInAllNotes', async () => {
    await t.call('replaceTagsInAllNotes', { tag_to_replace: 'tag1', replace_with_tag: 'foo' });
    assert.deepEqual(await tagsOf(setup.note1), ['foo']);
  });

  test('clearUnusedTags', async () => {
    await t.call('removeTags', { notes: [setup.note2], tags: 'tag2' });
    await t.call('clearUnusedTags');
    assert.deepEqual(await t.call('getTags'), ['tag1']);
  });
});

describe('updateNoteTags and getNoteTags', () => {
  test('a string is one tag', async () => {
    await t.call('updateNoteTags', { note: setup.note1, tags: 'footag' });
    assert.deepEqual(await t.call('getNoteTags', { note: setup.note1 }), ['footag']);
  });

  test('a list replaces all tags', async () => {
    await t.call('updateNoteTags', { note: setup.note1, tags: ['foo', 'bar', 'baz'] });
    assert.deepEqual(new Set((await t.call('getNoteTags', { note: setup.note1 })) as string[]), new Set(['foo', 'bar', 'baz']));
  });

  test('anything but strings is refused', async () => {
    await assert.rejects(t.call('updateNoteTags', { note: setup.note1, tags: 123 }), /^Error: Must provide tags as a list of strings$/);
    await assert.rejects(t.call('updateNoteTags', { note: setup.note1, tags: ['a', 1] }), /Must provide tags as a list of strings/);
  });
});

describe('TestUpdateNoteFields', () => {
  test('updateNoteFields', async () => {
    await t.call('updateNoteFields', { note: { id: setup.note1, fields: { field1: 'foo', field2: 'bar' } } });
    const info = ((await t.call('notesInfo', { notes: [setup.note1] })) as { fields: Record<string, { value: string }> }[])[0];
    assert.equal(info?.fields['field2']?.value, 'bar');
  });

  test('updateNoteFields will not update invalid notes', async () => {
    await assert.rejects(
      t.call('updateNoteFields', { note: { id: 123, fields: { Front: 'front1', Back: 'back1' } } }),
      /^Error: Note was not found: 123$/,
    );
  });
});

describe('TestUpdateNote', () => {
  test('updateNote with fields and tags', async () => {
    await t.call('updateNote', { note: { id: setup.note1, fields: { field1: 'frontbar', field2: 'backbar' }, tags: ['foobar'] } });
    const info = ((await t.call('notesInfo', { notes: [setup.note1] })) as { fields: Record<string, { value: string }>; tags: string[] }[])[0];
    assert.equal(info?.fields['field1']?.value, 'frontbar');
    assert.equal(info.fields['field2']?.value, 'backbar');
    assert.deepEqual(info.tags, ['foobar']);
  });

  test('updateNote requires either fields or tags', async () => {
    await assert.rejects(t.call('updateNote', { note: { id: setup.note1 } }), /ust provide/);
  });
});

test('deleteNotes (checked without search: the deck has no notes left)', async () => {
  assert.deepEqual(notesInDeck(setup.deckId), [setup.note1, setup.note2].sort((a, b) => a - b));
  await t.call('deleteNotes', { notes: [setup.note1, setup.note2] });
  assert.deepEqual(notesInDeck(setup.deckId), []);
});
