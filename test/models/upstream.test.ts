/**
 * Anki-Connect's own model tests (tests/test_models.py at de6e6e1, ankiconnect-spec.md §4.1),
 * through the dispatcher. Each runs on a fresh profile prepared like upstream's `setup` fixture:
 * note type `test_model` (fields field1, field2; two templates; CSS `* {}`), deck `test_deck` and
 * two notes, four cards. Where upstream could only smoke-test (template order), the order is
 * checked too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertIntegrity } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';
import { upstreamSetup } from '../notes-edit/setup.js';

/** Upstream's `setup` fixture, then the test body, then the integrity check. */
async function withSetup(body: (setup: { t: TestDispatcher; note1: number; note2: number }) => Promise<void>): Promise<void> {
  const t = newTestDispatcher();
  try {
    const { note1, note2 } = await upstreamSetup(t);
    assert.equal(count(t, 'select count() as n from cards'), 4);
    await body({ t, note1, note2 });
    assertIntegrity(t.col);
  } finally {
    t.close();
  }
}

function count(t: TestDispatcher, sql: string, ...params: unknown[]): number {
  return (t.col.db.prepare(sql).get(...params) as { n: number }).n;
}

/** Template names of each card of a note, by card ord. */
function cardTemplates(t: TestDispatcher, nid: number, names: string[]): string[] {
  return (t.col.db.prepare('select ord from cards where nid = ? order by ord').all(nid) as { ord: number }[]).map(
    (card) => names[card.ord] ?? `missing template ${card.ord}`,
  );
}

describe('upstream test_models', () => {
  test('modelNames', () =>
    withSetup(async ({ t }) => {
      assert.ok(((await t.call('modelNames')) as string[]).includes('test_model'));
    }));

  test('modelNamesAndIds', () =>
    withSetup(async ({ t }) => {
      const ids = (await t.call('modelNamesAndIds')) as Record<string, number>;
      assert.ok(Number.isInteger(ids['test_model']));
    }));

  test('modelFieldNames', () =>
    withSetup(async ({ t }) => {
      assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['field1', 'field2']);
    }));

  test('modelFieldDescriptions', () =>
    withSetup(async ({ t }) => {
      assert.deepEqual(await t.call('modelFieldDescriptions', { modelName: 'test_model' }), ['', '']);
    }));

  test('modelFieldFonts', () =>
    withSetup(async ({ t }) => {
      assert.deepEqual(await t.call('modelFieldFonts', { modelName: 'test_model' }), {
        field1: { font: 'Arial', size: 20 },
        field2: { font: 'Arial', size: 20 },
      });
    }));

  test('modelFieldsOnTemplates', () =>
    withSetup(async ({ t }) => {
      assert.deepEqual(await t.call('modelFieldsOnTemplates', { modelName: 'test_model' }), {
        'Card 1': [['field1'], ['field2']],
        'Card 2': [['field2'], ['field1']],
      });
    }));

  describe('createModel', () => {
    const kwargs = { modelName: 'test_model_foo', inOrderFields: ['field1', 'field2'], cardTemplates: [{ Front: '{{field1}}', Back: '{{field2}}' }] };

    test('without css', async () => {
      const t = newTestDispatcher();
      try {
        const model = (await t.call('createModel', kwargs)) as Record<string, unknown>;
        assert.equal(model['name'], 'test_model_foo');
        assert.equal((await t.call('modelStyling', { modelName: 'test_model_foo' }) as { css: string }).css, model['css']);
        assert.match(model['css'] as string, /^\.card \{/, "Anki's default CSS");
        assertIntegrity(t.col);
      } finally {
        t.close();
      }
    });

    test('with css', async () => {
      const t = newTestDispatcher();
      try {
        await t.call('createModel', { ...kwargs, css: '* {}' });
        assert.deepEqual(await t.call('modelStyling', { modelName: 'test_model_foo' }), { css: '* {}' });
        assertIntegrity(t.col);
      } finally {
        t.close();
      }
    });
  });

  describe('styling', () => {
    test('modelStyling', () =>
      withSetup(async ({ t }) => {
        assert.deepEqual(await t.call('modelStyling', { modelName: 'test_model' }), { css: '* {}' });
      }));

    test('updateModelStyling', () =>
      withSetup(async ({ t }) => {
        assert.equal(await t.call('updateModelStyling', { model: { name: 'test_model', css: '* {color: red;}' } }), null);
        assert.deepEqual(await t.call('modelStyling', { modelName: 'test_model' }), { css: '* {color: red;}' });
      }));
  });

  describe('templates', () => {
    test('modelTemplates', () =>
      withSetup(async ({ t }) => {
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1': { Front: '{{field1}}', Back: '{{field2}}' },
          'Card 2': { Front: '{{field2}}', Back: '{{field1}}' },
        });
      }));

    test('updateModelTemplates (a partial update keeps the other template)', () =>
      withSetup(async ({ t }) => {
        await t.call('updateModelTemplates', {
          model: { name: 'test_model', templates: { 'Card 1': { Front: '{{field1}}', Back: 'foo' } } },
        });
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1': { Front: '{{field1}}', Back: 'foo' },
          'Card 2': { Front: '{{field2}}', Back: '{{field1}}' },
        });
      }));
  });

  test('findAndReplaceInModels (front only, both, css)', () =>
    withSetup(async ({ t }) => {
      const replace = (findText: string, replaceText: string, front: boolean, back: boolean, css: boolean) =>
        t.call('findAndReplaceInModels', { modelName: 'test_model', findText, replaceText, front, back, css });
      assert.equal(await replace('}}', '}}!', true, false, false), 1);
      assert.equal(await replace('}}', '}}?', true, true, false), 1);
      assert.equal(await replace('}', 'color: blue;}', false, false, true), 1);
      assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
        'Card 1': { Front: '{{field1}}?!', Back: '{{field2}}?' },
        'Card 2': { Front: '{{field2}}?!', Back: '{{field1}}?' },
      });
      assert.deepEqual(await t.call('modelStyling', { modelName: 'test_model' }), { css: '* {color: blue;}' });
    }));

  describe('template edits', () => {
    test('modelTemplateRename', () =>
      withSetup(async ({ t }) => {
        await t.call('modelTemplateRename', { modelName: 'test_model', oldTemplateName: 'Card 1', newTemplateName: 'Card 1 Renamed' });
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1 Renamed': { Front: '{{field1}}', Back: '{{field2}}' },
          'Card 2': { Front: '{{field2}}', Back: '{{field1}}' },
        });
      }));

    test('modelTemplateReposition (the order and the cards follow)', () =>
      withSetup(async ({ t, note1 }) => {
        const before = t.col.db.prepare('select id, ord from cards where nid = ? order by ord').all(note1) as { id: number }[];
        await t.call('modelTemplateReposition', { modelName: 'test_model', templateName: 'Card 1', index: 1 });
        assert.deepEqual(Object.keys((await t.call('modelTemplates', { modelName: 'test_model' })) as object), ['Card 2', 'Card 1']);
        const after = t.col.db.prepare('select id, ord from cards where nid = ? order by ord').all(note1) as { id: number }[];
        assert.deepEqual(
          after.map((card) => card.id),
          [before[1]?.id, before[0]?.id],
          'the card of Card 1 now has ord 1, the card of Card 2 ord 0',
        );
      }));

    test('modelTemplateAdd', () =>
      withSetup(async ({ t, note1, note2 }) => {
        await t.call('modelTemplateAdd', {
          modelName: 'test_model',
          template: { Name: 'Card 3', Front: '{{field1}} Card 3', Back: '{{field2}}' },
        });
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1': { Front: '{{field1}}', Back: '{{field2}}' },
          'Card 2': { Front: '{{field2}}', Back: '{{field1}}' },
          'Card 3': { Front: '{{field1}} Card 3', Back: '{{field2}}' },
        });
        const names = ['Card 1', 'Card 2', 'Card 3'];
        assert.deepEqual(cardTemplates(t, note1, names), names, 'the new template made a card for each note');
        assert.deepEqual(cardTemplates(t, note2, names), names);
      }));

    test('modelTemplateRemove', () =>
      withSetup(async ({ t, note1 }) => {
        await t.call('modelTemplateRemove', { modelName: 'test_model', templateName: 'Card 2' });
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1': { Front: '{{field1}}', Back: '{{field2}}' },
        });
        assert.deepEqual(cardTemplates(t, note1, ['Card 1']), ['Card 1']);
        assert.equal(count(t, 'select count() as n from graves where type = 0'), 2);
      }));
  });

  describe('field edits', () => {
    test('modelFieldRename', () =>
      withSetup(async ({ t }) => {
        await t.call('modelFieldRename', { modelName: 'test_model', oldFieldName: 'field1', newFieldName: 'foo' });
        assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['foo', 'field2']);
        assert.deepEqual(await t.call('modelTemplates', { modelName: 'test_model' }), {
          'Card 1': { Front: '{{foo}}', Back: '{{field2}}' },
          'Card 2': { Front: '{{field2}}', Back: '{{foo}}' },
        });
      }));

    test('modelFieldReposition', () =>
      withSetup(async ({ t, note1 }) => {
        await t.call('modelFieldReposition', { modelName: 'test_model', fieldName: 'field1', index: 2 });
        assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['field2', 'field1']);
        const info = (await t.call('notesInfo', { notes: [note1] })) as { fields: Record<string, { value: string; order: number }> }[];
        assert.deepEqual(info[0]?.fields, {
          field2: { value: 'note1 field2', order: 0 },
          field1: { value: 'note1 field1', order: 1 },
        });
      }));

    test('modelFieldAdd', () =>
      withSetup(async ({ t }) => {
        await t.call('modelFieldAdd', { modelName: 'test_model', fieldName: 'Foo' });
        assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['field1', 'field2', 'Foo']);
      }));

    test('modelFieldAdd with index', () =>
      withSetup(async ({ t }) => {
        await t.call('modelFieldAdd', { modelName: 'test_model', fieldName: 'Foo', index: 1 });
        assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['field1', 'Foo', 'field2']);
      }));

    test('modelFieldRemove', () =>
      withSetup(async ({ t }) => {
        // Upstream's own preparation: the front keeps a field, and the two fronts differ afterwards.
        await t.call('updateModelTemplates', {
          model: { name: 'test_model', templates: { 'Card 1': { Front: '{{field2}} {{field2}}', Back: 'foo' } } },
        });
        await t.call('modelFieldRemove', { modelName: 'test_model', fieldName: 'field1' });
        assert.deepEqual(await t.call('modelFieldNames', { modelName: 'test_model' }), ['field2']);
      }));

    test('modelFieldSetFont', () =>
      withSetup(async ({ t }) => {
        await t.call('modelFieldSetFont', { modelName: 'test_model', fieldName: 'field1', font: 'Courier' });
        assert.deepEqual(await t.call('modelFieldFonts', { modelName: 'test_model' }), {
          field1: { font: 'Courier', size: 20 },
          field2: { font: 'Arial', size: 20 },
        });
      }));

    test('modelFieldSetFontSize', () =>
      withSetup(async ({ t }) => {
        await t.call('modelFieldSetFontSize', { modelName: 'test_model', fieldName: 'field2', fontSize: 16 });
        assert.deepEqual(await t.call('modelFieldFonts', { modelName: 'test_model' }), {
          field1: { font: 'Arial', size: 20 },
          field2: { font: 'Arial', size: 16 },
        });
      }));

    test('modelFieldSetDescription', () =>
      withSetup(async ({ t }) => {
        assert.equal(
          await t.call('modelFieldSetDescription', { modelName: 'test_model', fieldName: 'field1', description: 'test description' }),
          true,
        );
        assert.deepEqual(await t.call('modelFieldDescriptions', { modelName: 'test_model' }), ['test description', '']);
      }));
  });
});
