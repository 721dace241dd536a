import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAvTags } from './av-tags.js';

const text = (input: string, side: 'q' | 'a' = 'q'): string => extractAvTags(input, side).text;

void describe('extractAvTags', () => {
  void it('numbers sounds and TTS in order from 0, per side', () => {
    const out = extractAvTags('foo [sound:bar.mp3] baz [anki:tts lang=en_US][...][/anki:tts]', 'q');
    assert.equal(out.text, 'foo [anki:play:q:0] baz [anki:play:q:1]');
    assert.deepEqual(out.tags[0], { type: 'sound', filename: 'bar.mp3' });
    assert.equal(out.tags[1]?.type, 'tts');
    assert.equal(text('[sound:a.mp3][sound:b.mp3]', 'a'), '[anki:play:a:0][anki:play:a:1]');
  });

  void it('keeps text without tags, broken tags and empty sound tags as they are', () => {
    for (const input of ['plain', '[sound:]', '[sound:x', '[anki:][/anki:]', '[anki:foo][/anki:bar]', '[x] [y', '']) {
      assert.equal(text(input), input);
    }
  });

  void it('leaves existing placeholders alone', () => {
    assert.equal(text('[anki:play:q:0] and [sound:x.mp3]', 'a'), '[anki:play:q:0] and [anki:play:a:0]');
  });

  void it('decodes entities in the file name of the tag, not in the text', () => {
    const out = extractAvTags('[sound:a&amp;b.mp3]', 'q');
    assert.deepEqual(out.tags, [{ type: 'sound', filename: 'a&b.mp3' }]);
  });

  void it('takes a file name up to the first ]', () => {
    const out = extractAvTags('[sound:foo[.jpg] x', 'q');
    assert.equal(out.text, '[anki:play:q:0] x');
    assert.deepEqual(out.tags, [{ type: 'sound', filename: 'foo[.jpg' }]);
  });

  void it('reads TTS options, quoted or not', () => {
    const out = extractAvTags('[anki:tts lang=ja_JP voices="A B" speed=0.8]日本[/anki:tts]', 'q');
    assert.equal(out.text, '[anki:play:q:0]');
    const tag = out.tags[0];
    assert.ok(tag?.type === 'tts');
    assert.equal(tag.lang, 'ja_JP');
    assert.equal(tag.text, '日本');
    assert.equal(tag.options.get('voices'), 'A B');
  });

  void it("writes Anki's error for TTS without a language", () => {
    const out = extractAvTags('[anki:tts]foo[/anki:tts] [anki:tts lang=]x[/anki:tts]', 'q');
    assert.equal(out.text, "[Error in directive 'anki:tts': 'lang' not set] [Error in directive 'anki:tts': 'lang' not set]");
    assert.deepEqual(out.tags, []);
  });

  void it('rewrites other directives in normalised form', () => {
    assert.equal(text('[anki:foo\nbar=baz ]spam[/anki:foo]'), '[anki:foo bar=baz]spam[/anki:foo]');
    assert.equal(text('[anki:foo a="b c" d=""]x[/anki:foo] [sound:s]'), '[anki:foo a="b c" d=]x[/anki:foo] [anki:play:q:0]');
  });

  void it('needs the exact closing tag and a well-formed opening', () => {
    assert.equal(text('[anki:tts lang=en]x[/anki:TTS]'), '[anki:tts lang=en]x[/anki:TTS]');
    assert.equal(text('[anki:tts lang]x[/anki:tts]'), '[anki:tts lang]x[/anki:tts]');
    assert.equal(text('[anki:tts lang=en x[/anki:tts]'), '[anki:tts lang=en x[/anki:tts]');
  });
});

void describe('extractAvTags on text full of unfinished tags', () => {
  void it('still finds the complete tags', () => {
    // A sound tag's file name runs to the next `]`, so the unclosed openers come last.
    const rest = `${'[anki:tts lang=en '.repeat(20_000)}${'[anki:x'.repeat(20_000)}${'[sound:'.repeat(20_000)}`;
    const out = extractAvTags(`[sound:a.mp3] [anki:tts lang=en]t[/anki:tts]${rest}`, 'q');
    assert.deepEqual(
      out.tags.map((tag) => tag.type),
      ['sound', 'tts'],
    );
    assert.equal(out.text, `[anki:play:q:0] [anki:play:q:1]${rest}`);
  });

  void it('pairs each directive with the first closing tag of its own name', () => {
    assert.equal(
      extractAvTags('[anki:a]1[/anki:b][/anki:a][anki:b]2[/anki:b]', 'q').text,
      '[anki:a]1[/anki:b][/anki:a][anki:b]2[/anki:b]',
    );
    assert.equal(extractAvTags('[anki:tts lang=x]a[/anki:tts][anki:tts lang=y]b[/anki:tts]', 'a').text, '[anki:play:a:0][anki:play:a:1]');
  });
});
