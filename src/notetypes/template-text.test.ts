import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../template/index.js';
import {
  containsClozeReplacement,
  containsFieldReplacement,
  referencedFieldNames,
  renameAndRemoveFields,
  rewriteTemplateFields,
  templateToString,
} from './template-text.js';

const roundTrip = (text: string) => templateToString(parseTemplate(text));

test('templates are written back exactly as Anki writes them (round trips from rslib template.rs)', () => {
  for (const text of [
    '',
    'foo {{bar}} {{#baz}} quux {{/baz}}',
    'foo <!--{{bar }} --> {{#baz}} --> <!-- <!-- {{#def}} --> \u0123-->\u0456<!-- 2 --><!----> <!-- quux {{/baz}} <!-- {{nc:abc}}',
    'foo {{one:two}} {{one:two:three}} {{^baz}} {{/baz}} {{foo:}}',
    'foo {{one:two}} <!--<!--abc {{^def}}-->--> {{one:two:three}} {{^baz}} <!-- {{/baz}} 🙂 --> {{/baz}} {{foo:}}',
  ]) {
    assert.equal(roundTrip(text), text);
  }
  // What changes: whitespace inside handlebars, and the legacy <% %> delimiters.
  assert.equal(roundTrip('{{ Front }} {{# Back }}x{{/Back}}'), '{{Front}} {{#Back}}x{{/Back}}');
  assert.equal(roundTrip('{{=<% %>=}}<%Front%> <%#Back%>y<%/Back%>'), '{{Front}} {{#Back}}y{{/Back}}');
});

test('renaming rewrites replacements, filters, conditionals and their closing tags, not comments or text', () => {
  const template = parseTemplate('{{Old}} {{text:Old}} {{#Old}}a{{/Old}} {{^Old}}b{{/Old}} <!--{{Old}}--> Old {{Older}}');
  const renamed = renameAndRemoveFields(template, new Map([['Old', 'New']]));
  assert.equal(
    templateToString(renamed),
    '{{New}} {{text:New}} {{#New}}a{{/New}} {{^New}}b{{/New}} <!--{{Old}}--> Old {{Older}}',
  );
});

test('removing a field drops its replacements and keeps the contents of its sections', () => {
  const template = parseTemplate('{{Gone}}|{{#Gone}}{{Kept}}{{/Gone}}|{{^Gone}}none{{/Gone}}|{{cloze:Gone}}');
  assert.equal(templateToString(renameAndRemoveFields(template, new Map([['Gone', null]]))), '|{{Kept}}|none|');
});

test("Anki's own rename and delete case (rslib schemachange.rs)", () => {
  const renames = new Map([['Front', 'Test']]);
  const options = { side: 'question' as const, cloze: false, firstField: 'Test' };
  const renamed = rewriteTemplateFields('{{Front}}\n{{#Front}}{{some:Front}}{{Back}}{{/Front}}', renames, options);
  assert.equal(renamed, '{{Test}}\n{{#Test}}{{some:Test}}{{Back}}{{/Test}}');
  const removed = rewriteTemplateFields(renamed, new Map([['Test', null]]), { ...options, firstField: 'Back' });
  assert.equal(removed, '\n{{Back}}');
});

test('a side left without a field gets the first field, as Anki does (rslib notetype/mod.rs tests)', () => {
  const gone = new Map([
    ['foo', null],
    ['bar', null],
  ]);
  assert.equal(rewriteTemplateFields('front {{foo}}', gone, { side: 'question', cloze: false, firstField: 'baz' }), 'front {{baz}}');
  assert.equal(rewriteTemplateFields('back {{bar}}', gone, { side: 'answer', cloze: false, firstField: 'baz' }), 'back ');
  assert.equal(
    rewriteTemplateFields('front {{cloze:foo}}', gone, { side: 'question', cloze: true, firstField: 'baz' }),
    'front {{cloze:baz}}',
  );
  assert.equal(
    rewriteTemplateFields('back {{cloze:bar}}', new Map([['bar', null]]), { side: 'answer', cloze: true, firstField: 'foo' }),
    'back {{cloze:foo}}',
  );
  // A template that does not parse is left alone.
  assert.equal(rewriteTemplateFields('{{#foo}}', gone, { side: 'question', cloze: false, firstField: 'baz' }), '{{#foo}}');
});

test('what counts as a field reference', () => {
  assert.equal(containsFieldReplacement(parseTemplate('{{#A}}text{{/A}}')), false);
  assert.equal(containsFieldReplacement(parseTemplate('{{#A}}{{B}}{{/A}}')), true);
  assert.equal(containsClozeReplacement(parseTemplate('{{#A}}{{cloze:B}}{{/A}}')), false, 'only the top level counts');
  assert.equal(containsClozeReplacement(parseTemplate('{{text:cloze:B}}')), true);
  assert.deepEqual([...referencedFieldNames(parseTemplate('{{#c1}}{{A}}{{/c1}}{{^B}}{{/B}}{{FrontSide}}'))], ['A', 'B', 'FrontSide']);
});
