import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { assertIntegrity, openFixtureCopy } from './support/collections.js';
import { fixture } from './support/fixtures.js';
import type { Db } from '../src/storage/database.js';
import { useTestDispatcher } from './support/dispatch.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const MP3 = Buffer.from('ID3 fake audio bytes');

function note(fields: Record<string, string>, extra: Record<string, unknown> = {}, modelName = 'Basic', deckName = 'Default') {
  return { deckName, modelName, fields, ...extra };
}

describe('adding notes', () => {
  const t = useTestDispatcher();

  test('a note of every stock note type, with media, gives the right cards and passes the integrity checker', async () => {
    const picture = { filename: 'cat.png', data: PNG.toString('base64'), fields: ['Back'] };
    const audio = { filename: 'yomichan_ねこ.mp3', data: MP3.toString('base64'), fields: ['Front'] };
    const basic = (await t.call('addNote', {
      note: note({ Front: '猫', Back: 'cat' }, { audio: [audio], picture }),
    })) as number;
    const reversed = (await t.call('addNote', {
      note: note({ front: 'dog', back: 'chien' }, { tags: ['animals', 'FR'] }, 'Basic (and reversed card)'),
    })) as number;
    const optionalNo = (await t.call('addNote', {
      note: note({ Front: 'one side', Back: 'only' }, {}, 'Basic (optional reversed card)'),
    })) as number;
    const optionalYes = (await t.call('addNote', {
      note: note({ Front: 'both', Back: 'sides', 'Add Reverse': 'y' }, {}, 'Basic (optional reversed card)'),
    })) as number;
    const typing = (await t.call('addNote', { note: note({ Front: 'type', Back: 'it' }, {}, 'Basic (type in the answer)') })) as number;
    const cloze = (await t.call('addNote', {
      note: note({ Text: '{{c1::Paris}} is the capital of {{c3::France}}', 'Back Extra': '' }, { picture: { ...picture, fields: ['Back Extra'] } }, 'Cloze'),
    })) as number;
    const occlusion = (await t.call('addNote', {
      note: note(
        {
          Occlusion: '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4}}{{c2::image-occlusion:rect:left=.5:top=.5:width=.1:height=.1}}',
          Image: '<img src="cat.png">',
        },
        {},
        'Image Occlusion',
      ),
    })) as number;

    const ords = (nid: number) =>
      (t.col.db.prepare('select ord from cards where nid = ? order by ord').all(nid) as { ord: number }[]).map((r) => r.ord);
    assert.deepEqual(ords(basic), [0]);
    assert.deepEqual(ords(reversed), [0, 1]);
    assert.deepEqual(ords(optionalNo), [0]);
    assert.deepEqual(ords(optionalYes), [0, 1]);
    assert.deepEqual(ords(typing), [0]);
    assert.deepEqual(ords(cloze), [0, 2], 'one card per cloze number: c1 and c3');
    assert.deepEqual(ords(occlusion), [0, 1]);

    const info = (await t.call('notesInfo', { notes: [basic, cloze] })) as {
      fields: Record<string, { value: string; order: number }>;
      tags: string[];
    }[];
    assert.equal(info[0]?.fields['Front']?.value, '猫[sound:yomichan_ねこ.mp3]');
    assert.equal(info[0].fields['Back']?.value, 'cat<img src="cat.png">');
    assert.equal(info[1]?.fields['Back Extra']?.value, '<img src="cat.png">', 'same file, same name: reused');
    const media = (await t.call('getMediaDirPath')) as string;
    assert.deepEqual(readFileSync(join(media, 'cat.png')), PNG);
    assert.deepEqual(readFileSync(join(media, 'yomichan_ねこ.mp3')), MP3);

    assertIntegrity(t.col);
    assert.equal(t.col.db.pragma('integrity_check', { simple: true }), 'ok');
  });

  test('after those notes, tables, storage classes, indexes and config keys still match a collection made by Anki', () => {
    const reference = openFixtureCopy(fixture('transformerman/empty_collection.anki2'));
    const withNotes = openFixtureCopy(fixture('transformerman/two_deck_collection.anki2'));
    try {
      // The DDL text is compared without SQL comments (Anki's notes table carries one).
      const master = (db: Db) =>
        (db.prepare('select type, name, tbl_name, sql from sqlite_master order by type, name').all() as { sql: string | null }[]).map(
          (row) => ({ ...row, sql: row.sql?.replace(/^\s*--.*\n/gm, '') ?? null }),
        );
      assert.deepEqual(master(t.col.db), master(reference.col.db));
      // The storage class of every value of every column, compared table by table with the
      // reference wherever the reference has rows (it has no notes: those come from a second
      // collection made by Anki).
      const storage = (db: Db, table: string) => {
        const columns = (db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
        return Object.fromEntries(
          columns.map((column) => [
            column,
            (db.prepare(`select distinct typeof("${column}") as t from ${table} order by t`).all() as { t: string }[]).map((r) => r.t),
          ]),
        );
      };
      for (const table of ['col', 'config', 'deck_config', 'decks', 'notetypes', 'fields', 'templates', 'cards']) {
        assert.deepEqual(storage(t.col.db, table), storage(reference.col.db, table), table);
      }
      assert.deepEqual(storage(t.col.db, 'notes'), storage(withNotes.col.db, 'notes'), 'notes');
      const keys = (db: Db) =>
        (db.prepare('select KEY as k from config order by k').all() as { k: string }[])
          .map((r) => r.k.replace(/^_nt_\d+_lastDeck$/, '_nt_ID_lastDeck').replace(/^_deck_\d+_lastNotetype$/, '_deck_ID_lastNotetype'))
          .filter((k, i, all) => all.indexOf(k) === i);
      // Anki writes these three only when studying (lastUnburied) or repositioning new cards, and
      // localOffset only away from UTC (the reference was made at UTC+2, this test runs at UTC).
      const fromStudy = ['lastUnburied', 'randomOrderReposition', 'shiftPositionOfExistingCards', 'localOffset'];
      assert.deepEqual(keys(t.col.db), keys(reference.col.db).filter((k) => !fromStudy.includes(k)));
    } finally {
      reference.close();
      withNotes.close();
    }
  });

  test('stored note rows: guid, checksum, sort field, tags, mtime and usn as Anki writes them', async () => {
    const nid = (await t.call('addNote', {
      note: note({ Front: '<b>test</b>&nbsp;', Back: 'x' }, { tags: ['zeta', 'Alpha', 'alpha', 'a::b', '  '] }),
    })) as number;
    const row = t.col.db
      .prepare('select guid, mid, mod, usn, tags, flds, sfld, csum, flags, data from notes where id = ?')
      .get(nid) as Record<string, unknown>;
    assert.match(String(row['guid']), /^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,11}$/);
    assert.equal(row['tags'], ' a::b Alpha zeta ', 'tags deduplicated case-insensitively and sorted');
    assert.deepEqual(
      t.col.db.prepare("select tag, usn, collapsed, config from tags where tag in ('a::b', 'Alpha', 'zeta') order by tag").all(),
      [
        { tag: 'a::b', usn: -1, collapsed: 1, config: null },
        { tag: 'Alpha', usn: -1, collapsed: 1, config: null },
        { tag: 'zeta', usn: -1, collapsed: 1, config: null },
      ],
      'registered as Anki registers a new tag: usn -1, collapsed',
    );
    assert.equal(row['flds'], '<b>test</b>&nbsp;\x1fx');
    assert.equal(row['sfld'], 'test ', 'sort field stripped of HTML, &nbsp; a space');
    const expected = createHash('sha1').update('test ').digest().readUInt32BE(0);
    assert.equal(row['csum'], expected);
    assert.equal(row['usn'], -1);
    assert.equal(row['mod'], Math.floor(t.clock.nowMs() / 1000));
    assert.equal(row['flags'], 0);
    assert.equal(row['data'], '');
    const card = t.col.db.prepare('select * from cards where nid = ?').get(nid) as Record<string, unknown>;
    assert.deepEqual(
      { type: card['type'], queue: card['queue'], ivl: card['ivl'], factor: card['factor'], data: card['data'], usn: card['usn'], odid: card['odid'] },
      { type: 0, queue: 0, ivl: 0, factor: 0, data: '{}', usn: -1, odid: 0 },
    );
    assert.equal(typeof card['due'], 'number');
    const numeric = (await t.call('addNote', { note: note({ Front: '007', Back: '' }) })) as number;
    assert.equal((t.col.db.prepare('select sfld from notes where id = ?').get(numeric) as { sfld: unknown }).sfld, 7, 'numeric sort text is stored as a number');
    assertIntegrity(t.col);
  });

  test('new cards take nextPos, shared by the cards of one note, and the last-used settings are written', async () => {
    const before = t.col.config.getNumber('nextPos', 0);
    const nid = (await t.call('addNote', { note: note({ Front: 'pos', Back: 'pos' }, {}, 'Basic (and reversed card)') })) as number;
    const dues = (t.col.db.prepare('select due from cards where nid = ?').all(nid) as { due: number }[]).map((r) => r.due);
    assert.deepEqual(dues, [before, before]);
    assert.equal(t.col.config.getNumber('nextPos', 0), before + 1);
    const ntid = t.col.notetypes.idByName('Basic (and reversed card)');
    assert.equal(t.col.config.get(`_nt_${ntid}_lastDeck`), 1);
    assert.equal(t.col.config.get('_deck_1_lastNotetype'), ntid);
    assert.equal(t.col.config.get('curModel'), ntid);
  });

  test('ids are now in ms, or the highest id + 1 when now is taken', async () => {
    const a = (await t.call('addNote', { note: note({ Front: 'id-a', Back: '' }) })) as number;
    const b = (await t.call('addNote', { note: note({ Front: 'id-b', Back: '' }) })) as number;
    assert.equal(b, a + 1);
    t.clock.advance(60_000);
    const c = (await t.call('addNote', { note: note({ Front: 'id-c', Back: '' }) })) as number;
    assert.equal(c, t.clock.nowMs());
  });
});

describe('duplicate and empty checks', () => {
  const t = useTestDispatcher();
  before(async () => {
    await t.call('createDeck', { deck: 'Japanese::Mining' });
    await t.call('createDeck', { deck: 'Other' });
    await t.call('addNote', { note: note({ Front: '猫', Back: 'cat' }, {}, 'Basic', 'Japanese::Mining') });
  });

  const error = async (n: Record<string, unknown>) =>
    ((await t.call('canAddNoteWithErrorDetail', { note: n })) as { canAdd: boolean; error?: string }).error ?? null;

  test('default check: same note type and same stripped first field is a duplicate, anywhere in the collection', async () => {
    assert.equal(await error(note({ Front: '猫' })), 'cannot create note because it is a duplicate');
    assert.equal(await error(note({ Front: '<b>猫</b>' })), 'cannot create note because it is a duplicate', 'HTML is stripped');
    assert.equal(await error(note({ Front: '猫' }, {}, 'Basic (and reversed card)')), null, 'other note types are not compared');
    assert.equal(await error(note({ Front: '猫 ' })), null, 'trailing text differs');
    assert.equal(await error(note({ Front: '猫' }, { options: { allowDuplicate: true } })), null);
  });

  test('empty first field', async () => {
    for (const front of ['', '   ', '<br>', '<div></div>']) {
      assert.equal(await error(note({ Front: front, Back: 'x' })), 'cannot create note because it is empty', JSON.stringify(front));
    }
    assert.equal(await error(note({ Front: '<img src="a.jpg">' })), null, 'a media file name counts as content');
    assert.equal(await error(note({ Front: '', Back: 'x' }, { options: { allowDuplicate: true } })), 'cannot create note because it is empty');
  });

  test('cloze placement errors are "unknown reason"', async () => {
    assert.equal(await error(note({ Front: '{{c1::x}}' })), 'cannot create note for unknown reason', 'cloze in a Basic note');
    assert.equal(await error(note({ Text: 'no cloze' }, {}, 'Cloze')), 'cannot create note for unknown reason');
    assert.equal(await error(note({ Text: '{{c1::a}}', 'Back Extra': '{{c2::b}}' }, {}, 'Cloze')), 'cannot create note for unknown reason');
    assert.equal(await error(note({ Text: '{{c1::a}}' }, {}, 'Cloze')), null);
  });

  test('deck scope: only notes with a card in the deck (or its children) count', async () => {
    const deck = (deckName: string, options: Record<string, unknown>) => error(note({ Front: '猫' }, { options: { duplicateScope: 'deck', ...options } }, 'Basic', deckName));
    assert.equal(await deck('Japanese::Mining', {}), 'cannot create note because it is a duplicate');
    assert.equal(await deck('Other', {}), null);
    assert.equal(await deck('Other', { duplicateScopeOptions: { deckName: 'Japanese' } }), null, 'parent only');
    assert.equal(
      await deck('Other', { duplicateScopeOptions: { deckName: 'Japanese', checkChildren: true } }),
      'cannot create note because it is a duplicate',
    );
    assert.equal(await deck('Other', { duplicateScopeOptions: { deckName: 'No such deck' } }), null, 'a missing scope deck: no duplicate');
    assert.equal(await deck('Japanese::Mining', { duplicateScopeOptions: { checkAllModels: true } }), 'cannot create note because it is a duplicate');
  });

  test('checkAllModels compares across note types', async () => {
    const all = { options: { duplicateScopeOptions: { checkAllModels: true } } };
    assert.equal(await error(note({ Front: '猫' }, all, 'Basic (and reversed card)')), 'cannot create note because it is a duplicate');
    assert.equal(await error(note({ Front: '<br>' }, all)), null, 'this path does not strip HTML before the empty test');
    assert.equal(await error(note({ Front: '{{c1::x}}' }, all)), null, 'no cloze checks on this path');
  });

  test('upstream bug164: a first field with surrounding whitespace is a duplicate in deck scope', async () => {
    const n = note({ Front: ' Whitespace\n', Back: '' }, { options: { duplicateScope: 'deck' } });
    await t.call('addNote', { note: n });
    await assert.rejects(t.call('addNote', { note: n }), /cannot create note because it is a duplicate/);
  });

  test('option types are checked with Anki-Connect’s messages', async () => {
    assert.equal(await error(note({ Front: 'x' }, { options: { allowDuplicate: 'yes' } })), 'option parameter "allowDuplicate" must be boolean');
    assert.equal(
      await error(note({ Front: 'x' }, { options: { duplicateScopeOptions: { checkChildren: 1 } } })),
      'option parameter "duplicateScopeOptions.checkChildren" must be boolean',
    );
    assert.equal(
      await error(note({ Front: 'x' }, { options: { duplicateScopeOptions: { checkAllModels: null } } })),
      'option parameter "duplicateScopeOptions.checkAllModels" must be boolean',
    );
  });

  test('unknown model and deck', async () => {
    assert.equal(await error(note({ Front: 'x' }, {}, 'Nope')), 'model was not found: Nope');
    assert.equal(await error(note({ Front: 'x' }, {}, 'Basic', 'Nope')), 'deck was not found: Nope');
    assert.equal(await error(note({ Front: 'x' }, {}, 'basic', 'default')), null, 'names match case-insensitively');
  });

  test('canAddNotes* and addNotes answer per note; a failing note gives null and the others are kept', async () => {
    const notes = [note({ Front: '犬' }), note({ Front: '猫' }), note({ Front: 'x' }, {}, 'Nope'), { bogus: true }];
    assert.deepEqual(await t.call('canAddNotes', { notes }), [true, false, false, false]);
    const details = (await t.call('canAddNotesWithErrorDetail', { notes })) as { canAdd: boolean; error?: string }[];
    assert.deepEqual(details.slice(0, 3), [
      { canAdd: true },
      { canAdd: false, error: 'cannot create note because it is a duplicate' },
      { canAdd: false, error: 'model was not found: Nope' },
    ]);
    assert.equal(details[3]?.canAdd, false);
    const ids = (await t.call('addNotes', { notes })) as (number | null)[];
    assert.equal(typeof ids[0], 'number');
    assert.deepEqual(ids.slice(1), [null, null, null]);
    assert.equal(await t.call('canAddNote', { note: note({ Front: '犬' }) }), false, 'the first one was added');
    assertIntegrity(t.col);
  });
});

describe('media attached to notes', () => {
  const t = useTestDispatcher();

  test('a clash with different content gets the -sha1 name, used in the field; skipHash skips', async () => {
    await t.call('storeMediaFile', { filename: 'word.mp3', data: Buffer.from('one').toString('base64') });
    const nid = (await t.call('addNote', {
      note: note(
        { Front: 'clash', Back: '' },
        {
          audio: { filename: 'word.mp3', data: Buffer.from('two').toString('base64'), fields: ['Front', 'Back', 'Missing'] },
          picture: { filename: 'skip.png', data: PNG.toString('base64'), skipHash: createHash('md5').update(PNG).digest('hex'), fields: ['Back'] },
        },
      ),
    })) as number;
    const sha1 = createHash('sha1').update('two').digest('hex');
    const [info] = (await t.call('notesInfo', { notes: [nid] })) as { fields: Record<string, { value: string }> }[];
    assert.equal(info?.fields['Front']?.value, `clash[sound:word-${sha1}.mp3]`);
    assert.equal(info.fields['Back']?.value, `[sound:word-${sha1}.mp3]`, 'skipped picture appends nothing');
    const media = (await t.call('getMediaDirPath')) as string;
    assert.equal(existsSync(join(media, 'skip.png')), false);
  });

  test('a media error is written into the fields, HTML-escaped, and the note is still added', async () => {
    const nid = (await t.call('addNote', {
      note: note({ Front: 'broken', Back: '' }, { picture: { filename: 'x.png', path: '/nonexistent/<x>.png', fields: ['Back'] } }),
    })) as number;
    const [info] = (await t.call('notesInfo', { notes: [nid] })) as { fields: Record<string, { value: string }> }[];
    assert.equal(info?.fields['Back']?.value, "No such file or directory: '/nonexistent/&lt;x&gt;.png'");
  });

  test('a path source is read for a local caller and refused for a remote one', async () => {
    const file = join(t.base, 'local.txt');
    writeFileSync(file, 'from disk');
    assert.equal(await t.call('storeMediaFile', { filename: '_local.txt', path: file }), '_local.txt');
    const reply = (await t.request(
      { action: 'storeMediaFile', version: 6, params: { filename: '_remote.txt', path: file } },
      { local: false },
    )) as { error: string };
    assert.match(reply.error, /only from clients on this machine/);
  });
});

describe('ids never go backwards', () => {
  const d = useTestDispatcher({ scope: 'each' });

  test('notes added after a batch ran ahead of the clock and was deleted get new ids, not the deleted ones', async () => {
    // On a frozen clock every id of the batch is "now + n": the batch runs ahead of the clock.
    const first = (await d.call('addNotes', {
      notes: Array.from({ length: 20 }, (_, i) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: `batch ${i}`, Back: 'b' } })),
    })) as number[];
    const cards = (await d.call('findCards', { query: '' })) as number[];
    await d.call('deleteNotes', { notes: first });
    d.clock.advance(5);
    const later = (await d.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'later', Back: 'b' } } })) as number;
    assert.ok(later > Math.max(...first), `${later} comes after every deleted note`);
    const [card] = (await d.call('findCards', { query: `nid:${later}` })) as number[];
    assert.ok(card! > Math.max(...cards), 'and its card after every deleted card');
  });
});
