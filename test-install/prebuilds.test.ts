/**
 * The prebuilt binaries for this machine, cross-compiled by Zig, against a node-gyp build of the
 * same sources: both must load, order strings the same under the collation, give bit-identical
 * single-precision maths, and take those maths from the same C library functions (for glibc, the
 * same symbol versions).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync, symlinkSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { prebuildKey, prebuiltUnusable, sourceDigest } from '../native/install.mjs';
import { readBinaryInfo } from '../scripts/native/binary-info.js';
import { TARGETS } from '../scripts/native/targets.js';
import { tempDir } from '../test/support/collections.js';
import { seededRandom } from '../test/support/rng.js';
import { nodeGypBuild, ROOT, zigBuild } from './support.js';

interface MathF {
  expf(x: number): number;
  logf(x: number): number;
  powf(x: number, y: number): number;
  expm1f(x: number): number;
}

const key = prebuildKey();
const { dir, remove } = tempDir('acs-prebuilds-');
const prebuilt = join(dir, 'prebuilds', key);
let reference = '';

before(async () => {
  assert.ok(TARGETS.some((t) => t.key === key), `no prebuilt binaries are made for this machine (${key})`);
  await zigBuild([key], join(dir, 'prebuilds'));
  mkdirSync(join(dir, 'gyp'));
  reference = await nodeGypBuild(join(dir, 'gyp'));
});
after(remove);

/** Every 4099th float32 bit pattern (about a million, all exponents and signs) and the edges. */
function float32Inputs(): number[] {
  const bits = new Uint32Array(1);
  const view = new Float32Array(bits.buffer);
  const out: number[] = [0, -0, Infinity, -Infinity, NaN, 1, -1, 88.72283, 88.72284, -103.97208, -87.33655];
  for (let pattern = 0; pattern < 2 ** 32; pattern += 4099) {
    bits[0] = pattern;
    out.push(view[0]!);
  }
  return out;
}

test('mathf: the prebuilt expf, logf and expm1f give bit-identical results to the node-gyp build', () => {
  const require = createRequire(import.meta.url);
  const ours = require(join(prebuilt, 'mathf.node')) as MathF;
  const theirs = require(join(reference, 'mathf.node')) as MathF;
  for (const fn of ['expf', 'logf', 'expm1f'] as const) {
    let compared = 0;
    for (const x of float32Inputs()) {
      const a = ours[fn](x);
      const b = theirs[fn](x);
      if (!Object.is(a, b)) assert.fail(`${fn}(${x}): prebuilt ${a}, node-gyp ${b}`);
      compared++;
    }
    assert.ok(compared > 1_000_000);
  }
});

test('mathf: the prebuilt powf gives bit-identical results to the node-gyp build', () => {
  const require = createRequire(import.meta.url);
  const ours = require(join(prebuilt, 'mathf.node')) as MathF;
  const theirs = require(join(reference, 'mathf.node')) as MathF;
  const random = seededRandom(15);
  const special = [0, -0, 1, -1, 0.5, 2, -2, Infinity, -Infinity, NaN, 1e-40, 3.4e38];
  const pairs: Array<[number, number]> = special.flatMap((x) => special.map((y): [number, number] => [x, y]));
  // FSRS raises positive values to small powers (stability, difficulty, decay); the rest of the
  // range is covered too.
  for (let i = 0; i < 300_000; i++) pairs.push([random() * 400, (random() - 0.5) * 4]);
  for (let i = 0; i < 100_000; i++) pairs.push([(random() - 0.5) * 1e6, Math.round((random() - 0.5) * 60)]);
  for (const [x, y] of pairs) {
    const a = ours.powf(x, y);
    const b = theirs.powf(x, y);
    if (!Object.is(a, b)) assert.fail(`powf(${x}, ${y}): prebuilt ${a}, node-gyp ${b}`);
  }
});

test('mathf: the prebuilt binary takes its maths from the same C library functions as the node-gyp build', () => {
  const mathImports = (file: string) =>
    Object.fromEntries(
      readBinaryInfo(file)
        .imports.filter((i) => ['expf', 'logf', 'powf', 'expm1f'].includes(i.name))
        .map((i) => [i.name, i.from]),
    );
  const ours = mathImports(join(prebuilt, 'mathf.node'));
  assert.deepEqual(Object.keys(ours).sort(), ['expf', 'expm1f', 'logf', 'powf']);
  assert.deepEqual(ours, mathImports(join(reference, 'mathf.node')));
});

test('unicase: the prebuilt collation orders and matches strings as the node-gyp build does', () => {
  const words = [
    'a', 'A', 'b', 'B', 'Straße', 'STRASSE', 'strasse', 'ß', 'ss', 'ẞ', 'Ä', 'ä', 'Ab', 'ab', 'İstanbul', 'istanbul',
    'ΣΊΣΥΦΟΣ', 'σίσυφος', 'ﬁ', 'FI', 'Ǆ', 'ǆ', '日本語', '😀', 'z', 'Z', '', ' ', '_', 'a\u0301', 'á', 'Ꭰ', 'ꭰ',
  ];
  const results = (extension: string) => {
    const db = new Database(':memory:');
    try {
      db.loadExtension(extension);
      db.exec('create table words (w text collate unicase)');
      const insert = db.prepare('insert into words values (?)');
      for (const w of words) insert.run(w);
      const order = (db.prepare('select w from words order by w, rowid').all() as Array<{ w: string }>).map((r) => r.w);
      const pairs = db.prepare('select a.w as a, b.w as b, a.w = b.w as eq, a.w < b.w as lt from words a, words b order by a.rowid, b.rowid').all();
      return { order, pairs };
    } finally {
      db.close();
    }
  };
  const ours = results(join(prebuilt, 'unicase.node'));
  assert.deepEqual(ours, results(join(reference, 'unicase.node')));
  // And what makes it unicase: full case folding, so ß and SS are one.
  assert.ok(ours.pairs.some((p) => JSON.stringify(p) === JSON.stringify({ a: 'Straße', b: 'STRASSE', eq: 1, lt: 0 })));
});

test('the install step takes prebuilt binaries only when they match the sources and load', () => {
  // A copy of the package's layout: native/, prebuilds/ and the dependencies through a link.
  const base = join(dir, 'package');
  mkdirSync(base);
  cpSync(join(ROOT, 'native'), join(base, 'native'), { recursive: true });
  writeFileSync(join(base, 'package.json'), '{"name": "anki-connect-server"}');
  symlinkSync(join(ROOT, 'node_modules'), join(base, 'node_modules'));
  assert.equal(prebuiltUnusable(base), 'this copy has no prebuilt binaries');

  cpSync(join(dir, 'prebuilds'), join(base, 'prebuilds'), { recursive: true });
  assert.equal(prebuiltUnusable(base), undefined);

  writeFileSync(join(base, 'native', 'mathf.c'), '/* changed */\n', { flag: 'a' });
  assert.notEqual(sourceDigest(base), sourceDigest(ROOT));
  assert.equal(prebuiltUnusable(base), 'the prebuilt binaries were built from other sources than native/');
  cpSync(join(ROOT, 'native', 'mathf.c'), join(base, 'native', 'mathf.c'));

  // A binary that is not one (a damaged download, another platform's file) is refused.
  writeFileSync(join(base, 'prebuilds', key, 'unicase.node'), 'not a library');
  assert.match(prebuiltUnusable(base) ?? '', new RegExp(`^the prebuilt binaries for ${key} do not load: `));

  rmSync(join(base, 'prebuilds', key), { recursive: true });
  assert.equal(prebuiltUnusable(base), `there are no prebuilt binaries for ${key}`);
});
