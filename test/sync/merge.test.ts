// What a normal sync writes into the collection and what it takes out of it, on a real
// collection: the merge rules of anki-sync.md §3.4–3.7 (the reference suite holds the whole
// protocol against Anki's own server and client).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { applyChunk, pendingIds, takeChunk } from '../../src/sync/chunks.js';
import { applyRemoteChanges, parseChanges, takeLocalChanges } from '../../src/sync/changes.js';
import { SyncError } from '../../src/sync/errors.js';
import { applyRemoteGraves, graveChunks, takePendingGraves } from '../../src/sync/graves.js';
import type { CardEntry, NoteEntry } from '../../src/sync/protocol.js';
import { sanityCounts } from '../../src/sync/sanity.js';
import { notetypeToSchema11 } from '../../src/notetypes/schema11.js';
import { stringifyJson } from '../../src/text/json-int64.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';

// Not the integrity-checked fixture: these tests write rows as a server would send them, not
// whole notes with their cards.
let t: TestDispatcher;
beforeEach(() => {
  t = newTestDispatcher();
});
afterEach(() => t.close());

async function addBasic(front: string): Promise<{ nid: number; cid: number }> {
  const nid = (await t.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: front, Back: 'b' } } })) as number;
  const [cid] = (await t.call('findCards', { query: `nid:${nid}` })) as number[];
  return { nid, cid: cid! };
}

/** One row of a query. */
function row(sql: string, ...args: unknown[]): unknown {
  return t.col.db.prepare(sql).get(...args);
}

/** The one number a query selects (as `n`). */
function num(sql: string, ...args: unknown[]): number {
  return (t.col.db.prepare(sql).get(...args) as { n: number }).n;
}

function cardEntry(cid: number, nid: number, mod: number, due: number): CardEntry {
  return [cid, nid, 1, 0, mod, 5, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, '{"pos":3,"x":1}'];
}

describe('chunks', () => {
  test('ours go out round-robin, at most 250 a chunk, stamped with the server usn; done when one is not full', async () => {
    for (let i = 0; i < 130; i++) await addBasic(`n${i}`);
    const pending = pendingIds(t.col);
    assert.deepEqual([pending.notes.length, pending.cards.length, pending.revlog.length], [130, 130, 0]);
    const first = takeChunk(t.col, pending, 42);
    assert.equal(first.done, false);
    assert.deepEqual([first.notes?.length, first.cards?.length], [125, 125]);
    assert.ok(first.notes?.every((note) => note[4] === 42 && note[7] === '' && note[8] === '' && note[9] === 0));
    const second = takeChunk(t.col, pending, 42);
    assert.equal(second.done, true);
    assert.deepEqual([second.notes?.length, second.cards?.length], [5, 5]);
    assert.equal(num('select count() as n from notes where usn = 42'), 130);
    assert.deepEqual(takeChunk(t.col, pending, 42), { done: true }, 'an empty last chunk');
  });

  test("theirs: taken unless ours changed too and is at least as new; a tie keeps ours", async () => {
    const a = await addBasic('a');
    const b = await addBasic('b');
    const mod = num('select mod as n from cards where id = ?', a.cid);
    applyChunk(t.col, { cards: [cardEntry(a.cid, a.nid, mod, 77), cardEntry(b.cid, b.nid, mod + 1, 88)] });
    assert.equal(num('select due as n from cards where id = ?', a.cid) !== 77, true, 'the tie keeps our pending card');
    assert.deepEqual(row('select due, usn, data from cards where id = ?', b.cid), { due: 88, usn: 5, data: '{"pos":3}' }, 'the newer one is taken, its data rewritten as Anki does');
    t.col.db.prepare('update cards set usn = 3 where id = ?').run(a.cid);
    applyChunk(t.col, { cards: [cardEntry(a.cid, a.nid, mod - 100, 99)] });
    assert.equal(num('select due as n from cards where id = ?', a.cid), 99, 'an unchanged card takes even an older one');
  });

  test('notes get their sort field and checksum recomputed; a wrong field count or unknown note type stops the sync', async () => {
    const { nid } = await addBasic('x');
    const mid = num('select mid as n from notes where id = ?', nid);
    const note = (fields: string, notetype = mid): NoteEntry => [nid + 1, 'guid1', notetype, 2_000_000_000, 9, ' a b ', fields, '', '', 0, ''];
    applyChunk(t.col, { notes: [note('<b>Front</b>\x1fBack\x07')] });
    assert.deepEqual(row('select sfld, tags, flds, usn from notes where id = ?', nid + 1), { sfld: 'Front', tags: ' a b ', flds: '<b>Front</b>\x1fBack', usn: 9 });
    assert.throws(() => applyChunk(t.col, { notes: [note('only one')] }), /note has 1 fields, expected 2/);
    assert.throws(() => applyChunk(t.col, { notes: [note('a\x1fb', 12345)] }), /note missing notetype/);
  });

  test('a review already there is never replaced', async () => {
    const { cid } = await addBasic('r');
    applyChunk(t.col, { revlog: [[1000, cid, 4, 3, 1, 0, 2500, 5000, 1]] });
    applyChunk(t.col, { revlog: [[1000, cid, 4, 1, 9, 9, 9, 9, 9]] });
    assert.deepEqual(row('select ease, ivl, type from revlog where id = 1000'), { ease: 3, ivl: 1, type: 1 });
  });
});

describe('graves', () => {
  test('ours go out in chunks (cards, then notes, then decks) and are stamped; theirs delete and are recorded', async () => {
    const { nid, cid } = await addBasic('gone');
    await t.call('deleteNotes', { notes: [nid] });
    const graves = takePendingGraves(t.col, 17);
    assert.deepEqual(graves, { cards: [cid], notes: [nid], decks: [] });
    assert.equal(num('select count() as n from graves where usn = 17'), 2);
    assert.deepEqual(graveChunks({ cards: Array.from({ length: 300 }, (_, i) => i), notes: [1], decks: [2] }).map((c) => [c.cards.length, c.notes.length, c.decks.length]), [[250, 0, 0], [50, 1, 1]]);
    t.clock.advance(1000);
    const other = await addBasic('theirs');
    applyRemoteGraves(t.col, { cards: [other.cid], notes: [other.nid], decks: [] }, 18);
    assert.equal(row('select 1 from notes where id = ?', other.nid), undefined);
    assert.deepEqual(row('select usn from graves where oid = ? and type = 1', other.nid), { usn: 18 });
  });
});

describe('unchunked changes', () => {
  test('ours: note types, decks, presets and tags changed here, with the config when ours is newer', async () => {
    await t.call('createDeck', { deck: 'Sent' });
    await addBasic('tagged');
    const text = takeLocalChanges(t.col, 30, true);
    const changes = parseChanges(text.slice('{"changes":'.length, -1));
    const decks = changes['decks'] as [{ name: string; usn: number }[], unknown[]];
    assert.ok(decks[0].some((deck) => deck.name === 'Sent' && deck.usn === 30));
    assert.equal(typeof changes['crt'], 'number');
    assert.equal(typeof (changes['conf'] as Record<string, unknown>)['curModel'], 'number');
    assert.equal(num('select count() as n from config where usn != 0'), 0, 'config usns reset');
    assert.equal(num('select count() as n from decks where usn = -1'), 0);
  });

  test("theirs: a note type at least as new is taken; one whose fields changed needs a full sync; a clashing name gets '+'", () => {
    const basic = t.col.notetypes.byName('Basic')!;
    const newer = notetypeToSchema11({ ...basic, config: { ...basic.config, css: '.new {}' }, mtimeSecs: basic.mtimeSecs + 10, usn: 40 });
    applyRemoteChanges(t.col, parseChanges(stringifyJson({ models: [newer], decks: [[], []], tags: ['Remote::Tag'] })), 40);
    assert.equal(t.col.notetypes.byName('Basic')?.config.css, '.new {}');
    assert.equal(num("select usn as n from tags where tag = 'remote::tag'"), 40);
    const older = notetypeToSchema11({ ...basic, config: { ...basic.config, css: '.old {}' }, mtimeSecs: 1, usn: 41 });
    applyRemoteChanges(t.col, parseChanges(stringifyJson({ models: [older], decks: [[], []], tags: [] })), 41);
    assert.equal(t.col.notetypes.byName('Basic')?.config.css, '.new {}', 'an older one is ignored');
    const fewer = notetypeToSchema11({ ...basic, fields: basic.fields.slice(0, 1), mtimeSecs: basic.mtimeSecs + 20 });
    assert.throws(
      () => applyRemoteChanges(t.col, parseChanges(stringifyJson({ models: [fewer], decks: [[], []], tags: [] })), 42),
      (err: unknown) => err instanceof SyncError && err.kind === 'resyncRequired',
    );
    const clash = notetypeToSchema11({ ...basic, id: basic.id + 999, mtimeSecs: basic.mtimeSecs + 30 });
    applyRemoteChanges(t.col, parseChanges(stringifyJson({ models: [clash], decks: [[], []], tags: [] })), 43);
    assert.equal(t.col.notetypes.get(basic.id + 999)?.name, 'Basic+');
  });

  test('a config from the newer side replaces ours whole', () => {
    applyRemoteChanges(t.col, parseChanges('{"models":[],"decks":[[],[]],"tags":[],"conf":{"only":1},"crt":123}'), 50);
    assert.deepEqual(t.col.db.prepare('select KEY as key, usn from config').all(), [{ key: 'only', usn: 50 }]);
    assert.equal(num('select crt as n from col'), 123);
  });
});

test('the sanity check refuses while a row is still marked changed here', async () => {
  await addBasic('pending');
  assert.throws(() => sanityCounts(t.col), /table had usn=-1: cards/);
  t.col.db.exec('update cards set usn = 1; update notes set usn = 1; update decks set usn = 1; update notetypes set usn = 1; update deck_config set usn = 1; update tags set usn = 1');
  const counts = sanityCounts(t.col);
  assert.deepEqual([counts.cards, counts.notes, counts.counts], [1, 1, [0, 0, 0]]);
});
