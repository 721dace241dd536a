/**
 * The model actions' contracts beyond upstream's tests: lookups and their errors, createModel's
 * rules, Anki-Connect's quirks, and that a refused edit leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { decodeFieldConfig } from '../../src/notetypes/notetype.js';
import { stringifyJson } from '../../src/text/json-int64.js';
import { CARD_CSS } from '../../src/notetypes/stock.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { addNote, errorOf, notetypeId, snapshot } from './support.js';

describe('model lookups', () => {
  const t = useTestDispatcher();

  test('findModelsById and findModelsByName return the legacy dicts, in the order asked', async () => {
    const ids = (await t.call('modelNamesAndIds')) as Record<string, number>;
    const byId = (await t.call('findModelsById', { modelIds: [ids['Cloze'], ids['Basic']] })) as Record<string, unknown>[];
    assert.deepEqual(byId.map((model) => model['name']), ['Cloze', 'Basic']);
    const byName = (await t.call('findModelsByName', { modelNames: ['cloze', 'Basic'] })) as Record<string, unknown>[];
    assert.deepEqual(stringifyJson(byName), stringifyJson(byId), 'names match ignoring case');
    assert.equal(byId[0]?.['type'], 1);
    assert.deepEqual(
      (byId[0]['flds'] as Record<string, unknown>[]).map((field) => [field['name'], field['tag'], field['preventDeletion']]),
      [
        ['Text', 0, true],
        ['Back Extra', 1, false],
      ],
    );
  });

  test('the ids in the reply are the stored 64-bit ids, every digit', async () => {
    const basic = notetypeId(t.col, 'Basic');
    const [dict] = (await t.call('findModelsById', { modelIds: [basic] })) as Record<string, unknown>[];
    const text = stringifyJson(dict);
    const rows = t.col.db.prepare('select config from fields where ntid = ? order by ord').all(basic) as { config: Buffer }[];
    for (const row of rows) {
      const id = decodeFieldConfig(row.config).id;
      assert.ok(id !== undefined && text.includes(`"id":${id.toString()},`), `field id ${String(id)}`);
    }
  });

  test('missing note types, fields and templates give Anki-Connect\'s errors', async () => {
    assert.equal(await errorOf(t, 'findModelsById', { modelIds: [1, 2] }), 'model was not found: 1');
    assert.equal(await errorOf(t, 'findModelsByName', { modelNames: ['Basic', 'Nope'] }), 'model was not found: Nope');
    assert.equal(await errorOf(t, 'modelNameFromId', { modelId: 42 }), 'model was not found: 42');
    for (const action of ['modelFieldNames', 'modelFieldDescriptions', 'modelFieldFonts', 'modelFieldsOnTemplates', 'modelTemplates', 'modelStyling']) {
      assert.equal(await errorOf(t, action, { modelName: 'Nope' }), 'model was not found: Nope', action);
    }
    assert.equal(await errorOf(t, 'updateModelStyling', { model: { name: 'Nope', css: '' } }), 'model was not found: Nope');
    assert.equal(await errorOf(t, 'modelFieldRename', { modelName: 'Basic', oldFieldName: 'front', newFieldName: 'x' }), 'field was not found in Basic: front');
    assert.equal(await errorOf(t, 'modelFieldSetFont', { modelName: 'Basic', fieldName: 'Nope', font: 'x' }), 'field was not found in Basic: Nope');
    assert.equal(
      await errorOf(t, 'modelTemplateRename', { modelName: 'Basic', oldTemplateName: 'card 1', newTemplateName: 'x' }),
      'template was not found in Basic: card 1',
    );
    assert.equal(await errorOf(t, 'findAndReplaceInModels', { modelName: 'Nope', findText: 'a', replaceText: 'b' }), 'model was not found: Nope');
  });

  test('modelNameFromId and modelFieldsOnTemplates', async () => {
    const ids = (await t.call('modelNamesAndIds')) as Record<string, number>;
    assert.equal(await t.call('modelNameFromId', { modelId: ids['Basic (type in the answer)'] }), 'Basic (type in the answer)');
    assert.deepEqual(await t.call('modelFieldsOnTemplates', { modelName: 'Basic (type in the answer)' }), {
      'Card 1': [['Front', 'Back'], []],
    });
    assert.deepEqual(await t.call('modelFieldsOnTemplates', { modelName: 'Basic (optional reversed card)' }), {
      'Card 1': [['Front'], ['Back']],
      // `{{#…}}` and `{{/…}}` do not match Anki-Connect's pattern; the front is what it finds.
      'Card 2': [['Back'], ['Front']],
    });
    assert.deepEqual(await t.call('modelFieldsOnTemplates', { modelName: 'Cloze' }), { Cloze: [['Text'], ['Back Extra']] });
  });
});

describe('createModel', () => {
  const t = useTestDispatcher();

  const model = (modelName: string, extra: Record<string, unknown> = {}) => ({
    modelName,
    inOrderFields: ['A', 'B'],
    cardTemplates: [{ Front: '{{A}}', Back: '{{B}}' }],
    ...extra,
  });

  test("refusals with Anki-Connect's and Anki's messages", async () => {
    assert.equal(await errorOf(t, 'createModel', model('x', { inOrderFields: [] })), 'Must provide at least one field for inOrderFields');
    assert.equal(await errorOf(t, 'createModel', model('x', { cardTemplates: [] })), 'Must provide at least one card for cardTemplates');
    assert.equal(await errorOf(t, 'createModel', model('Basic')), 'Model name already exists');
    // The old HTTP suite's templates have no field on the front; modern Anki refuses them.
    assert.equal(
      await errorOf(t, 'createModel', model('x', { cardTemplates: [{ Front: 'field1', Back: 'field2' }] })),
      "Card template 1 in note type 'x' has a problem.<br>Expected to find a field replacement on the front of the card template.",
    );
    assert.equal(
      await errorOf(t, 'createModel', model('x', { isCloze: true })),
      "Card template 1 in note type 'x' has a problem.<br>Expected to find '{{cloze:Text}}' or similar on the front and back of the card template.",
    );
    assert.equal(
      await errorOf(t, 'createModel', model('x', { cardTemplates: [{ Front: '{{C}}', Back: '' }] })),
      "Card template 1 in note type 'x' has a problem.<br>Field 'C' not found.",
    );
    assert.match(await errorOf(t, 'createModel', { modelName: 'x', inOrderFields: ['A'] }), /missing 1 required positional argument: 'cardTemplates'/);
    assert.ok(!((await t.call('modelNames')) as string[]).includes('x'), 'nothing was added');
  });

  test('names are fixed as Anki fixes them; templates are named Card N by position', async () => {
    const result = (await t.call('createModel', {
      modelName: 'My "new" type',
      inOrderFields: ['Front', 'front', ' #Back: ', 'Extra'],
      cardTemplates: [
        { Front: '{{Front}}', Back: '{{Back}}' },
        { Name: 'Named', Front: '{{front+}}', Back: '' },
        { Front: '{{Extra}}', Back: '' },
        { Name: 'named', Front: '{{Back}}', Back: '' },
      ],
    })) as Record<string, unknown>;
    assert.equal(result['name'], 'My new type');
    assert.deepEqual((result['flds'] as { name: string }[]).map((field) => field.name), ['Front', 'front+', 'Back', 'Extra']);
    assert.deepEqual((result['tmpls'] as { name: string }[]).map((template) => template.name), ['Card 1', 'Named', 'Card 3', 'named+']);
    assert.deepEqual(result['req'], [
      [0, 'any', [0]],
      [1, 'any', [1]],
      [2, 'any', [3]],
      [3, 'any', [2]],
    ]);
    assert.equal(t.col.config.get('curModel'), result['id'], 'the new note type becomes the current one, as in Anki');
  });

  test('a name equal to another except for case gets a suffix; cloze and default CSS', async () => {
    const result = (await t.call('createModel', model('basic'))) as Record<string, unknown>;
    assert.match(result['name'] as string, /^basic-[0-9a-f]{5}$/);
    const cloze = (await t.call('createModel', {
      modelName: 'My cloze',
      isCloze: true,
      inOrderFields: ['Text'],
      cardTemplates: [{ Front: '{{cloze:Text}}', Back: '{{cloze:Text}}' }],
      css: null,
    })) as Record<string, unknown>;
    assert.equal(cloze['type'], 1);
    assert.equal(cloze['css'], CARD_CSS, 'css null means the default CSS');
    assert.equal(cloze['originalStockKind'], 1, 'built from the stock Basic note type, as Anki-Connect does');
    const nid = await addNote(t, 'My cloze', { Text: '{{c1::a}} {{c2::b}}' });
    assert.equal((t.col.db.prepare('select count() as n from cards where nid = ?').get(nid) as { n: number }).n, 2);
  });
});

describe("Anki-Connect's quirks and argument checks", () => {
  const t = useTestDispatcher();
  let mid: number;
  before(async () => {
    await t.call('createModel', {
      modelName: 'Q',
      inOrderFields: ['F1', 'F2'],
      cardTemplates: [
        { Front: '{{F1}}', Back: '{{F2}}' },
        { Front: '{{F2}}', Back: '{{F1}}' },
      ],
    });
    mid = notetypeId(t.col, 'Q');
    await addNote(t, 'Q', { F1: 'one', F2: 'two' });
  });

  test('updateModelTemplates ignores empty sides and unknown names', async () => {
    await t.call('updateModelTemplates', {
      model: { name: 'Q', templates: { 'Card 1': { Front: '', Back: 'new back {{F2}}' }, 'Card 2': { Front: null }, 'card 1': { Front: 'x' }, Other: {} } },
    });
    assert.deepEqual(await t.call('modelTemplates', { modelName: 'Q' }), {
      'Card 1': { Front: '{{F1}}', Back: 'new back {{F2}}' },
      'Card 2': { Front: '{{F2}}', Back: '{{F1}}' },
    });
  });

  test('findAndReplaceInModels counts the note types the text was found in, across all when modelName is empty', async () => {
    assert.equal(await t.call('findAndReplaceInModels', { modelName: '', findText: '{{Front}}', replaceText: '{{Front}}', front: true, back: false, css: false }), 4);
    assert.equal(await t.call('findAndReplaceInModels', { modelName: null, findText: 'no such text', replaceText: 'x' }), 0);
    assert.equal(
      await errorOf(t, 'findAndReplaceInModels', { findText: 'a' }),
      "findAndReplaceInModels() missing 2 required positional arguments: 'modelName' and 'replaceText'",
    );
  });

  test('type checks of the field setters', async () => {
    assert.equal(await errorOf(t, 'modelFieldSetFont', { modelName: 'Q', fieldName: 'F1', font: 12 }), 'font should be a string: 12');
    assert.equal(await errorOf(t, 'modelFieldSetFontSize', { modelName: 'Q', fieldName: 'F1', fontSize: '12' }), 'fontSize should be an integer: 12', 'str() of a string has no quotes');
    assert.equal(await errorOf(t, 'modelFieldSetFontSize', { modelName: 'Q', fieldName: 'F1', fontSize: 1.5 }), 'fontSize should be an integer: 1.5');
    assert.equal(await errorOf(t, 'modelFieldSetDescription', { modelName: 'Q', fieldName: 'F1', description: null }), 'description should be a string: None');
    assert.equal(await errorOf(t, 'modelFieldSetFont', { modelName: 'Nope', fieldName: 'F1', font: 12 }), 'model was not found: Nope', 'the note type is looked up first');
  });

  test('the last template and the last field cannot be removed', async () => {
    await t.call('createModel', { modelName: 'One', inOrderFields: ['Only'], cardTemplates: [{ Front: '{{Only}}', Back: '' }] });
    assert.equal(await errorOf(t, 'modelTemplateRemove', { modelName: 'One', templateName: 'Card 1' }), 'must have 1 template');
    assert.equal(await errorOf(t, 'modelFieldRemove', { modelName: 'One', fieldName: 'Only' }), '1 field required');
  });

  test('a refused edit leaves nothing behind', async () => {
    const before = snapshot(t.col, mid);
    // Renaming a field to nothing, a template to quotes only, a front without fields.
    assert.equal(await errorOf(t, 'modelFieldRename', { modelName: 'Q', oldFieldName: 'F1', newFieldName: ':' }), 'Field name: ');
    assert.equal(
      await errorOf(t, 'modelTemplateRename', { modelName: 'Q', oldTemplateName: 'Card 1', newTemplateName: '""' }),
      'Template name contains only quotes',
    );
    assert.match(
      await errorOf(t, 'updateModelTemplates', { model: { name: 'Q', templates: { 'Card 2': { Front: 'no field' } } } }),
      /^Card template 2 in note type 'Q' has a problem/,
    );
    assert.deepEqual(snapshot(t.col, mid), before);
  });

  test('modelFieldSetFont, modelFieldSetFontSize and modelFieldSetDescription change only their setting', async () => {
    const notes = t.col.db.prepare('select * from notes').all();
    await t.call('modelFieldSetFont', { modelName: 'Q', fieldName: 'F2', font: 'Noto Serif' });
    await t.call('modelFieldSetFontSize', { modelName: 'Q', fieldName: 'F2', fontSize: 31 });
    assert.equal(await t.call('modelFieldSetDescription', { modelName: 'Q', fieldName: 'F2', description: 'the back' }), true);
    assert.deepEqual(await t.call('modelFieldFonts', { modelName: 'Q' }), {
      F1: { font: 'Arial', size: 20 },
      F2: { font: 'Noto Serif', size: 31 },
    });
    assert.deepEqual(await t.call('modelFieldDescriptions', { modelName: 'Q' }), ['', 'the back']);
    assert.deepEqual(t.col.db.prepare('select * from notes').all(), notes);
  });
});
