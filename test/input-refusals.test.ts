// Input the server refuses cleanly. Text that has no UTF-8 form (a lone surrogate from a `\ud800` escape) is refused before
// anything is written, with an error naming the param: SQLite would store its bytes as they are,
// and Anki, reading the columns as Rust strings, would refuse the collection's rows.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from './support/collections.js';
import { useTestDispatcher } from './support/dispatch.js';
import { startTestServer } from './support/server.js';

const t = useTestDispatcher({ scope: 'each' });

test('lone surrogates in fields, tags, deck and model names are refused, naming the param; nothing is written', async () => {
  const counts = () => t.col.db.prepare('select (select count() from notes) as n, (select count() from decks) as d, (select count() from notetypes) as m').get();
  const before = counts();
  const note = (fields: Record<string, string>, tags: string[] = []) => ({ note: { deckName: 'Default', modelName: 'Basic', fields, tags } });
  await assert.rejects(t.call('addNote', note({ Front: 'sur\ud800front', Back: 'b' })), /^Error: addNote\(\): invalid parameter 'note\.fields\.Front': the text is not valid Unicode/);
  await assert.rejects(t.call('addNote', note({ Front: 'ok', Back: 'b' }, ['t\ud83dag'])), /invalid parameter 'note\.tags\.0'/);
  await assert.rejects(t.call('createDeck', { deck: 'x\udc00y' }), /^Error: createDeck\(\): invalid parameter 'deck'/);
  await assert.rejects(t.call('cloneDeckConfigId', { name: 'p\udc00' }), /invalid parameter 'name'/);
  await assert.rejects(
    t.call('createModel', { modelName: 'm', inOrderFields: ['a\ud800'], cardTemplates: [{ Front: '{{a}}', Back: '' }] }),
    /invalid parameter 'inOrderFields\.0'/,
  );
  await assert.rejects(t.call('updateNoteFields', { note: { id: 1, fields: { ['k\ud800']: 'v' } } }), /invalid parameter 'note\.fields\.k/);
  assert.deepEqual(counts(), before);
  // A well-formed pair is text like any other.
  assert.equal(typeof (await t.call('addNote', note({ Front: 'emoji \ud83d\ude00', Back: 'b' }))), 'number');
});

test('over HTTP, a \\ud800 escape in the JSON body is refused the same way', async () => {
  const server = await startTestServer();
  try {
    const body = '{"action": "createDeck", "version": 6, "params": {"deck": "a\\ud800b"}}';
    const json = (await server.post(body)).json as { result: unknown; error: string };
    assert.equal(json.result, null);
    assert.match(json.error, /^createDeck\(\): invalid parameter 'deck': the text is not valid Unicode/);
  } finally {
    await server.stop();
  }
});

test('a search term too long for SQLite gets the clear search error, not SQLite\'s', async () => {
  await t.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'x', Back: 'y' } } });
  await assert.rejects(t.call('findNotes', { query: 'a'.repeat(50_001) }), /^Error: Invalid search: the search is too long or too deeply nested to run\.$/);
});

test('params nested thousands deep are refused before anything walks them', async () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 5000; i++) deep = [deep];
  await assert.rejects(t.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'f' }, tags: deep } }), /^Error: addNote\(\): invalid parameter 'note\.tags(\.0)+': nested more than 200 levels deep$/);
  let object: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) object = { a: object };
  await assert.rejects(t.call('multi', { actions: [object] }), /nested more than 200 levels deep/);
});

test('over HTTP too: a body nested thousands deep is answered, not a stack overflow', async () => {
  const server = await startTestServer();
  try {
    const body = `{"action": "addNote", "version": 6, "params": {"note": {"deckName": "Default", "modelName": "Basic", "fields": {"Front": "f"}, "tags": ${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
    const json = (await server.post(body)).json as { result: unknown; error: string };
    assert.equal(json.result, null);
    assert.match(json.error, /nested more than|recursion|too deeply nested/i);
    assert.doesNotMatch(json.error, /call stack/);
  } finally {
    await server.stop();
  }
});

describe('replies too large to build are refused, and the server goes on', () => {
  const small = useTestDispatcher({ scope: 'each', overrides: { webMaxReplyBytes: 20_000 } });

  test('a multi of huge results: the items that fit are answered, the rest refused', async () => {
    await small.call('createDeck', { deck: 'x'.repeat(5_000) });
    const replies = (await small.call('multi', { actions: Array.from({ length: 10 }, () => ({ action: 'deckNames', version: 6 })) })) as {
      result: unknown;
      error: string | null;
    }[];
    const refused = replies.filter((reply) => reply.error !== null);
    assert.ok(replies.length === 10 && refused.length >= 5 && refused.length < 10, `${refused.length} refused`);
    assert.match(refused[0]!.error!, /^the reply would be larger than 20000 bytes \(setting webMaxReplyBytes\); ask for less at a time$/);
    assert.deepEqual(await small.call('version'), 6, 'the next request is answered');
  });

  test('a write whose reply is refused is undone: the deck of a refused createDeck does not exist', async () => {
    // deckNames takes all but 35 of the 20,000 (the reply estimate counts an id as 20): the first
    // createDeck's id still fits, the second's does not, and its deck is undone with it.
    await small.call('createDeck', { deck: 'x'.repeat(19_950) });
    const replies = (await small.call('multi', {
      actions: [
        { action: 'deckNames', version: 6 },
        { action: 'createDeck', version: 6, params: { deck: 'Kept' } },
        { action: 'createDeck', version: 6, params: { deck: 'Undone' } },
      ],
    })) as { result: unknown; error: string | null }[];
    assert.equal(replies[0]!.error, null);
    assert.equal(typeof replies[1]!.result, 'number');
    assert.match(replies[2]!.error ?? '', /^the reply would be larger than 20000 bytes/);
    const names = (await small.call('deckNames')) as string[];
    assert.ok(names.includes('Kept') && !names.includes('Undone'), names.filter((name) => name.length < 20).join());
  });

  test('one action with a huge result is refused too', async () => {
    await small.call('addNotes', { notes: Array.from({ length: 200 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `n${i} ${'y'.repeat(100)}`, Back: 'b' } })) });
    await assert.rejects(small.call('notesInfo', { query: 'deck:Default' }), /the reply would be larger than 20000 bytes/);
    assert.equal(((await small.call('findNotes', { query: 'deck:Default' })) as number[]).length, 200, 'a smaller reply still fits');
  });
});

describe('the media a request holds at once is bounded', () => {
  const limited = useTestDispatcher({ scope: 'each', overrides: { webMaxRequestBytes: 4 * 1024 * 1024 } });

  test('a multi of many large files: those that fit are stored, the others refused; nothing else breaks', async () => {
    const { dir, remove } = tempDir('acs-held-');
    try {
      const file = join(dir, 'big.bin');
      writeFileSync(file, Buffer.alloc(1536 * 1024, 1));
      const actions = Array.from({ length: 6 }, (_, i) => ({ action: 'storeMediaFile', version: 6, params: { filename: `big${i}.bin`, path: file } }));
      const replies = (await limited.call('multi', { actions })) as { result: unknown; error: string | null }[];
      const stored = replies.filter((reply) => reply.error === null).length;
      assert.equal(stored, 2, JSON.stringify(replies.map((reply) => reply.error)));
      for (const reply of replies.filter((r) => r.error !== null)) {
        assert.match(reply.error!, /would hold more than 4194304 bytes of media at once \(setting webMaxRequestBytes\); send fewer files at a time/);
      }
      assert.equal(((await limited.call('getMediaFilesNames', { pattern: 'big*' })) as string[]).length, 2);
    } finally {
      remove();
    }
  });
});

test('templates nested more than 100 sections deep are refused when saved; 100 work and can be edited', async () => {
  const nested = (levels: number) => '{{#Front}}'.repeat(levels) + '{{Front}}' + '{{/Front}}'.repeat(levels);
  await assert.rejects(
    t.call('createModel', { modelName: 'Deep', inOrderFields: ['Front', 'Back'], cardTemplates: [{ Front: nested(3000), Back: '{{Back}}' }] }),
    /^Error: Card template 1 in note type 'Deep' has a problem\.<br>Its sections are nested more than 100 levels deep\.$/,
  );
  await t.call('createModel', { modelName: 'Deep', inOrderFields: ['Front', 'Back'], cardTemplates: [{ Front: nested(100), Back: '{{Back}}' }] });
  await t.call('addNote', { note: { deckName: 'Default', modelName: 'Deep', fields: { Front: 'a', Back: 'b' } } });
  await t.call('modelFieldRename', { modelName: 'Deep', oldFieldName: 'Front', newFieldName: 'F2' });
  await assert.rejects(
    t.call('updateModelTemplates', { model: { name: 'Deep', templates: { 'Card 1': { Front: nested(101).replaceAll('Front', 'F2') } } } }),
    /nested more than 100 levels deep/,
  );
});
