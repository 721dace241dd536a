import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fieldChecksum } from '../../src/text/index.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { cardsOf, noteRow } from './setup.js';

const t = useTestDispatcher({ scope: 'each' });

const addBasic = (front: string, back: string, modelName = 'Basic', extra: Record<string, string> = {}) =>
  t.call('addNote', { note: { deckName: 'Default', modelName, fields: { Front: front, Back: back, ...extra } } }) as Promise<number>;

describe('updateNoteFields', () => {
  test('fields are matched by exact name; other names are ignored; derived columns and mod follow', async () => {
    const id = await addBasic('front', 'back');
    const before = noteRow(t.col, id);
    t.clock.advance(5000);
    await t.call('updateNoteFields', { note: { id, fields: { Front: '<b>new</b> front', back: 'ignored: wrong case', Extra: 'unknown' } } });
    const row = noteRow(t.col, id);
    assert.equal(row?.flds, '<b>new</b> front\x1fback');
    assert.equal(row.sfld, 'new front');
    assert.equal(row.csum, fieldChecksum('new front'));
    assert.equal(row.mod, (before?.mod ?? 0) + 5);
    assert.equal(row.usn, -1);
  });

  test('text is cleaned and NFC-normalised as when adding; a numeric sort field is stored as a number', async () => {
    const id = await addBasic('front', 'back');
    await t.call('updateNoteFields', { note: { id, fields: { Front: '007', Back: 'e\u0301\u0007' } } });
    const row = noteRow(t.col, id);
    assert.equal(row?.flds, '007\x1f\u00e9');
    assert.equal(row.sfld, 7);
  });

  test('unchanged values write nothing, not even the modification time', async () => {
    const id = await addBasic('same', 'values');
    const before = noteRow(t.col, id);
    t.clock.advance(60_000);
    await t.call('updateNoteFields', { note: { id, fields: { Front: 'same', Back: 'values' } } });
    assert.deepEqual(noteRow(t.col, id), before);
  });

  test('a note that now qualifies for another card gets it, in its deck and position', async () => {
    await t.call('createDeck', { deck: 'Lang' });
    const id = (await t.call('addNote', {
      note: { deckName: 'Lang', modelName: 'Basic (optional reversed card)', fields: { Front: 'f', Back: 'b' } },
    })) as number;
    assert.equal(cardsOf(t.col, id).length, 1);
    await t.call('updateNoteFields', { note: { id, fields: { 'Add Reverse': 'y' } } });
    const cards = t.col.db.prepare('select ord, did, due from cards where nid = ? order by ord').all(id) as { ord: number; did: number; due: number }[];
    assert.deepEqual(cards.map((card) => card.ord), [0, 1]);
    assert.equal(cards[1]?.did, cards[0]?.did);
    assert.equal(cards[1]?.due, cards[0]?.due);
  });

  test('emptying a field never deletes a card', async () => {
    const id = await addBasic('front', 'back', 'Basic (and reversed card)');
    await t.call('updateNoteFields', { note: { id, fields: { Back: '' } } });
    assert.equal(cardsOf(t.col, id).length, 2);
  });

  test('media are stored and appended to the named fields (exact names); a failed one leaves its error', async () => {
    const id = await addBasic('猫', 'cat');
    await t.call('updateNoteFields', {
      note: {
        id,
        fields: { Front: 'ねこ' },
        audio: [{ filename: 'neko.mp3', data: Buffer.from('mp3 bytes').toString('base64'), fields: ['Front', 'front'] }],
        picture: { filename: 'neko.png', data: Buffer.from('png bytes').toString('base64'), fields: ['Back'] },
        video: { filename: 'missing.mp4', fields: ['Back'] },
      },
    });
    const row = noteRow(t.col, id);
    assert.equal(
      row?.flds,
      // Anki-Connect's order: audio, then video, then picture.
      'ねこ[sound:neko.mp3]\x1fcatYou must provide a "data", "path", or "url" field.<img src="neko.png">',
    );
    assert.equal(readFileSync(join(t.col.media.path, 'neko.mp3'), 'utf8'), 'mp3 bytes');
    assert.ok(existsSync(join(t.col.media.path, 'neko.png')));
  });

  test('a media item whose skipHash matches is skipped', async () => {
    const id = await addBasic('a', 'b');
    const data = Buffer.from('placeholder');
    const md5 = (await import('node:crypto')).createHash('md5').update(data).digest('hex');
    await t.call('updateNoteFields', { note: { id, fields: {}, audio: { filename: 'x.mp3', data: data.toString('base64'), skipHash: md5, fields: ['Front'] } } });
    assert.equal(noteRow(t.col, id)?.flds, 'a\x1fb');
    assert.equal(existsSync(join(t.col.media.path, 'x.mp3')), false);
  });

  test('errors: unknown note, missing fields', async () => {
    await assert.rejects(t.call('updateNoteFields', { note: { id: 42, fields: {} } }), /^Error: Note was not found: 42$/);
    await assert.rejects(t.call('updateNoteFields', { note: { id: 42 } }), /note\.fields/);
  });

  test('in a multi, a failing item leaves the others applied', async () => {
    const a = await addBasic('a', 'b');
    const reply = await t.request({
      action: 'multi',
      version: 6,
      params: {
        actions: [
          { action: 'updateNoteFields', version: 6, params: { note: { id: a, fields: { Front: 'A' } } } },
          { action: 'updateNoteFields', version: 6, params: { note: { id: 1, fields: { Front: 'x' } } } },
          { action: 'updateNoteFields', params: { note: { id: a, fields: { Back: 'B' } } } },
        ],
      },
    });
    assert.deepEqual(reply, {
      result: [{ result: null, error: null }, { result: null, error: 'Note was not found: 1' }, null],
      error: null,
    });
    assert.equal(noteRow(t.col, a)?.flds, 'A\x1fB');
  });
});

describe('updateNote', () => {
  test('fields only, tags only', async () => {
    const id = await addBasic('f', 'b');
    await t.call('updateNote', { note: { id, fields: { Back: 'new back' } } });
    assert.equal(noteRow(t.col, id)?.flds, 'f\x1fnew back');
    await t.call('updateNote', { note: { id, tags: ['one', 'two'] } });
    assert.equal(noteRow(t.col, id)?.tags, ' one two ');
    assert.equal(noteRow(t.col, id)?.flds, 'f\x1fnew back');
  });

  test('bad tags are refused before the fields are written', async () => {
    const id = await addBasic('f', 'b');
    await assert.rejects(t.call('updateNote', { note: { id, fields: { Back: 'x' }, tags: 5 } }), /Must provide tags as a list of strings/);
    assert.equal(noteRow(t.col, id)?.flds, 'f\x1fb');
  });

  test('unknown note', async () => {
    await assert.rejects(t.call('updateNote', { note: { id: 7, tags: ['x'] } }), /^Error: Note was not found: 7$/);
  });
});
