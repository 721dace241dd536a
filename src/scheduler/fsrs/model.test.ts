// The FSRS model's f32 maths. The expected memory states were recorded from real Anki 26.9.3
// (`get_scheduling_states` on cards in those states; see test/scheduler/anki-golden.ts, which
// also checks whole answers), so they hold fsrs-rs's f32 results, not a float64 approximation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { f32 } from '../f32.js';
import { decayFromParameters, DEFAULT_FSRS_PARAMETERS, Fsrs, InvalidFsrsParametersError, modelParameters } from './model.js';

const FSRS45 = [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61];

const memories = (fsrs: Fsrs, memory: { stability: number; difficulty: number } | undefined, retention: number, days: number): number[][] => {
  const states = fsrs.nextStates(memory, f32(retention), days);
  return [states.again, states.hard, states.good, states.easy].map((s) => [s.memory.stability, s.memory.difficulty]);
};
const asF32 = (rows: number[][]): number[][] => rows.map((row) => row.map(f32));

test('a new card starts from the first four parameters (stability) and the difficulty formula', () => {
  assert.deepEqual(memories(new Fsrs([]), undefined, 0.9, 0), asF32([[0.212, 6.4133], [1.2931, 5.1121707], [2.3065, 2.118104], [8.2956, 1.0]]));
});

test('a review: stability and difficulty after each button, as Anki computes them (default parameters)', () => {
  // s 7.1234, d 5.321, answered 8 days after the last review, desired retention 0.9.
  assert.deepEqual(
    memories(new Fsrs([]), { stability: f32(7.1234), difficulty: f32(5.321) }, 0.9, 8),
    asF32([[1.1752393, 8.447272], [17.379921, 6.87909], [24.177809, 5.3109074], [39.0646, 3.742725]]),
  );
});

test('same-day answers use the short-term formula', () => {
  // A learning card (s 2.3065, d 2.118) answered again on the day of its last answer.
  assert.deepEqual(
    memories(new Fsrs([]), { stability: f32(2.3065), difficulty: f32(2.118) }, 0.9, 0),
    asF32([[0.7750839, 7.3944683], [2.3065, 4.7527895], [2.3065, 2.1111104], [3.9460542, 1.0]]),
  );
});

test('custom FSRS-6 parameters and another desired retention', () => {
  const params = [0.3, 1.1, 2.9, 9.1, 6.2, 0.7, 2.8, 0.002, 1.7, 0.2, 0.9, 1.6, 0.05, 0.3, 1.5, 0.5, 2.1, 0.6, 0.1, 0.08, 0.2];
  assert.deepEqual(
    memories(new Fsrs(params.map(f32)), { stability: f32(25.5), difficulty: f32(3.75) }, 0.85, 23),
    asF32([[2.8786824, 7.621679], [48.50845, 5.6811233], [71.5169, 3.7405677], [122.13549, 1.8000121]]),
  );
});

test("FSRS-4.5's 17 parameters are converted as fsrs-rs converts them", () => {
  const fsrs = new Fsrs(FSRS45.map(f32));
  assert.deepEqual(memories(fsrs, undefined, 0.9, 0), asF32([[0.4, 6.81], [0.6, 6.2467766], [2.4, 5.366332], [5.8, 3.9900002]]));
  assert.deepEqual(
    memories(fsrs, { stability: f32(2.9), difficulty: f32(6.5) }, 0.9, 3),
    asF32([[1.3298901, 7.5221], [4.369732, 6.9985], [7.968039, 6.4749], [16.127583, 5.9513]]),
  );
  const w = modelParameters(FSRS45.map(f32));
  assert.equal(w.length, 21);
  assert.deepEqual(w.slice(17), [0, 0, 0, 0.5]);
});

test("FSRS-5's 19 parameters get FSRS-5's decay; other lengths and non-finite values are refused", () => {
  const w = modelParameters(DEFAULT_FSRS_PARAMETERS.slice(0, 19));
  assert.deepEqual(w.slice(19), [0, 0.5]);
  assert.throws(() => modelParameters([1, 2, 3]), InvalidFsrsParametersError);
  assert.throws(() => modelParameters([...DEFAULT_FSRS_PARAMETERS.slice(0, 20), NaN]), InvalidFsrsParametersError);
});

test('parameters are clamped to the ranges fsrs-rs allows', () => {
  const wild = [...DEFAULT_FSRS_PARAMETERS];
  wild[0] = 500;
  wild[20] = 0.01;
  const w = modelParameters(wild);
  assert.equal(w[0], 100);
  assert.equal(w[20], f32(0.1));
});

test('the decay a card records: FSRS-6 default, 0.5 for older parameters, else the last parameter', () => {
  assert.equal(decayFromParameters([]), f32(0.1542));
  assert.equal(decayFromParameters(FSRS45), 0.5);
  assert.equal(decayFromParameters([...DEFAULT_FSRS_PARAMETERS.slice(0, 20), f32(0.2)]), f32(0.2));
});

test('retention is 0.9 after one stability; the interval for 0.9 is the stability', () => {
  const fsrs = new Fsrs([]);
  assert.ok(Math.abs(fsrs.forgettingCurve(10, 10) - 0.9) < 1e-6);
  assert.ok(Math.abs(fsrs.nextInterval(10, f32(0.9)) - 10) < 1e-4);
  assert.ok(fsrs.nextInterval(10, f32(0.8)) > 10);
});

test("a memory state from SM-2's ease and interval (for cards without a usable history)", () => {
  // Recorded from Anki: a 12-day review card with ease 2200 and no review log (so no known last
  // review: 0 days elapsed) keeps on Hard the stability this gives, 12.000001.
  const fsrs = new Fsrs([]);
  const memory = fsrs.memoryStateFromSm2(f32(2.2), 12, f32(0.9));
  assert.equal(memory.stability, f32(12.000001));
  const states = fsrs.nextStates(memory, f32(0.9), 0);
  assert.equal(states.hard.memory.stability, f32(12.000001));
});
