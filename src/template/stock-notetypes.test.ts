// The six stock note types (anki-format.md §2.5) run through card generation and `req`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clozeOrdsToGenerate, templatesToGenerate } from './card-generation.js';
import { clozeFieldOrds } from './cloze-fields.js';
import { nonEmptyFieldNames } from './field-emptiness.js';
import { computeReq } from './legacy-req.js';
import { parseTemplate } from './parser.js';
import { rendersWithFields } from './renders-with-fields.js';

const CARD1_FRONT = '{{Front}}';
const REVERSE_FRONT = '{{Back}}';
const OPTIONAL_REVERSE_FRONT = '{{#Add Reverse}}{{Back}}{{/Add Reverse}}';
const TYPING_FRONT = '{{Front}}\n\n{{type:Back}}';
const CLOZE_FRONT = '{{cloze:Text}}';
const IO_FRONT =
  '{{#Header}}<div>{{Header}}</div>{{/Header}}\n<div style="display: none">{{cloze:Occlusion}}</div>\n' +
  '<div id="err"></div>\n<div id="image-occlusion-container">\n    {{Image}}\n' +
  '    <canvas id="image-occlusion-canvas"></canvas>\n</div>\n<script>\ntry {\n' +
  '    anki.imageOcclusion.setup();\n} catch (exc) {\n' +
  '    document.getElementById("err").innerHTML = `Error loading image occlusion. Is your Anki version up to date?<br><br>${exc}`;\n' +
  '}\n</script>\n';

interface StockType {
  readonly fields: readonly string[];
  readonly fronts: readonly string[];
}
const BASIC: StockType = { fields: ['Front', 'Back'], fronts: [CARD1_FRONT] };
const REVERSED: StockType = { fields: ['Front', 'Back'], fronts: [CARD1_FRONT, REVERSE_FRONT] };
const OPTIONAL: StockType = { fields: ['Front', 'Back', 'Add Reverse'], fronts: [CARD1_FRONT, OPTIONAL_REVERSE_FRONT] };
const TYPING: StockType = { fields: ['Front', 'Back'], fronts: [TYPING_FRONT] };
const CLOZE: StockType = { fields: ['Text', 'Back Extra'], fronts: [CLOZE_FRONT] };
const IO: StockType = { fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'], fronts: [IO_FRONT] };

/** Template ords a normal note of `type` gets for these field values. */
function generated(type: StockType, values: readonly string[], hasTags = false): number[] {
  const parsed = type.fronts.map((front) => parseTemplate(front));
  return templatesToGenerate(parsed, nonEmptyFieldNames(type.fields, values), { hasTags });
}

void describe('stock note types: which question templates render', () => {
  void it('Basic', () => {
    assert.deepEqual(generated(BASIC, ['front', 'back']), [0]);
    assert.deepEqual(generated(BASIC, ['front', '']), [0]);
    assert.deepEqual(generated(BASIC, ['', 'back']), []);
    assert.deepEqual(generated(BASIC, ['<div><br></div>', 'back']), []);
  });

  void it('Basic (and reversed card)', () => {
    assert.deepEqual(generated(REVERSED, ['front', 'back']), [0, 1]);
    assert.deepEqual(generated(REVERSED, ['front', ' ']), [0]);
    assert.deepEqual(generated(REVERSED, ['', 'back']), [1]);
    assert.deepEqual(generated(REVERSED, ['', '']), []);
  });

  void it('Basic (optional reversed card)', () => {
    assert.deepEqual(generated(OPTIONAL, ['front', 'back', '']), [0]);
    assert.deepEqual(generated(OPTIONAL, ['front', 'back', 'y']), [0, 1]);
    assert.deepEqual(generated(OPTIONAL, ['front', '', 'y']), [0]);
    assert.deepEqual(generated(OPTIONAL, ['', 'back', 'y']), [1]);
    assert.deepEqual(generated(OPTIONAL, ['', '', 'y']), []);
  });

  void it('Basic (type in the answer)', () => {
    assert.deepEqual(generated(TYPING, ['front', 'back']), [0]);
    assert.deepEqual(generated(TYPING, ['', 'back']), [0]);
    assert.deepEqual(generated(TYPING, ['front', '']), [0]);
    assert.deepEqual(generated(TYPING, ['', '']), []);
  });

  void it('Cloze (question template alone, as for the blank-front check)', () => {
    const front = parseTemplate(CLOZE_FRONT);
    assert.equal(rendersWithFields(front, nonEmptyFieldNames(CLOZE.fields, ['{{c1::x}}', ''])), true);
    assert.equal(rendersWithFields(front, nonEmptyFieldNames(CLOZE.fields, ['', 'extra'])), false);
  });

  void it('Image Occlusion (question template alone)', () => {
    const front = parseTemplate(IO_FRONT);
    const renders = (values: string[]): boolean => rendersWithFields(front, nonEmptyFieldNames(IO.fields, values));
    assert.equal(renders(['{{c1::image-occlusion:rect:left=.1}}', '', '', '', '']), true);
    assert.equal(renders(['', '<img src="a.png">', '', '', '']), true);
    assert.equal(renders(['', '', 'header', '', '']), true);
    assert.equal(renders(['', '', '', 'extra', 'comments']), false);
  });

  void it('tags do not change stock results', () => {
    assert.deepEqual(generated(REVERSED, ['', ''], true), []);
  });
});

void describe('stock note types: cloze card ordinals', () => {
  void it('Cloze gets one card per cloze number', () => {
    assert.deepEqual(clozeOrdsToGenerate(['{{c1::Rome}} is in {{c2::Italy}}', '{{c5::extra}}']), [0, 1, 4]);
    assert.deepEqual(clozeOrdsToGenerate(['no clozes', '']), []);
  });

  void it('Image Occlusion uses the shape numbers', () => {
    const occlusion = '{{c1::image-occlusion:rect:left=.1:top=.2}}{{c3::image-occlusion:ellipse:left=.4}}';
    assert.deepEqual(clozeOrdsToGenerate([occlusion, '<img src="a.png">', '', '', '']), [0, 2]);
  });

  void it('cloze fields', () => {
    assert.deepEqual(clozeFieldOrds(CLOZE.fronts, CLOZE.fields), [0]);
    assert.deepEqual(clozeFieldOrds(IO.fronts, IO.fields), [0]);
  });
});

void describe('stock note types: legacy req', () => {
  void it('Basic', () => {
    assert.deepEqual(computeReq(BASIC.fronts, BASIC.fields), [[0, 'any', [0]]]);
  });

  void it('Basic (and reversed card)', () => {
    assert.deepEqual(computeReq(REVERSED.fronts, REVERSED.fields), [
      [0, 'any', [0]],
      [1, 'any', [1]],
    ]);
  });

  void it('Basic (optional reversed card)', () => {
    assert.deepEqual(computeReq(OPTIONAL.fronts, OPTIONAL.fields), [
      [0, 'any', [0]],
      [1, 'all', [1, 2]],
    ]);
  });

  void it('Basic (type in the answer)', () => {
    assert.deepEqual(computeReq(TYPING.fronts, TYPING.fields), [[0, 'any', [0, 1]]]);
  });

  void it('Cloze', () => {
    assert.deepEqual(computeReq(CLOZE.fronts, CLOZE.fields), [[0, 'any', [0]]]);
  });

  void it('Image Occlusion', () => {
    assert.deepEqual(computeReq(IO.fronts, IO.fields), [[0, 'any', [0, 1, 2]]]);
  });

  void it('serialises like the schema-11 JSON', () => {
    assert.equal(JSON.stringify(computeReq(OPTIONAL.fronts, OPTIONAL.fields)), '[[0,"any",[0]],[1,"all",[1,2]]]');
  });
});
