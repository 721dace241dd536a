/**
 * The seed README's samples for the Model actions (shared/seed, from "Model Actions" to "Note
 * Actions"), sent as written, in order, on one fresh profile, with the documented results
 * checked. Where a sample result cannot be literally true today, the check says why and asserts
 * what the server answers instead.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARD_CSS, LATEX_POST, LATEX_PRE } from '../../src/notetypes/stock.js';
import { useTestDispatcher, type TestDispatcher } from '../support/dispatch.js';

/** Sends a v6 request and returns the result of a reply that must be `{result, error: null}`. */
async function sample(t: TestDispatcher, request: Record<string, unknown>): Promise<unknown> {
  const reply = (await t.request(request)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(reply).sort(), ['error', 'result']);
  assert.equal(reply['error'], null);
  return reply['result'];
}

/** CSS compared with its whitespace collapsed: the README shows older Anki's one-space indent. */
const collapse = (css: string) => css.replace(/\s+/g, ' ');

describe('seed README samples: Model Actions', () => {
  const t = useTestDispatcher();

  test('modelNames', async () => {
    const names = (await sample(t, { action: 'modelNames', version: 6 })) as string[];
    // The sample lists two; a new collection has Anki's six stock note types.
    for (const name of ['Basic', 'Basic (and reversed card)']) assert.ok(names.includes(name), name);
  });

  test('modelNamesAndIds', async () => {
    const ids = (await sample(t, { action: 'modelNamesAndIds', version: 6 })) as Record<string, number>;
    for (const name of ['Basic', 'Basic (and reversed card)', 'Basic (optional reversed card)', 'Cloze']) {
      assert.ok(Number.isSafeInteger(ids[name]) && (ids[name] ?? 0) > 1_000_000_000_000, name);
    }
  });

  test('modelFieldNames', async () => {
    assert.deepEqual(await sample(t, { action: 'modelFieldNames', version: 6, params: { modelName: 'Basic' } }), ['Front', 'Back']);
  });

  test('modelFieldsOnTemplates', async () => {
    const result = await sample(t, { action: 'modelFieldsOnTemplates', version: 6, params: { modelName: 'Basic (and reversed card)' } });
    assert.deepEqual(result, { 'Card 1': [['Front'], ['Back']], 'Card 2': [['Back'], ['Front']] });
  });

  test('createModel', async () => {
    const result = (await sample(t, {
      action: 'createModel',
      version: 6,
      params: {
        modelName: 'newModelName',
        inOrderFields: ['Field1', 'Field2', 'Field3'],
        css: 'Optional CSS with default to builtin css',
        // The README writes Python's False, which is not JSON.
        isCloze: false,
        cardTemplates: [{ Name: 'My Card 1', Front: 'Front html {{Field1}}', Back: 'Back html  {{Field2}}' }],
      },
    })) as Record<string, unknown>;
    // The sample result is an older Anki's dict (string id, `vers`/`tags`, did 1, an unrelated
    // template). Modern Anki's keys and values for this request:
    assert.deepEqual(Object.keys(result), [
      'id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css', 'latexPre', 'latexPost', 'latexsvg', 'req',
      'originalStockKind',
    ]);
    assert.ok(typeof result['id'] === 'number' && Number.isSafeInteger(result['id']));
    assert.equal(result['name'], 'newModelName');
    assert.equal(result['type'], 0);
    assert.equal(result['mod'], Math.floor(t.clock.nowMs() / 1000));
    assert.equal(result['usn'], -1);
    assert.equal(result['sortf'], 0);
    assert.equal(result['did'], null);
    assert.equal(result['css'], 'Optional CSS with default to builtin css');
    assert.equal(result['latexPre'], LATEX_PRE);
    assert.equal(result['latexPost'], LATEX_POST);
    assert.deepEqual(result['req'], [[0, 'any', [0]]]);
    const fields = result['flds'] as Record<string, unknown>[];
    assert.deepEqual(
      fields.map(({ name, ord, sticky, rtl, font, size }) => ({ name, ord, sticky, rtl, font, size })),
      ['Field1', 'Field2', 'Field3'].map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 })),
    );
    for (const field of fields) assert.equal(typeof field['id'], 'bigint', 'a 64-bit field id');
    const templates = result['tmpls'] as Record<string, unknown>[];
    assert.deepEqual(
      templates.map(({ name, ord, qfmt, afmt, did, bqfmt, bafmt }) => ({ name, ord, qfmt, afmt, did, bqfmt, bafmt })),
      [{ name: 'My Card 1', ord: 0, qfmt: 'Front html {{Field1}}', afmt: 'Back html  {{Field2}}', did: null, bqfmt: '', bafmt: '' }],
    );
  });

  test('modelTemplates', async () => {
    const result = await sample(t, { action: 'modelTemplates', version: 6, params: { modelName: 'Basic (and reversed card)' } });
    assert.deepEqual(result, {
      'Card 1': { Front: '{{Front}}', Back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
      'Card 2': { Front: '{{Back}}', Back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    });
  });

  test('modelStyling', async () => {
    const result = (await sample(t, { action: 'modelStyling', version: 6, params: { modelName: 'Basic (and reversed card)' } })) as {
      css: string;
    };
    const documented =
      '.card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n';
    assert.deepEqual(result, { css: CARD_CSS });
    // Anki 25.07 and newer add a line height to the stock note types' card style.
    const current = documented.replace(' font-size: 20px;\n', ' font-size: 20px;\n line-height: 1.5;\n');
    assert.equal(collapse(result.css), collapse(current), 'the same rules, indented as Anki writes them');
  });

  test('updateModelTemplates', async () => {
    // The sample edits a note type "Custom" with fields Question and Answer.
    await t.call('createModel', {
      modelName: 'Custom',
      inOrderFields: ['Question', 'Answer'],
      cardTemplates: [{ Front: '{{Question}}', Back: '{{FrontSide}}<hr>{{Answer}}' }],
    });
    const result = await sample(t, {
      action: 'updateModelTemplates',
      version: 6,
      params: { model: { name: 'Custom', templates: { 'Card 1': { Front: '{{Question}}?', Back: '{{Answer}}!' } } } },
    });
    assert.equal(result, null);
    assert.deepEqual(await t.call('modelTemplates', { modelName: 'Custom' }), {
      'Card 1': { Front: '{{Question}}?', Back: '{{Answer}}!' },
    });
  });

  test('updateModelStyling', async () => {
    const result = await sample(t, {
      action: 'updateModelStyling',
      version: 6,
      params: { model: { name: 'Custom', css: 'p { color: blue; }' } },
    });
    assert.equal(result, null);
    assert.deepEqual(await t.call('modelStyling', { modelName: 'Custom' }), { css: 'p { color: blue; }' });
  });

  test('findAndReplaceInModels (the README wraps the arguments in "model")', async () => {
    // Exactly one note type holds the text, so the documented 1 is the answer.
    await t.call('createModel', {
      modelName: 'Replace me',
      inOrderFields: ['A'],
      cardTemplates: [{ Front: '{{A}} text_to_replace', Back: '{{FrontSide}}' }],
    });
    const result = await sample(t, {
      action: 'findAndReplaceInModels',
      version: 6,
      params: {
        model: { modelName: '', findText: 'text_to_replace', replaceText: 'replace_with_text', front: true, back: true, css: true },
      },
    });
    assert.equal(result, 1);
    assert.deepEqual(await t.call('modelTemplates', { modelName: 'Replace me' }), {
      'Card 1': { Front: '{{A}} replace_with_text', Back: '{{FrontSide}}' },
    });
  });
});
