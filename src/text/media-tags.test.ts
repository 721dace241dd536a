import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findMediaTags } from './media-tags.js';

// Anki's HTML_MEDIA_TAGS written as a JavaScript regex: the same pattern with Rust's Unicode `\b`
// spelt out as lookarounds and the verbose-mode `[^ >]` as `[^>]`. Both engines return the match a
// backtracking search finds first, so on inputs small enough not to explode it is an oracle.
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;
const ORACLE = new RegExp(
  String.raw`<(?:img|audio|video|object|source)(?!${WORD})(?:[^>]|"[^"]+?"|'[^']+?')+?` +
    String.raw`(?<!${WORD})(?:src|data)=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^>]+?)(?: [^>]*>|>))`,
  'giu',
);

function oracle(html: string): { start: number; end: number; filename: string }[] {
  return [...html.matchAll(ORACLE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    filename: m[1] ?? m[2] ?? m[3] ?? '',
  }));
}

void describe('findMediaTags', () => {
  void it('reports ranges and raw filenames', () => {
    assert.deepEqual(findMediaTags('ab<img src="x&amp;y.jpg">cd<audio src=z.mp3 controls>'), [
      { start: 2, end: 25, filename: 'x&amp;y.jpg' },
      { start: 27, end: 53, filename: 'z.mp3' },
    ]);
  });

  void it('prefers the first src/data attribute', () => {
    assert.deepEqual(findMediaTags('<object data="a.svg" src="b.svg">'), [
      { start: 0, end: 33, filename: 'a.svg' },
    ]);
  });

  void it('reads a src= inside a quoted attribute when it comes first', () => {
    // The body loop tries plain characters before whole quoted strings, so `alt="src=x"` is seen
    // character by character and its src= wins.
    assert.deepEqual(findMediaTags('<img alt="src=x" src="y.jpg">'), [
      { start: 0, end: 29, filename: 'x"' },
    ]);
  });

  void it('restarts after a tag without a source', () => {
    assert.deepEqual(findMediaTags('<img alt=x><img src=y.jpg>'), [{ start: 11, end: 26, filename: 'y.jpg' }]);
  });

  void it('needs something between the element name and the attribute', () => {
    assert.deepEqual(findMediaTags('<imgsrc=a.jpg>'), []);
    assert.deepEqual(findMediaTags('<img\nsrc=a.jpg>'), [{ start: 0, end: 15, filename: 'a.jpg' }]);
  });

  void it('agrees with the backtracking regex on random short inputs', () => {
    const pieces = [
      'src=', '"', "'", '>', ' ', '<', '<img', '<IMG ', '<source', '<audio ', '<imgé', 'SRC=', 'data=',
      'xsrc=', 'ſrc=', '-', 'a', 'x', '\n', '\t', 'é',
    ];
    // mulberry32: a small deterministic generator, so a failure is reproducible.
    let seed = 20240601;
    const next = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let matched = 0;
    for (let i = 0; i < 20000; i++) {
      let html = next(2) === 0 ? '<img ' : '';
      const length = 1 + next(16);
      for (let j = 0; j < length; j++) html += pieces[next(pieces.length)] ?? '';
      const expected = oracle(html);
      if (expected.length > 0) matched++;
      assert.deepEqual(findMediaTags(html), expected, JSON.stringify(html));
    }
    // Make sure the sample exercised matches, not only misses.
    assert.ok(matched > 1000, `only ${matched} inputs matched`);
  });

  // A backtracking regex would take exponential time on these; the scanner is linear. (No
  // timing assertion: the test simply finishes.)
  void it('handles inputs that make a backtracking regex explode', () => {
    assert.deepEqual(findMediaTags(`<img ${'a="1" '.repeat(20000)}>`), []);
    assert.deepEqual(findMediaTags(`<img ${`a='1' b="2>" `.repeat(10000)}>`), []);
    assert.deepEqual(findMediaTags(`${'<img '.repeat(20000)}>`), []);
    assert.equal(findMediaTags('<img src=a.jpg>'.repeat(20000)).length, 20000);
  });
});
