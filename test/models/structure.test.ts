/**
 * Structural edits of a note type with notes in it: after each one, note contents follow their
 * fields, cards follow their templates, missing cards are generated and none are lost, the
 * schema is marked modified when Anki marks it, and the collection passes the integrity checker.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fieldChecksum } from '../../src/text/index.js';
import { assertIntegrity } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';
import { addNote, errorOf, notetypeId, schemaTime, snapshot, storedNotes } from './support.js';

const HOUR = 3_600_000;

describe('structural edits of a note type with notes', () => {
  let t: TestDispatcher;
  let mid: number;
  let chat: number;
  let chien: number;
  let oiseau: number;

  beforeEach(async () => {
    t = newTestDispatcher();
    await t.call('createDeck', { deck: 'French' });
    await t.call('createModel', {
      modelName: 'Vocab',
      inOrderFields: ['Word', 'Meaning', 'Example'],
      cardTemplates: [
        { Name: 'Recognise', Front: '{{Word}}', Back: '{{FrontSide}}<hr>{{Meaning}}' },
        { Name: 'Recall', Front: '{{Meaning}}', Back: '{{FrontSide}}<hr>{{Word}}' },
        { Name: 'Example', Front: '{{#Example}}{{Example}}<br>{{Word}}{{/Example}}', Back: '{{Meaning}}' },
      ],
    });
    mid = notetypeId(t.col, 'Vocab');
    chat = await addNote(t, 'Vocab', { Word: '<b>chat</b>', Meaning: 'cat', Example: 'le chat' }, 'French', ['animal']);
    chien = await addNote(t, 'Vocab', { Word: 'chien', Meaning: 'dog', Example: '' }, 'French');
    oiseau = await addNote(t, 'Vocab', { Word: 'oiseau', Meaning: '', Example: '' }, 'French');
    assert.deepEqual(
      storedNotes(t.col, mid).map((note) => note.ords),
      [[0, 1, 2], [0, 1], [0]],
    );
    // Later edits happen an hour on, so stamps and the schema time are told apart from creation.
    t.clock.advance(HOUR);
  });

  afterEach(() => {
    assertIntegrity(t.col);
    t.close();
  });

  const now = () => t.clock.nowMs();
  const nowSecs = () => Math.floor(t.clock.nowMs() / 1000);
  const templates = () => t.call('modelTemplates', { modelName: 'Vocab' }) as Promise<Record<string, { Front: string; Back: string }>>;
  const notetypeRow = () => t.col.db.prepare('select mtime_secs, usn from notetypes where id = ?').get(mid);
  const templateRows = () => t.col.db.prepare('select name, mtime_secs, usn from templates where ntid = ? order by ord').all(mid);
  const req = async () => ((await t.call('findModelsById', { modelIds: [mid] })) as Record<string, unknown>[])[0]?.['req'];

  test('renaming a field rewrites every kind of reference, keeps the notes and does not change the schema', async () => {
    await t.call('updateModelTemplates', {
      model: {
        name: 'Vocab',
        templates: { Recall: { Back: '{{#Word}}{{text:Word}}{{/Word}}{{^Word}}-{{/Word}} <!--{{Word}}--> Word {{ Word }}' } },
      },
    });
    const before = storedNotes(t.col, mid);
    const scm = schemaTime(t.col);
    await t.call('modelFieldRename', { modelName: 'Vocab', oldFieldName: 'Word', newFieldName: 'Mot' });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Mot', 'Meaning', 'Example']);
    assert.deepEqual(await templates(), {
      Recognise: { Front: '{{Mot}}', Back: '{{FrontSide}}<hr>{{Meaning}}' },
      Recall: { Front: '{{Meaning}}', Back: '{{#Mot}}{{text:Mot}}{{/Mot}}{{^Mot}}-{{/Mot}} <!--{{Word}}--> Word {{Mot}}' },
      Example: { Front: '{{#Example}}{{Example}}<br>{{Mot}}{{/Example}}', Back: '{{Meaning}}' },
    });
    assert.deepEqual(storedNotes(t.col, mid), before, 'notes untouched');
    assert.equal(schemaTime(t.col), scm, 'a rename is not a schema change');
    assert.deepEqual(notetypeRow(), { mtime_secs: nowSecs(), usn: -1 });
    assert.deepEqual(templateRows(), [
      { name: 'Recognise', mtime_secs: 0, usn: 0 },
      { name: 'Recall', mtime_secs: 0, usn: 0 },
      { name: 'Example', mtime_secs: 0, usn: 0 },
    ]);
    assert.deepEqual(await req(), [
      [0, 'any', [0]],
      [1, 'any', [1]],
      [2, 'any', [2]],
    ]);
  });

  test('renaming onto another field name (ignoring case) appends + as Anki does', async () => {
    await t.call('modelFieldRename', { modelName: 'Vocab', oldFieldName: 'Example', newFieldName: 'meaning' });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Word', 'Meaning', 'meaning+']);
    assert.equal((await templates())['Example']?.Front, '{{#meaning+}}{{meaning+}}<br>{{Word}}{{/meaning+}}');
  });

  test('moving a field moves every note value, keeps the sort field on its field and recomputes the checksum', async () => {
    await t.call('modelFieldReposition', { modelName: 'Vocab', fieldName: 'Meaning', index: 0 });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Meaning', 'Word', 'Example']);
    const notes = storedNotes(t.col, mid);
    assert.deepEqual(
      notes.map((note) => note.fields),
      [
        ['cat', '<b>chat</b>', 'le chat'],
        ['dog', 'chien', ''],
        ['', 'oiseau', ''],
      ],
    );
    for (const note of notes) assert.deepEqual([note.mod, note.usn], [nowSecs(), -1], 'notes stamped modified');
    const row = t.col.db.prepare('select sfld, csum from notes where id = ?').get(chat);
    assert.deepEqual(row, { sfld: 'chat', csum: fieldChecksum('cat') }, 'sort field stays on Word; checksum follows the new first field');
    const model = ((await t.call('findModelsByName', { modelNames: ['Vocab'] })) as Record<string, unknown>[])[0];
    assert.equal(model?.['sortf'], 1);
    assert.equal(schemaTime(t.col), now(), 'schema marked modified');
    assert.deepEqual(notes.map((note) => note.ords), [[0, 1, 2], [0, 1], [0]], 'cards untouched');
  });

  test('adding a field puts an empty value into every note at its position', async () => {
    await t.call('modelFieldAdd', { modelName: 'Vocab', fieldName: 'Audio', index: 1 });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Word', 'Audio', 'Meaning', 'Example']);
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.fields), [
      ['<b>chat</b>', '', 'cat', 'le chat'],
      ['chien', '', 'dog', ''],
      ['oiseau', '', '', ''],
    ]);
    assert.equal(schemaTime(t.col), now());
    const fields = ((await t.call('findModelsById', { modelIds: [mid] })) as Record<string, unknown>[])[0]?.['flds'] as Record<
      string,
      unknown
    >[];
    assert.equal(typeof fields[1]?.['id'], 'bigint', 'the new field has a 64-bit id');
    assert.deepEqual(await req(), [
      [0, 'any', [0]],
      [1, 'any', [2]],
      [2, 'any', [3]],
    ]);
  });

  test('adding a field that exists only moves it', async () => {
    await t.call('modelFieldAdd', { modelName: 'Vocab', fieldName: 'Example', index: 0 });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Example', 'Word', 'Meaning']);
    assert.deepEqual(storedNotes(t.col, mid)[0]?.fields, ['le chat', '<b>chat</b>', 'cat']);
    await t.call('modelFieldAdd', { modelName: 'Vocab', fieldName: 'Word' });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Example', 'Word', 'Meaning'], 'no index: nothing to do');
  });

  test('removing a field drops it from the notes and the templates, and generates the cards a changed front now makes', async () => {
    await t.call('modelFieldRemove', { modelName: 'Vocab', fieldName: 'Example' });
    assert.deepEqual(await t.call('modelFieldNames', { modelName: 'Vocab' }), ['Word', 'Meaning']);
    assert.deepEqual(await templates(), {
      Recognise: { Front: '{{Word}}', Back: '{{FrontSide}}<hr>{{Meaning}}' },
      Recall: { Front: '{{Meaning}}', Back: '{{FrontSide}}<hr>{{Word}}' },
      // The section of the removed field keeps its contents.
      Example: { Front: '<br>{{Word}}', Back: '{{Meaning}}' },
    });
    const notes = storedNotes(t.col, mid);
    assert.deepEqual(notes.map((note) => note.fields), [['<b>chat</b>', 'cat'], ['chien', 'dog'], ['oiseau', '']]);
    assert.deepEqual(notes.map((note) => note.ords), [[0, 1, 2], [0, 1, 2], [0, 2]], 'the Example front now shows Word');
    const added = t.col.db.prepare('select did, due from cards where nid = ? and ord = 2').get(chien) as { did: number; due: number };
    const sibling = t.col.db.prepare('select did, due from cards where nid = ? and ord = 0').get(chien);
    assert.deepEqual(added, sibling, "a new card joins its siblings' deck and position");
    assert.equal(schemaTime(t.col), now());
  });

  test('a removal that would make two fronts identical is refused and changes nothing', async () => {
    await t.call('updateModelTemplates', { model: { name: 'Vocab', templates: { Example: { Front: '{{Example}}' } } } });
    const before = snapshot(t.col, mid);
    // Recall's front loses its only field and would get Word, like Recognise's.
    const message = await errorOf(t, 'modelFieldRemove', { modelName: 'Vocab', fieldName: 'Meaning' });
    assert.equal(message, "Card template 2 in note type 'Vocab' has a problem.<br>The front side is identical to card template 1.");
    assert.deepEqual(snapshot(t.col, mid), before);
  });

  test('adding a template makes its cards where its front shows something', async () => {
    await t.call('modelTemplateAdd', {
      modelName: 'Vocab',
      template: { Name: 'Spelling', Front: '{{#Meaning}}spell: {{Meaning}}{{/Meaning}}', Back: '{{Word}}' },
    });
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.ords), [[0, 1, 2, 3], [0, 1, 3], [0]]);
    const deck = (t.col.db.prepare('select did from cards where nid = ? and ord = 3').get(chat) as { did: number }).did;
    assert.equal(deck, (await t.call('deckNamesAndIds') as Record<string, number>)['French']);
    assert.equal(schemaTime(t.col), now());
    assert.deepEqual((await req() as unknown[])[3], [3, 'any', [1]]);
  });

  test('adding a template with an existing name changes nothing (Anki-Connect returns without saving)', async () => {
    const before = snapshot(t.col, mid);
    await t.call('modelTemplateAdd', { modelName: 'Vocab', template: { Name: 'Recall', Front: 'x {{Word}}', Back: 'y' } });
    assert.deepEqual(snapshot(t.col, mid), before);
  });

  test('removing a template deletes its cards with graves', async () => {
    const doomed = (t.col.db.prepare('select id from cards where nid = ? and ord = 2').get(chat) as { id: number }).id;
    await t.call('modelTemplateRemove', { modelName: 'Vocab', templateName: 'Example' });
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.ords), [[0, 1], [0, 1], [0]]);
    assert.deepEqual(t.col.db.prepare('select oid, type, usn from graves').all(), [{ oid: doomed, type: 0, usn: -1 }]);
    assert.equal(schemaTime(t.col), now());
  });

  test('removing a template that is the only card of a note is refused and changes nothing', async () => {
    const before = snapshot(t.col, mid);
    const message = await errorOf(t, 'modelTemplateRemove', { modelName: 'Vocab', templateName: 'Recognise' });
    assert.equal(message, 'Removing this card type would cause one or more notes to be deleted. Please create a new card type first.');
    assert.deepEqual(snapshot(t.col, mid), before);
    // Once the note has another card, the template can go; the cards after it move down.
    await t.call('updateModelTemplates', { model: { name: 'Vocab', templates: { Recall: { Front: '{{Meaning}}{{Word}}' } } } });
    const recallOfOiseau = (t.col.db.prepare('select id from cards where nid = ? and ord = 1').get(oiseau) as { id: number }).id;
    await t.call('modelTemplateRemove', { modelName: 'Vocab', templateName: 'Recognise' });
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.ords), [[0, 1], [0], [0]]);
    assert.equal((t.col.db.prepare('select ord from cards where id = ?').get(recallOfOiseau) as { ord: number }).ord, 0);
  });

  test('moving a template renumbers its cards and stamps them', async () => {
    const byOrd = (nid: number) =>
      Object.fromEntries((t.col.db.prepare('select id, ord from cards where nid = ?').all(nid) as { id: number; ord: number }[]).map((c) => [c.id, c.ord]));
    const before = byOrd(chat);
    await t.call('modelTemplateReposition', { modelName: 'Vocab', templateName: 'Example', index: 0 });
    assert.deepEqual(Object.keys(await templates()), ['Example', 'Recognise', 'Recall']);
    const after = byOrd(chat);
    for (const [id, ord] of Object.entries(before)) assert.equal(after[id], [1, 2, 0][ord], `card ${id}`);
    const stamps = t.col.db.prepare('select distinct mod, usn from cards where nid = ?').all(chat);
    assert.deepEqual(stamps, [{ mod: nowSecs(), usn: -1 }]);
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.ords), [[0, 1, 2], [1, 2], [1]]);
    assert.equal(schemaTime(t.col), now());
  });

  test('renaming a template and editing styling do not touch cards or the schema', async () => {
    const before = snapshot(t.col, mid) as { cards: unknown; scm: number; notes: unknown };
    await t.call('modelTemplateRename', { modelName: 'Vocab', oldTemplateName: 'Recall', newTemplateName: 'Produce "it"' });
    await t.call('updateModelStyling', { model: { name: 'Vocab', css: '.card { color: red }' } });
    assert.deepEqual(Object.keys(await templates()), ['Recognise', 'Produce it', 'Example'], 'quotes removed as Anki does');
    const after = snapshot(t.col, mid) as typeof before;
    assert.deepEqual([after.cards, after.notes, after.scm], [before.cards, before.notes, before.scm]);
  });

  test('editing a front generates the cards it now makes, never deleting any', async () => {
    await t.call('updateModelTemplates', {
      model: { name: 'Vocab', templates: { Recall: { Front: '{{Meaning}}{{Word}}' }, Example: { Front: '{{Example}}' }, Nope: { Front: 'x' } } },
    });
    // oiseau gains its Recall card; chien gains no Example card, its Example is empty.
    assert.deepEqual(storedNotes(t.col, mid).map((note) => note.ords), [[0, 1, 2], [0, 1], [0, 1]]);
  });
});

describe('structural edits of a cloze note type', () => {
  test('renaming, moving and removing fields keep cloze cards and the cloze template valid', async () => {
    const t = newTestDispatcher();
    try {
      await t.call('createModel', {
        modelName: 'My cloze',
        isCloze: true,
        inOrderFields: ['Text', 'Extra'],
        cardTemplates: [{ Front: '{{cloze:Text}}', Back: '{{cloze:Text}}<br>{{Extra}}' }],
      });
      const mid = notetypeId(t.col, 'My cloze');
      await addNote(t, 'My cloze', { Text: '{{c1::Paris}} is in {{c2::France}}', Extra: 'geo' });
      assert.deepEqual(storedNotes(t.col, mid)[0]?.ords, [0, 1]);
      await t.call('modelFieldRename', { modelName: 'My cloze', oldFieldName: 'Text', newFieldName: 'Body' });
      await t.call('modelFieldReposition', { modelName: 'My cloze', fieldName: 'Extra', index: 0 });
      await t.call('modelFieldRemove', { modelName: 'My cloze', fieldName: 'Extra' });
      assert.deepEqual(await t.call('modelTemplates', { modelName: 'My cloze' }), {
        'Card 1': { Front: '{{cloze:Body}}', Back: '{{cloze:Body}}<br>' },
      });
      const [note] = storedNotes(t.col, mid);
      assert.deepEqual([note?.fields, note?.ords], [['{{c1::Paris}} is in {{c2::France}}'], [0, 1]]);
      assertIntegrity(t.col);
    } finally {
      t.close();
    }
  });
});
