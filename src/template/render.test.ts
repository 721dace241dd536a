import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from './parser.js';
import { isClozeConditional, renderTemplate, type RenderContext } from './render.js';
import { nonEmptyKeys } from './special-fields.js';
import { TemplateError } from './template-error.js';

function context(fields: Record<string, string>, frontSide: string | null = null, cardOrd = 0): RenderContext {
  const map = new Map(Object.entries(fields));
  return { fields: map, nonEmpty: nonEmptyKeys(map), cardOrd, frontSide };
}

const render = (template: string, fields: Record<string, string>, frontSide: string | null = null, cardOrd = 0): string =>
  renderTemplate(parseTemplate(template), context(fields, frontSide, cardOrd));

function assertError(template: string, fields: Record<string, string>, message: string): void {
  assert.throws(
    () => render(template, fields),
    (error: unknown) => error instanceof TemplateError && error.message === message,
  );
}

void describe('renderTemplate: replacements', () => {
  void it('replaces fields and keeps text and comments', () => {
    assert.equal(render('a {{F}} <!-- {{G}} --> b', { F: 'x' }), 'a x <!-- {{G}} --> b');
  });

  void it('uses the alternative delimiters', () => {
    assert.equal(render('  {{=<% %>=}}<%F%> {{F}}', { F: 'x' }), 'x {{F}}');
  });

  void it('applies filters', () => {
    assert.equal(render('{{text:F}}|{{type:F}}', { F: '<b>x</b>' }), 'x|[[type:F]]');
  });

  void it('reports an unknown field with the filters as written', () => {
    assertError('{{Missing}}', {}, "Found '{{Missing}}', but there is no field called 'Missing'");
    assertError('{{text:hint:X}}', {}, "Found '{{text:hint:X}}', but there is no field called 'X'");
    assertError('{{ }}', {}, "Found '{{}}', but there is no field called ''");
  });

  void it('renders an empty field name with filters as nothing', () => {
    assert.equal(render('a{{tts-voices:}}b', {}), 'ab');
  });
});

void describe('renderTemplate: FrontSide', () => {
  void it('is empty on the question and the question on the answer, ignoring filters', () => {
    assert.equal(render('[{{FrontSide}}]', {}), '[]');
    assert.equal(render('{{FrontSide}}<hr>{{text:FrontSide}}', {}, '<b>q</b>'), '<b>q</b><hr><b>q</b>');
  });

  void it('wins over a note field of that name', () => {
    assert.equal(render('{{FrontSide}}', { FrontSide: 'field' }, 'question'), 'question');
  });

  void it('is not a field for conditionals', () => {
    assertError('{{#FrontSide}}x{{/FrontSide}}', {}, "Found '{{#FrontSide}}', but there is no field called 'FrontSide'");
  });
});

void describe('renderTemplate: conditionals', () => {
  const fields = { Full: 'x', Empty: ' <br> ', c1: '' };

  void it('shows {{#K}} for non-empty and {{^K}} for empty keys', () => {
    assert.equal(render('{{#Full}}a{{/Full}}{{#Empty}}b{{/Empty}}{{^Full}}c{{/Full}}{{^Empty}}d{{/Empty}}', fields), 'ad');
  });

  void it('treats cN of other cards as empty and nests', () => {
    const map = { F: 'x', c2: '1' };
    assert.equal(render('{{#c2}}two{{#F}}{{F}}{{/F}}{{/c2}}{{#c3}}three{{/c3}}{{^c5}}!{{/c5}}', map), 'twox!');
  });

  void it('still reports errors inside hidden sections', () => {
    assertError('{{#Empty}}{{Nope}}{{/Empty}}', fields, "Found '{{Nope}}', but there is no field called 'Nope'");
    assertError('{{^Full}}{{#Nope}}{{/Nope}}{{/Full}}', fields, "Found '{{#Nope}}', but there is no field called 'Nope'");
  });

  void it('reports an unknown conditional key', () => {
    assertError('{{#Nope}}x{{/Nope}}', fields, "Found '{{#Nope}}', but there is no field called 'Nope'");
    assertError('{{^Nope}}x{{/Nope}}', fields, "Found '{{^Nope}}', but there is no field called 'Nope'");
  });

  void it('reports the first error in template order', () => {
    assertError('{{#A}}{{/A}}{{B}}', {}, "Found '{{#A}}', but there is no field called 'A'");
  });
});

void describe('isClozeConditional', () => {
  void it('accepts c followed by a u32', () => {
    for (const key of ['c1', 'c0', 'c007', 'c+3', 'c4294967295']) assert.equal(isClozeConditional(key), true, key);
    for (const key of ['c', 'C1', 'c-1', 'c1a', 'c 1', 'c4294967296', 'c+', 'cc1']) assert.equal(isClozeConditional(key), false, key);
  });
});
