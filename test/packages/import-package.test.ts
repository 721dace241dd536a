/**
 * importPackage through the dispatcher: every fixture package, imports repeated, notes updated by
 * guid, Anki-Connect's own export/import round trip, and refusals that leave the collection and
 * its media folder as they were. Each test's collection closes through the integrity checker.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { zipSync, unzipSync } from 'fflate';
import { dumpCollection } from './support/dump.js';
import { fixture, FIXTURE_PACKAGES } from '../support/fixtures.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { tempDir } from '../support/collections.js';

/** Resolves when `promise` rejects with an error whose message matches `pattern`. */
async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.match(err instanceof Error ? err.message : String(err), pattern);
    return true;
  });
}

const PACKAGES = FIXTURE_PACKAGES;

describe('importPackage', () => {
  const ac = useTestDispatcher({ scope: 'each' });
  const count = (table: 'notes' | 'cards' | 'revlog'): number =>
    ac.col.stmt<[], { n: number }>(`select count() as n from ${table}`).get()?.n ?? 0;

  for (const name of PACKAGES) {
    test(`${name} imports, and importing it again adds nothing`, async () => {
      assert.equal(await ac.call('importPackage', { path: fixture(name) }), true);
      const first = { notes: count('notes'), cards: count('cards'), revlog: count('revlog'), decks: await ac.call('deckNames') };
      assert.equal(await ac.call('importPackage', { path: fixture(name) }), true);
      assert.deepEqual({ notes: count('notes'), cards: count('cards'), revlog: count('revlog'), decks: await ac.call('deckNames') }, first);
    });
  }

  test('update2.apkg updates the note update1.apkg added (same guid, newer)', async () => {
    await ac.call('importPackage', { path: fixture('ankitects-anki/update1.apkg') });
    const [id] = (await ac.call('findNotes', { query: 'hello' })) as number[];
    await ac.call('importPackage', { path: fixture('ankitects-anki/update2.apkg') });
    const info = (await ac.call('notesInfo', { notes: [id] })) as { fields: Record<string, { value: string }> }[];
    assert.equal(info[0]?.fields['Front']?.value, 'goodbye');
    assert.equal(count('notes'), 1);
    // The older package does not bring the old text back.
    await ac.call('importPackage', { path: fixture('ankitects-anki/update1.apkg') });
    const again = (await ac.call('notesInfo', { notes: [id] })) as { fields: Record<string, { value: string }> }[];
    assert.equal(again[0]?.fields['Front']?.value, 'goodbye');
  });

  test('a guid that comes back under another note type merges the two note types (Anki-Connect merges)', async () => {
    await ac.call('importPackage', { path: fixture('ankitects-anki/update1.apkg') });
    const before = (await ac.call('modelNamesAndIds')) as Record<string, number>;
    ac.clock.advance(60_000);
    await ac.call('importPackage', { path: fixture('ankidroid/update3.apkg') });
    const after = (await ac.call('modelNamesAndIds')) as Record<string, number>;
    const row = ac.col.stmt<[], { mid: number }>('select mid from notes').get();
    // The note now uses update3's note type; update1's, left without notes, is gone.
    assert.equal(Object.keys(after).length, Object.keys(before).length);
    assert.ok(!Object.values(before).includes(row?.mid ?? 0));
    assert.ok(Object.values(after).includes(row?.mid ?? 0));
    assert.equal(count('notes'), 1);
  });

  test('media.apkg brings the sound file its note uses', async () => {
    await ac.call('importPackage', { path: fixture('ankitects-anki/media.apkg') });
    assert.deepEqual(await ac.call('getMediaFilesNames'), ['foo.wav']);
  });

  test('a media name taken by other content is imported as stem-<sha1> and the note follows', async () => {
    await ac.call('storeMediaFile', { filename: 'foo.wav', data: Buffer.from('mine').toString('base64') });
    await ac.call('importPackage', { path: fixture('ankitects-anki/media.apkg') });
    const names = (await ac.call('getMediaFilesNames')) as string[];
    const renamed = names.find((n) => /^foo-[0-9a-f]{40}\.wav$/.test(n));
    assert.ok(renamed !== undefined, names.join(', '));
    assert.equal(Buffer.from((await ac.call('retrieveMediaFile', { filename: 'foo.wav' })) as string, 'base64').toString(), 'mine');
    const [nid] = (await ac.call('findNotes', { query: 'deck:*' })) as number[];
    const info = (await ac.call('notesInfo', { notes: [nid] })) as { fields: Record<string, { value: string }> }[];
    assert.ok(Object.values(info[0]?.fields ?? {}).some((f) => f.value.includes(`[sound:${renamed}]`)));
  });

  test('two imports at once each keep their package open until they are done', async () => {
    const results = await Promise.all([
      ac.call('importPackage', { path: fixture('ankitects-anki/media.apkg') }),
      ac.call('importPackage', { path: fixture('srs-converter/mixed-legacy-2.apkg') }),
    ]);
    assert.deepEqual(results, [true, true]);
    assert.equal(((await ac.call('getMediaFilesNames')) as string[]).length, 2);
  });

  test('inside multi, beside other actions', async () => {
    const replies = (await ac.call('multi', {
      actions: [
        { action: 'importPackage', version: 6, params: { path: fixture('ankitects-anki/update1.apkg') } },
        { action: 'findNotes', version: 6, params: { query: 'hello' } },
        { action: 'importPackage', version: 6, params: { path: '/nonexistent/x.apkg' } },
      ],
    })) as { result: unknown; error: string | null }[];
    assert.equal(replies[0]?.result, true);
    assert.equal((replies[1]?.result as number[]).length, 1);
    assert.match(replies[2]?.error ?? '', /^Failed to open/);
  });

  test("Anki-Connect's own round trip: export a deck, delete it, import it back", async () => {
    const { dir, remove } = tempDir('acs-roundtrip-');
    try {
      await ac.call('createDeck', { deck: 'test_deck' });
      await ac.call('createModel', {
        modelName: 'test_model',
        inOrderFields: ['field1', 'field2'],
        cardTemplates: [{ Front: '{{field1}}', Back: '{{field2}}' }, { Front: '{{field2}}', Back: '{{field1}}' }],
      });
      for (const value of ['note1', 'note2']) {
        await ac.call('addNote', {
          note: { deckName: 'test_deck', modelName: 'test_model', fields: { field1: `${value} field1`, field2: `${value} field2` }, tags: [''], options: { allowDuplicate: true } },
        });
      }
      const path = join(dir, 'export.apkg');
      assert.equal(await ac.call('exportPackage', { deck: 'test_deck', path }), true);
      await ac.call('deleteDecks', { decks: ['test_deck'], cardsToo: true });
      assert.ok(!((await ac.call('deckNames')) as string[]).includes('test_deck'));
      assert.equal(await ac.call('importPackage', { path }), true);
      assert.ok(((await ac.call('deckNames')) as string[]).includes('test_deck'));
      assert.equal(((await ac.call('findCards', { query: 'deck:test_deck' })) as number[]).length, 4);
    } finally {
      remove();
    }
  });
});

describe('importPackage refusals leave the collection and the media folder as they were', () => {
  const ac = useTestDispatcher({ scope: 'each' });
  const { dir, remove } = tempDir('acs-bad-packages-');
  const bytes = readFileSync(fixture('ankitects-anki/media.apkg'));
  const entries = unzipSync(bytes);
  const bad: Record<string, Uint8Array> = {
    'junk.apkg': Buffer.from('hello, not a zip'),
    'truncated.apkg': bytes.subarray(0, Math.floor(bytes.length / 2)),
    'meta4.apkg': zipSync({ ...entries, meta: new Uint8Array([8, 4]) }),
    'escape.apkg': zipSync({ ...entries, media: Buffer.from(JSON.stringify({ 0: '../evil.wav' })) }),
    'absolute.apkg': zipSync({ ...entries, media: Buffer.from(JSON.stringify({ 0: '/tmp/evil.wav' })) }),
    'missing-media.apkg': zipSync(Object.fromEntries(Object.entries(entries).filter(([name]) => name !== '0'))),
    'no-collection.apkg': zipSync({ media: Buffer.from('{}') }),
  };
  const expected: Record<string, RegExp> = {
    'junk.apkg': /not a valid \.apkg file/,
    'truncated.apkg': /not a valid \.apkg file/,
    'meta4.apkg': /^This collection requires a newer version of Anki to open\.$/,
    'escape.apkg': /not a valid \.apkg file/,
    'absolute.apkg': /not a valid \.apkg file/,
    'missing-media.apkg': /^0 missing from archive$/,
    'no-collection.apkg': /not a valid \.apkg file/,
  };
  for (const [name, data] of Object.entries(bad)) writeFileSync(join(dir, name), data);

  for (const name of Object.keys(bad)) {
    test(name, async () => {
      await ac.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'kept', Back: '' } } });
      const before = dumpCollection(ac.col);
      await rejectsWith(ac.call('importPackage', { path: join(dir, name) }), expected[name] ?? /./);
      assert.deepEqual(dumpCollection(ac.col), before);
      assert.deepEqual(readdirSync(ac.col.media.path), []);
      assert.ok(!existsSync(join(ac.col.media.path, '..', 'evil.wav')));
    });
  }

  test('a collection on the v1 scheduler is refused, as Anki refuses it, with nothing imported', async () => {
    await ac.call('multi', { actions: [] });
    ac.col.config.set('schedVer', 1);
    const before = dumpCollection(ac.col);
    await rejectsWith(
      ac.call('importPackage', { path: fixture('ankitects-anki/media.apkg') }),
      /^Your collection needs to be upgraded to the v3 scheduler\.\nPlease select Learn More before proceeding\.$/,
    );
    assert.deepEqual(dumpCollection(ac.col), before);
    assert.deepEqual(readdirSync(ac.col.media.path), []);
    ac.col.config.set('schedVer', 2);
  });

  test('paths: a missing file gets Anki\'s message, a relative path and a remote caller are refused', async () => {
    await rejectsWith(ac.call('importPackage', { path: join(dir, 'nothing.apkg') }), /^Failed to open '.*nothing\.apkg': No such file or directory \(os error 2\)$/);
    await rejectsWith(ac.call('importPackage', { path: 'relative.apkg' }), /must be absolute/);
    const reply = (await ac.request(
      { action: 'importPackage', version: 6, params: { path: fixture('ankitects-anki/media.apkg') } },
      { local: false },
    )) as { error: string | null };
    assert.match(reply.error ?? '', /only from clients on this machine/);
    assert.equal(ac.col.stmt<[], { n: number }>('select count() as n from notes').get()?.n, 0);
  });

  test.after(remove);
});
