import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzFactor, randomNewCardPosition, StdRng } from './rng.js';

test('random new-card positions match the vectors of Anki’s own tests', () => {
  assert.equal(randomNewCardPosition(5), 180);
  assert.equal(randomNewCardPosition(500), 13);
  assert.equal(randomNewCardPosition(5001), 3731);
});

test('the stream is deterministic per seed and differs between seeds', () => {
  const a = new StdRng(42);
  const b = new StdRng(42);
  const c = new StdRng(43);
  const seqA = Array.from({ length: 40 }, () => a.nextU32());
  const seqB = Array.from({ length: 40 }, () => b.nextU32());
  const seqC = Array.from({ length: 40 }, () => c.nextU32());
  assert.deepEqual(seqA, seqB);
  assert.notDeepEqual(seqA, seqC);
});

test('range draws stay inside their bounds', () => {
  const rng = new StdRng(7);
  for (let i = 0; i < 10_000; i++) {
    const v = rng.rangeU32(3, 17);
    assert.ok(v >= 3 && v < 17);
  }
});

test('the fuzz factor is the first f32 in [0, 1) of the stream: its top 23 bits', () => {
  for (const seed of [0, 1, 1631350800005, 2 ** 40 + 3]) {
    const word = new StdRng(seed).nextU32();
    const factor = fuzzFactor(seed);
    assert.equal(factor, (word >>> 9) / 2 ** 23);
    assert.ok(factor >= 0 && factor < 1);
    assert.equal(Math.fround(factor), factor);
  }
});
