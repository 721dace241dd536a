// The SVG charts: scales, stacking, the figures carried in data attributes, pie slices.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChartSvg } from './bar-chart.js';
import { pieChartSvg } from './pie-chart.js';
import { niceScale, tickLabel } from './ticks.js';

const rects = (svg: string): { series: string; x: string; value: string; y: number; height: number }[] =>
  [...svg.matchAll(/<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)"[^>]*data-series="([^"]*)" data-x="([^"]*)" data-value="([^"]*)"/g)].map(
    (m) => ({ y: Number(m[1]), height: Number(m[2]), series: m[3]!, x: m[4]!, value: m[5]! }),
  );

describe('niceScale', () => {
  test('round steps that cover the largest value', () => {
    assert.deepEqual(niceScale(570, true), { max: 600, ticks: [0, 200, 400, 600] });
    assert.deepEqual(niceScale(13, true), { max: 15, ticks: [0, 5, 10, 15] });
    assert.deepEqual(niceScale(100, false), { max: 100, ticks: [0, 25, 50, 75, 100] });
    assert.deepEqual(niceScale(3, true), { max: 3, ticks: [0, 1, 2, 3] });
    assert.deepEqual(niceScale(0.55, false).max, 0.6);
  });

  test('counts never get fractional ticks; an empty chart still has an axis', () => {
    assert.deepEqual(niceScale(1, true), { max: 1, ticks: [0, 1] });
    assert.deepEqual(niceScale(0, true), { max: 1, ticks: [0, 1] });
    assert.equal(tickLabel(2.5), '2.5');
    assert.equal(tickLabel(200), '200');
  });
});

describe('barChartSvg', () => {
  const svg = barChartSvg({
    title: 'test <chart>',
    x: { min: -0.5, max: 2.5, ticks: [{ value: 0, label: '0d' }] },
    bars: [
      { name: 'Mature', color: '#070', points: [{ x: 0, y: 2 }, { x: 1, y: 0 }] },
      { name: 'Young', color: '#7c7', points: [{ x: 0, y: 2 }, { x: 2, y: 4 }] },
    ],
    lines: [{ name: 'Cumulative', color: '#000', axis: 'right', points: [{ x: 0, y: 4 }, { x: 2, y: 8 }] }],
    left: { label: 'Cards', integer: true },
    right: { label: 'Cumulative Cards', integer: true },
  });

  test('stacks bars of the same day, first series at the bottom, and skips zeros', () => {
    const bars = rects(svg);
    assert.deepEqual(
      bars.map((b) => [b.series, b.x, b.value]),
      [
        ['Mature', '0', '2'],
        ['Young', '0', '2'],
        ['Young', '2', '4'],
      ],
    );
    const [mature, young, tall] = bars as [(typeof bars)[0], (typeof bars)[0], (typeof bars)[0]];
    assert.ok(Math.abs(young.y + young.height - mature.y) < 0.02, 'Young sits on Mature');
    assert.ok(Math.abs(mature.height + young.height - tall.height) < 0.02, 'both days reach 4');
  });

  test('escapes text, draws the line and both axis labels', () => {
    assert.match(svg, /aria-label="test &lt;chart&gt;"/);
    assert.match(svg, /<polyline points="[^"]+"/);
    assert.match(svg, />Cumulative Cards<\/text>/);
    assert.match(svg, /<title>Young: 4<\/title>/);
  });
});

describe('pieChartSvg', () => {
  test('one slice per non-zero value, labelled with its rounded share', () => {
    const svg = pieChartSvg('cards', [
      { name: 'A', color: '#000', value: 3, tip: 'A' },
      { name: 'B', color: '#111', value: 0, tip: 'B' },
      { name: 'C', color: '#222', value: 1, tip: 'C' },
    ]);
    assert.deepEqual([...svg.matchAll(/data-series="(\w)" data-value="(\d+)"/g)].map((m) => `${m[1]}=${m[2]}`), ['A=3', 'C=1']);
    assert.match(svg, />75%</);
    assert.match(svg, />25%</);
  });

  test('a single state fills the circle; no cards draws an empty ring', () => {
    assert.match(pieChartSvg('cards', [{ name: 'A', color: '#000', value: 5, tip: 'A' }]), /<circle[^>]*data-series="A"/);
    assert.match(pieChartSvg('cards', [{ name: 'A', color: '#000', value: 0, tip: 'A' }]), /<circle[^>]*fill="none"/);
  });
});
