import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewriteMediaRefs } from './media-refs.js';

const rename = (map: Record<string, string>) => (name: string) => map[name];

test('tag and sound references are renamed, every occurrence within the tag', () => {
  const field = '<img alt="a.jpg" src="a.jpg"> x [sound:b.mp3] <img src=c.png>';
  assert.equal(
    rewriteMediaRefs(field, rename({ 'a.jpg': 'a-1.jpg', 'b.mp3': 'b-2.mp3' })),
    '<img alt="a-1.jpg" src="a-1.jpg"> x [sound:b-2.mp3] <img src=c.png>',
  );
});

test('a name written with entities is offered decoded and written back encoded', () => {
  const seen: string[] = [];
  const out = rewriteMediaRefs('<img src="a&amp;b.jpg">', (name) => {
    seen.push(name);
    return 'a&b-1.jpg';
  });
  assert.deepEqual(seen, ['a&b.jpg']);
  assert.equal(out, '<img src="a&amp;b-1.jpg">');
});

test('nothing to rename gives undefined; text-to-speech voices are offered as Anki offers them', () => {
  assert.equal(rewriteMediaRefs('plain <b>text</b>', () => 'x'), undefined);
  const seen: string[] = [];
  rewriteMediaRefs('[anki:tts][en_US]hello[/anki:tts] [sound:s.mp3]', (name) => {
    seen.push(name);
    return undefined;
  });
  assert.deepEqual(seen, ['en_US', 's.mp3']);
});
