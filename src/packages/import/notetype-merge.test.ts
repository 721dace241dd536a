import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import {
  FieldConfigSchema,
  NotetypeConfigSchema,
  TemplateConfigSchema,
} from '../../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { ImportNotetype } from './exchange.js';
import { combineFieldOrds, copyOrds, equalSchema, fieldOrds, mergeNotetype, templateMap } from './notetype-merge.js';

/** A note type whose fields and templates are given as `name` or `name#id`, numbered by position. */
function notetype(fields: string[], templates: string[] = ['Card 1']): ImportNotetype {
  const parse = (spec: string) => {
    const [name = '', id] = spec.split('#');
    return { name, id: id === undefined ? undefined : BigInt(id) };
  };
  return {
    id: 1,
    name: 'nt',
    mtimeSecs: 0,
    usn: 0,
    config: create(NotetypeConfigSchema, {}),
    fields: fields.map((spec, ord) => {
      const { name, id } = parse(spec);
      return { ord, name, config: create(FieldConfigSchema, id === undefined ? {} : { id }) };
    }),
    templates: templates.map((spec, ord) => {
      const { name, id } = parse(spec);
      return { ord, name, mtimeSecs: 0, usn: 0, config: create(TemplateConfigSchema, id === undefined ? {} : { id }) };
    }),
  };
}

test('fields match by id when both have one, else by name', () => {
  assert.equal(equalSchema(notetype(['Front#1', 'Back#2']), notetype(['Renamed#1', 'Back#2'])), true);
  assert.equal(equalSchema(notetype(['Front#1', 'Back#2']), notetype(['Front#3', 'Back#2'])), false);
  assert.equal(equalSchema(notetype(['Front', 'Back#2']), notetype(['Front#3', 'Back#2'])), true);
});

test('merging keeps the existing fields and adds the incoming ones, with the ordinals the notes need', () => {
  // The incoming note type lost Front and gained Extra; merged, both keep every field.
  const existing = notetype(['Front#1', 'Back#2']);
  const incoming = notetype(['Back#2', 'Extra#3']);
  mergeNotetype(incoming, existing);
  mergeNotetype(existing, incoming);
  assert.deepEqual(existing.fields.map((f) => f.name), ['Front', 'Back', 'Extra']);
  assert.deepEqual(incoming.fields.map((f) => f.name), ['Front', 'Back', 'Extra']);
  // Incoming notes' fields: Front empty, Back from their field 0, Extra from their field 1.
  assert.deepEqual(fieldOrds(incoming), [null, 0, 1]);
  copyOrds(incoming, existing);
  assert.deepEqual(fieldOrds(incoming), [0, 1, null]);
});

test('field maps chain, and templates map old ordinals to new ones', () => {
  assert.deepEqual(combineFieldOrds([null, 1, 0], [null, 2, 1, 0]), [null, 0, 1, null]);
  const merged = notetype(['F'], ['A#1', 'B#2']);
  merged.templates.reverse();
  assert.deepEqual([...templateMap(merged)], [[1, 0], [0, 1]]);
});
