// Number and time phrases of the report, against what Anki 26.9 prints for the same inputs
// (read off its report and its backend's messages).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asctime, fixed, fluentNumber, truncated } from './format.js';
import { intervalText, studiedTodayText } from './timespan.js';

describe('fixed: Python "%.Nf" and Rust "{:.N}"', () => {
  test('exact ties go to the even digit, where toFixed would round up', () => {
    assert.equal(fixed(0.125, 2), '0.12');
    assert.equal(fixed(0.375, 2), '0.38');
    assert.equal(fixed(12.25, 1), '12.2');
    assert.equal(fixed(12.35, 1), '12.3'); // 12.35 is stored below the tie
    assert.equal(fixed(2.5, 0), '2');
    assert.equal(fixed(3.5, 0), '4');
    assert.equal(fixed(-0.125, 2), '-0.12');
  });

  test('values off a tie round to nearest, from their exact binary value', () => {
    assert.equal(fixed(2.675, 2), '2.67');
    assert.equal(fixed(1.005, 2), '1.00');
    assert.equal(fixed(80.90128755364807, 2), '80.90');
    assert.equal(fixed(10.666666, 1), '10.7');
    assert.equal(fixed(0, 1), '0.0');
  });

  test("Fluent numbers drop trailing zeros; %d truncates", () => {
    assert.equal(fluentNumber(12.7859), '12.79');
    assert.equal(fluentNumber(10), '10');
    assert.equal(fluentNumber(0.5), '0.5');
    assert.equal(fluentNumber(1.005), '1');
    assert.equal(fluentNumber(1234.5678), '1234.57');
    assert.equal(truncated(249.97), '249');
    assert.equal(truncated(9.677), '9');
  });
});

describe('intervals, as Anki formats them', () => {
  const cases: [days: number, text: string][] = [
    [0, '0 seconds'],
    [0.4, '9.6 hours'],
    [0.5, '12 hours'],
    [1, '1 day'],
    [1.5, '2 days'],
    [2.5, '3 days'],
    [5.49, '5 days'],
    [5.5, '6 days'],
    [30, '30 days'],
    [30.4, '30 days'],
    [30.417, '1 month'],
    [45, '1.5 months'],
    [100, '3.3 months'],
    [200, '6.6 months'],
    [364, '12 months'],
    [365, '1 year'],
    [400, '1.1 years'],
    [1000, '2.7 years'],
    [36500, '100 years'],
  ];
  for (const [days, text] of cases) test(`${days} days → ${text}`, () => assert.equal(intervalText(days * 86_400), text));

  test('below a day', () => {
    assert.equal(intervalText(12.345), '12 seconds');
    assert.equal(intervalText(59.5), '60 seconds');
    assert.equal(intervalText(90), '1.5 minutes');
    assert.equal(intervalText(3599), '60 minutes');
    assert.equal(intervalText(6000), '1.7 hours');
    assert.equal(intervalText(19_980), '5.6 hours');
    assert.equal(intervalText(86_256), '24 hours');
  });
});

describe('"Studied … today", as Anki words it', () => {
  const cases: [cards: number, seconds: number, text: string][] = [
    [1, 1, 'Studied 1 card in 1 second today (1s/card)'],
    [1, 0, 'Studied 1 card in 0 seconds today (0s/card)'],
    [2, 59, 'Studied 2 cards in 59 seconds today (29.5s/card)'],
    [3, 60, 'Studied 3 cards in 1 minute today (20s/card)'],
    [7, 61, 'Studied 7 cards in 1.02 minutes today (8.71s/card)'],
    [10, 3599, 'Studied 10 cards in 59.98 minutes today (359.9s/card)'],
    [3, 86_400, 'Studied 3 cards in 1440 minutes today (28800s/card)'],
    [1000, 86_399, 'Studied 1000 cards in 1439.98 minutes today (86.4s/card)'],
    [5, 100_000, 'Studied 5 cards in 1666.67 minutes today (20000s/card)'],
    [7, 100, 'Studied 7 cards in 1.67 minutes today (14.29s/card)'],
    [8, 1, 'Studied 8 cards in 1 second today (0.13s/card)'],
    [6, 1, 'Studied 6 cards in 1 second today (0.17s/card)'],
    // Rounded in 32-bit floats, half away from zero: 1.005 and 0.015 round up there.
    [1, 1.005, 'Studied 1 card in 1.01 seconds today (1.01s/card)'],
    [1, 0.015, 'Studied 1 card in 0.02 seconds today (0.02s/card)'],
    [1, 1.001, 'Studied 1 card in 1 second today (1s/card)'],
    [1, 59.995, 'Studied 1 card in 60 seconds today (60s/card)'],
  ];
  for (const [cards, seconds, text] of cases) test(`${cards} cards in ${seconds}s`, () => assert.equal(studiedTodayText(cards, seconds), text));
});

test('asctime pads the day with a space', () => {
  assert.equal(asctime(Date.UTC(2026, 11, 4, 17, 53, 47), 0), 'Fri Dec  4 17:53:47 2026');
  assert.equal(asctime(Date.UTC(2021, 8, 11, 12, 0, 0), -120), 'Sat Sep 11 14:00:00 2021');
});
