// createModel made by the server and by Anki-Connect's calls on real Anki, case by case: a
// refused note type gets the same message (Anki's own for template problems), an accepted one
// the same note type dict (names cleaned as Anki cleans them, default CSS, card templates,
// `req`), apart from the ids and times each side draws when it writes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AnkiDriver } from './support/anki.js';
import { canonical } from './support/canonical.js';
import { withoutIsolationMarks } from './support/differences.js';
import { tempProfile, type TempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';

interface Case {
  label: string;
  params: Record<string, unknown>;
}

const model = (modelName: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  modelName,
  inOrderFields: ['Front', 'Back'],
  cardTemplates: [{ Front: '{{Front}}', Back: '{{FrontSide}}<hr id=answer>{{Back}}' }],
  ...extra,
});

const CASES: Case[] = [
  { label: 'a plain note type', params: model('Plain') },
  { label: 'named templates and CSS', params: model('Named', { css: '.card { color: red }', cardTemplates: [{ Name: 'Forward', Front: '{{Front}}', Back: '{{Back}}' }, { Name: 'Backward', Front: '{{Back}}', Back: '{{Front}}' }] }) },
  { label: 'a cloze note type', params: model('My cloze', { isCloze: true, inOrderFields: ['Text', 'Extra'], cardTemplates: [{ Front: '{{cloze:Text}}', Back: '{{cloze:Text}}<br>{{Extra}}' }] }) },
  { label: 'every special field', params: model('Specials', { cardTemplates: [{ Front: '{{Front}} {{Tags}} {{Type}} {{Deck}} {{Subdeck}} {{CardFlag}} {{Card}} {{CardID}}', Back: '{{FrontSide}}' }] }) },
  { label: 'filters and conditionals', params: model('Filters', { cardTemplates: [{ Front: '{{#Back}}{{text:Front}}{{/Back}}{{^Back}}{{hint:Front}}{{/Back}}', Back: '{{type:Back}} {{furigana:Front}}' }] }) },
  { label: 'field names Anki cleans', params: model('Cleaned', { inOrderFields: ['  #Lead', 'a:b{c}"d"', 'ＮＦＣ\u0065\u0301'], cardTemplates: [{ Front: '{{Lead}}', Back: '' }] }) },
  { label: 'duplicate field names', params: model('Dupes', { inOrderFields: ['Same', 'same', 'Same'], cardTemplates: [{ Front: '{{Same}}', Back: '' }] }) },
  { label: 'a template name with quotes', params: model('Quoted', { cardTemplates: [{ Name: 'Say "hi"', Front: '{{Front}}', Back: '' }] }) },
  { label: 'a name taken already', params: model('Basic') },
  { label: 'no fields', params: model('x1', { inOrderFields: [] }) },
  { label: 'no templates', params: model('x2', { cardTemplates: [] }) },
  { label: 'no field on the front', params: model('x3', { cardTemplates: [{ Front: 'plain text', Back: '{{Back}}' }] }) },
  { label: 'an unknown field on the front', params: model('x4', { cardTemplates: [{ Front: '{{Front}}{{Nope}}', Back: '' }] }) },
  { label: 'an unknown field on the back, in the wrong case', params: model('x5', { cardTemplates: [{ Front: '{{Front}}', Back: '{{back}}' }] }) },
  { label: 'a template that does not parse', params: model('x6', { cardTemplates: [{ Front: '{{#Front}}', Back: '' }] }) },
  { label: 'identical fronts', params: model('x7', { cardTemplates: [{ Front: '{{Front}}', Back: '' }, { Front: '{{Front}}', Back: '{{Back}}' }] }) },
  { label: 'a cloze type without a cloze', params: model('x8', { isCloze: true }) },
  { label: 'a cloze only on the front', params: model('x9', { isCloze: true, cardTemplates: [{ Front: '{{cloze:Front}}', Back: '{{Back}}' }] }) },
];

/** A note type dict without what each side draws at write time: ids and modification times. */
function withoutDrawn(value: unknown): unknown {
  const dict = canonical(value) as Record<string, unknown>;
  const strip = (items: unknown) => (items as Record<string, unknown>[]).map(({ id: _id, ...rest }) => rest);
  const { id: _id, mod: _mod, ...rest } = dict;
  return { ...rest, flds: strip(dict['flds']), tmpls: strip(dict['tmpls']) };
}

describe('createModel by the server and by Anki', () => {
  const anki = new AnkiDriver();
  let ours: TempProfile;
  let theirs: TempProfile;
  let server: OurServer;

  before(async () => {
    ours = tempProfile();
    theirs = tempProfile();
    server = OurServer.open(ours.path);
    await anki.open(theirs.path);
  });
  after(async () => {
    server.close();
    await anki.stop();
    ours.remove();
    theirs.remove();
  });

  for (const { label, params } of CASES) {
    test(label, async () => {
      const mine = await server.outcome('createModel', params);
      let real: { result: unknown } | { error: string };
      try {
        real = { result: await anki.write('createModel', params) };
      } catch (err) {
        real = { error: withoutIsolationMarks((err as Error).message) };
      }
      if ('error' in real || 'error' in mine) {
        assert.deepEqual(mine, real);
        return;
      }
      assert.deepEqual(withoutDrawn(mine.result), withoutDrawn(real.result));
      const name = (mine.result as { name: string }).name;
      const stored = (await anki.ac('findModelsByName', { modelNames: [name] })) as unknown[];
      assert.deepEqual(withoutDrawn((await server.call('findModelsByName', { modelNames: [name] }) as unknown[])[0]), withoutDrawn(stored[0]));
    });
  }
});
