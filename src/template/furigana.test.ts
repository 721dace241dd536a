import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { furiganaFilter, kanaFilter, kanjiFilter } from './furigana.js';

void describe('ruby filters', () => {
  const text = 'test first[second] third[fourth]';

  void it('kana keeps readings, kanji keeps bases, consuming the space before each', () => {
    assert.equal(kanaFilter(text), 'testsecondfourth');
    assert.equal(kanjiFilter(text), 'testfirstthird');
  });

  void it('furigana builds ruby markup', () => {
    assert.equal(furiganaFilter('first[second]'), '<ruby><rb>first</rb><rt>second</rt></ruby>');
    assert.equal(
      furiganaFilter('日本[にほん] 語[ご]'),
      '<ruby><rb>日本</rb><rt>にほん</rt></ruby><ruby><rb>語</rb><rt>ご</rt></ruby>',
    );
  });

  void it('turns &nbsp; into a space first, which a match then consumes like any space', () => {
    assert.equal(kanaFilter('a&nbsp;b[c]'), 'ac');
    assert.equal(kanaFilter('plain&nbsp;text'), 'plain text');
  });

  void it('leaves sound tags alone, leading space included', () => {
    assert.equal(furiganaFilter('x [sound:a.mp3]'), 'x [sound:a.mp3]');
    assert.equal(kanaFilter('x [sound:a.mp3] y[z]'), 'x [sound:a.mp3]z');
  });

  void it('does not let the base cross a tag end or the reading cross a newline', () => {
    assert.equal(kanjiFilter('<b>漢字[かんじ]</b>'), '<b>漢字</b>');
    assert.equal(kanaFilter('a[b\nc]'), 'a[b\nc]');
  });
});

void describe('ruby filters against the regex they implement', () => {
  // Anki's pattern, with Rust's `.` (anything but a newline); fine as a reference on short text.
  const RUBY = / ?([^ >]+?)\[([^\n]+?)\]/gu;
  const reference = (text: string): string =>
    text
      .replace(/&nbsp;/g, ' ')
      .replace(RUBY, (match, base: string, reading: string) => (reading.startsWith('sound:') ? match : `<${base}|${reading}>`));
  const scanner = (text: string): string => furiganaFilter(text).replace(/<ruby><rb>([\s\S]*?)<\/rb><rt>([\s\S]*?)<\/rt><\/ruby>/g, '<$1|$2>');

  void it('agrees on many random strings', () => {
    const pieces = ['a', '漢', ' ', '>', '[', ']', '\n', 'sound:', '&nbsp;', 'b[c]'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = next(14);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)] ?? '';
      // Texts that already contain the markers used to compare are skipped.
      if (text.includes('<') || text.includes('|')) continue;
      assert.equal(scanner(text), reference(text), JSON.stringify(text));
    }
  });

  void it('handles a long run without spaces (an inline image) and still matches after it', () => {
    const text = `<img src="data:image/png;base64,${'A'.repeat(200_000)}"> [x y[z]`;
    assert.equal(kanaFilter(text), `<img src="data:image/png;base64,${'A'.repeat(200_000)}"> [xz`);
  });
});
