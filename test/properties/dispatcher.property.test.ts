// Property-based tests of the dispatcher and the HTTP API, through the real server on a
// temporary collection: random requests (actions of the registry with params that fit their
// schema or not, random versions and keys, nested multi), random raw bodies, and random unicode
// text written through addNote, createDeck, updateNoteFields and createModel.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createRegistry } from '../../src/api/actions/index.js';
import { checkIntegrity } from '../../src/dbcheck/check.js';
import { tempDir } from '../support/collections.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  assertErrorEnvelope,
  assertTopLevelReply,
  isValidUtf8,
  jsonish,
  nastyString,
  oddNumber,
  passesRequestSchema,
  pooledString,
  runs,
  valueForSchema,
  type JsonSchema,
  type ValuePools,
} from './support.js';

const registry = createRegistry();
const ALL_ACTIONS = new Set(registry.names());
// Left out of the random requests: guiExitAnki stops the server, sync and syncLogin go to the
// network (AnkiWeb or the endpoint given).
const EXCLUDED = new Set(['guiExitAnki', 'sync', 'syncLogin']);
const ACTIONS = registry.names().filter((name) => !EXCLUDED.has(name));

let server: TestServer;
let sandbox: { dir: string; remove: () => void };
let pools: ValuePools;

/** Sends a JSON value, or raw text or bytes, and checks the transport: HTTP 200 and a JSON body. */
async function send(body: unknown): Promise<unknown> {
  const reply = await server.post(body);
  assert.equal(reply.status, 200, `HTTP status for ${reply.text.slice(0, 200)}`);
  assert.ok(reply.json !== undefined, `a JSON reply, got ${JSON.stringify(reply.text.slice(0, 200))}`);
  return reply.json;
}

async function stillAnswers(): Promise<void> {
  assert.equal((await server.post({ action: 'version' })).text, '6');
}

/**
 * Keeps every random request inside the sandbox: a `path` may only be absolute inside the
 * sandbox folder (exportPackage writes there, importPackage and storeMediaFile read there), a
 * `url` may only point at a closed loopback port, an `endpoint` is never a URL.
 */
function confine(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'path' && isAbsolute(value) && !resolve(value).startsWith(`${sandbox.dir}/`)) return `relative${value}`;
    if ((key === 'url' || key === 'endpoint') && /[a-z]+:/i.test(value) && !value.startsWith('http://127.0.0.1:1/')) return `nope-${value}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => confine(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, confine(v, k)]));
  }
  return value;
}

/** Params for `action`: mostly of the right shape (see valueForSchema), sometimes anything. */
function paramsFor(action: string, depth: number): fc.Arbitrary<unknown> {
  if (action === 'multi') {
    return fc.oneof(
      { arbitrary: fc.record({ actions: fc.array(requestArb(depth + 1), { maxLength: 4 }) }), weight: 6 },
      { arbitrary: fc.record({ actions: jsonish(2) }), weight: 1 },
    );
  }
  const schema = registry.get(action)?.params as JsonSchema | undefined;
  const keys = Object.keys(schema?.properties ?? {});
  const shaped = schema === undefined ? jsonish(2) : valueForSchema(schema, pools);
  const wrong = fc.dictionary(pooledString([...keys, 'unexpected'], 8), jsonish(2), { maxKeys: 3 });
  return fc.oneof({ arbitrary: shaped, weight: 8 }, { arbitrary: wrong, weight: 1 }, { arbitrary: jsonish(1), weight: 1 });
}

/** One request object (or, rarely, something that is not an object), `multi` nesting up to 3 deep. */
function requestArb(depth = 0): fc.Arbitrary<unknown> {
  const names = depth >= 3 ? ACTIONS.filter((name) => name !== 'multi') : ACTIONS;
  const actionAndParams = fc.oneof(
    {
      arbitrary: fc.constantFrom(...names).chain((action) =>
        fc.oneof(
          { arbitrary: fc.record({ action: fc.constant<unknown>(action), params: paramsFor(action, depth) }), weight: 10 },
          { arbitrary: fc.constant({ action }), weight: 1 },
        ),
      ),
      weight: 12,
    },
    { arbitrary: fc.record({ action: fc.oneof(nastyString(), jsonish(1)), params: jsonish(2) }, { requiredKeys: [] }), weight: 1 },
  );
  const version = fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(6, 6, 5, 4, 2, 1, 0, -1, 7, 100), weight: 8 },
    { arbitrary: oddNumber, weight: 2 },
    { arbitrary: fc.constantFrom<unknown>('6', null, true, [6], { v: 6 }), weight: 1 },
  );
  // Mostly no key (none is configured); otherwise null, which counts as none, or a wrong one.
  const key = fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.constantFrom<unknown>(null, 'secret', '', 0, false), weight: 1 });
  const request = fc
    .tuple(actionAndParams, fc.option(version, { freq: 5, nil: undefined }), key)
    .map(([base, v, k]) => {
      const out: Record<string, unknown> = { ...base };
      if (v !== undefined) out['version'] = v;
      if (k !== undefined) out['key'] = k;
      return confine(out);
    });
  if (depth === 0) return request;
  return fc.oneof({ arbitrary: request, weight: 10 }, { arbitrary: jsonish(1), weight: 1 });
}

before(async () => {
  server = await startTestServer();
  sandbox = tempDir('acs-prop-sandbox-');
  mkdirSync(join(sandbox.dir, 'folder'));
  writeFileSync(join(sandbox.dir, 'junk.apkg'), Buffer.from('PK\x03\x04 not really a zip file'));
  writeFileSync(join(sandbox.dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  const seed: [string, Record<string, unknown>][] = [
    ['createDeck', { deck: 'Prop::Sub' }],
    ['addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'front one', Back: 'back' }, tags: ['t1', 'prop'] } }],
    ['addNote', { note: { deckName: 'Prop::Sub', modelName: 'Basic (and reversed card)', fields: { Front: 'f2', Back: 'b2' }, tags: [] } }],
    ['addNote', { note: { deckName: 'Prop', modelName: 'Cloze', fields: { Text: '{{c1::a}} {{c2::b}}', 'Back Extra': '' }, tags: ['c'] } }],
    ['storeMediaFile', { filename: 'seed.txt', data: 'aGVsbG8=' }],
  ];
  for (const [action, params] of seed) assert.equal((await server.invoke(action, params)).error, null, action);
  const names = async (action: string, params?: Record<string, unknown>): Promise<unknown> => (await server.invoke(action, params)).result;
  const decks = (await names('deckNamesAndIds')) as Record<string, number>;
  const models = (await names('modelNamesAndIds')) as Record<string, number>;
  const noteIds = (await names('findNotes', { query: '' })) as number[];
  const cardIds = (await names('findCards', { query: '' })) as number[];
  const fieldNames = ['Front', 'Back', 'Text', 'Back Extra'];
  pools = {
    names: [...Object.keys(decks), ...Object.keys(models), ...fieldNames, 't1', 'prop', 'Card 1', 'Card 2', 'Cloze', 'seed.txt', 'deck:Prop', 'is:new', '*', ''],
    ids: [...Object.values(decks), ...Object.values(models), ...noteIds, ...cardIds, 1, 0],
    overrides: new Map<string, fc.Arbitrary<unknown>>([
      [
        'path',
        fc.oneof(
          fc.constantFrom<unknown>(
            join(sandbox.dir, 'out.apkg'),
            join(sandbox.dir, 'out.colpkg'),
            join(sandbox.dir, 'junk.apkg'),
            join(sandbox.dir, 'image.png'),
            join(sandbox.dir, 'missing.apkg'),
            join(sandbox.dir, 'folder'),
            null,
          ),
          nastyString({ maxLength: 8 }),
        ),
      ],
      ['url', fc.constantFrom<unknown>('http://127.0.0.1:1/a.mp3', 'ftp://example.invalid/x', 'not a url', '', null)],
    ]),
  };
});

after(async () => {
  await server.stop();
  sandbox.remove();
});

describe('dispatcher and HTTP API properties', () => {
  test('random requests always get a reply in Anki-Connect’s format, and the server keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(), async (request) => {
        const reply = await send(request);
        assertTopLevelReply(request, reply, ALL_ACTIONS);
        await stillAnswers();
      }),
      runs(400),
    );
    assert.deepEqual(checkIntegrity(server.app.state.collection()), [], 'the collection fails the integrity checker');
  });

  test('random raw bodies: bytes, text and damaged requests get a JSON reply, never a crash', async () => {
    const valid = JSON.stringify({ action: 'addNote', version: 6, params: { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'x', Back: 'y' } } } });
    const damaged = fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 8 }), nastyString({ maxLength: 4 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut)));
    const body = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      nastyString({ minLength: 1, maxLength: 40 }),
      damaged,
      fc.constantFrom('{', '[', 'null', '""', '{"action":"version","version":6}', 'NaN', '{"action": "version", "version": Infinity}', '\uFEFF{}', '{"action":"multi","params":{"actions":[{}]}}'),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const reply = await send(raw);
        const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
        let parsed: { ok: true; value: unknown } | { ok: false } = { ok: false };
        if (isValidUtf8(bytes)) {
          try {
            parsed = { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
          } catch {
            parsed = { ok: false };
          }
        }
        const text = bytes.toString('latin1');
        if (parsed.ok) assertTopLevelReply(parsed.value, reply, ALL_ACTIONS);
        // Python's json also reads NaN and Infinity; everything else JSON.parse refuses is refused.
        else if (!/NaN|Infinity/.test(text)) assertErrorEnvelope(reply, JSON.stringify(text.slice(0, 80)));
        await stillAnswers();
      }),
      runs(300),
    );
  });

  test('random unicode through addNote, createDeck, updateNoteFields and createModel: valid UTF-8 in every text column, integrity kept', async () => {
    const col = () => server.app.state.collection();
    const noteIds = (await server.invoke('findNotes', { query: '' })).result as number[];
    const text = fc.oneof({ arbitrary: nastyString({ maxLength: 16 }), weight: 4 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 16 }), weight: 1 });
    const deckName = fc.oneof(text, text.map((t) => `Prop::${t}`), fc.tuple(text, text).map(([a, b]) => `${a}::${b}`));
    const operation = fc.oneof(
      fc.record({ action: fc.constant('createDeck'), params: fc.record({ deck: deckName }) }),
      fc.record({
        action: fc.constant('addNote'),
        params: fc.record({
          note: fc.record({
            deckName: fc.oneof(fc.constantFrom('Default', 'Prop::Sub'), deckName),
            modelName: fc.constantFrom('Basic', 'Basic (and reversed card)', 'Cloze'),
            fields: fc.record({ Front: text, Back: text, Text: text.map((t) => `{{c1::${t}}}`) }, { requiredKeys: [] }),
            tags: fc.array(text, { maxLength: 3 }),
            options: fc.constant({ allowDuplicate: true }),
          }),
        }),
      }),
      fc.record({
        action: fc.constant('updateNoteFields'),
        params: fc.record({
          note: fc.record({ id: fc.constantFrom(...noteIds), fields: fc.record({ Front: text, Back: text, Text: text }, { requiredKeys: [] }) }),
        }),
      }),
      fc.record({
        action: fc.constant('createModel'),
        params: fc.record({
          modelName: text,
          inOrderFields: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
          cardTemplates: fc.constant([{ Name: 'Card 1', Front: '{{Front}}', Back: '{{FrontSide}}' }]),
          css: text,
        }),
      }),
      fc.record({ action: fc.constant('addTags'), params: fc.record({ notes: fc.constant(noteIds), tags: text }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        for (const op of operations) {
          const request = { ...op, version: 6 };
          assert.ok(passesRequestSchema(request));
          const reply = await send(request);
          assertTopLevelReply(request, reply, ALL_ACTIONS);
        }
        const db = col().db;
        for (const table of ['notes', 'decks', 'notetypes', 'tags', 'fields', 'templates', 'cards', 'config', 'col']) {
          const columns = db.prepare<[], { name: string }>(`select name from pragma_table_info('${table}')`).all();
          for (const { name } of columns) {
            const rows = db.prepare<[], { raw: Buffer }>(`select cast("${name}" as blob) as raw from ${table} where typeof("${name}") = 'text'`).all();
            for (const { raw } of rows) {
              assert.ok(isValidUtf8(raw), `${table}.${name} holds invalid UTF-8: ${raw.toString('hex').slice(0, 120)} after ${JSON.stringify(operations).slice(0, 600)}`);
            }
          }
        }
        assert.deepEqual(checkIntegrity(col()), [], `the collection fails the integrity checker after ${JSON.stringify(operations).slice(0, 600)}`);
        await stillAnswers();
      }),
      {
        ...runs(60),
        // Found by this property: removing the quote left `p\u0301`, which Anki's own save
        // normalises to `ṕ`; the server stored the NFD name, which the integrity checker flags.
        examples: [[[{ action: 'createDeck', params: { deck: 'Ω(p"\u0301😀' } }]]],
      },
    );
  });
});
