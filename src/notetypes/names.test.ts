import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixFieldName, fixNotetypeName, fixTemplateName, uniqueNames } from './names.js';

test('field names lose : { } " and leading # / ^ and whitespace, as Anki fixes them', () => {
  // Anki's own test case (rslib notetype/fields.rs).
  assert.equal(fixFieldName('  # /^ t:e{s"t} field name #/^  '), 'test field name #/^');
  assert.equal(fixFieldName('Front'), 'Front');
  assert.equal(fixFieldName('\u00a0^#Back '), 'Back');
  assert.equal(fixFieldName('a:b'), 'ab');
  // NFC first: e + combining acute becomes é.
  assert.equal(fixFieldName('cafe\u0301'), 'café');
});

test('empty field names are refused', () => {
  assert.throws(() => fixFieldName(''), { message: 'Empty field name' });
  assert.throws(() => fixFieldName(' #/^ '), /Field name:/);
  assert.throws(() => fixFieldName('{}'), /Field name: $/);
});

test('note type and template names lose their double quotes', () => {
  assert.equal(fixNotetypeName('My "quoted" type'), 'My quoted type');
  assert.throws(() => fixNotetypeName('""'), /Empty notetype name/);
  assert.equal(fixTemplateName('Card "1"'), 'Card 1');
  assert.throws(() => fixTemplateName(''), /Empty template name/);
  assert.throws(() => fixTemplateName('""'), /Template name contains only quotes/);
});

test('names that clash ignoring case get + appended until unique', () => {
  assert.deepEqual(uniqueNames(['Front', 'front', 'FRONT', 'Back', 'front+']), ['Front', 'front+', 'FRONT++', 'Back', 'front+++']);
  assert.deepEqual(uniqueNames(['Straße', 'STRASSE']), ['Straße', 'STRASSE+']);
});
