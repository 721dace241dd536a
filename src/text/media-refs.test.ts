import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractMediaRefs, findMediaRefs, isRemoteFilename } from './media-refs.js';

void describe('extractMediaRefs', () => {
  void it('returns nothing for text without references', () => {
    assert.deepEqual(extractMediaRefs(''), []);
    assert.deepEqual(extractMediaRefs('plain <b>text</b>'), []);
  });

  void it('lists tag references first, then sound references, as Anki does', () => {
    assert.deepEqual(extractMediaRefs('<img src="a.jpg">[sound:b.mp3]<img src=\'c.png\'>'), [
      'a.jpg',
      'c.png',
      'b.mp3',
    ]);
  });

  void it('finds every element kind and attribute form', () => {
    assert.deepEqual(
      extractMediaRefs(
        '<IMG SRC=\'a b.jpg\'><audio src=x.mp3><video src="v.webm"></video>' +
          '<object data="o.svg"></object><source src=s.ogg type=audio/ogg>',
      ),
      ['a b.jpg', 'x.mp3', 'v.webm', 'o.svg', 's.ogg'],
    );
  });

  void it('keeps duplicates', () => {
    assert.deepEqual(extractMediaRefs('[sound:x.mp3][sound:x.mp3]'), ['x.mp3', 'x.mp3']);
    assert.deepEqual(extractMediaRefs('<img src=a.jpg><img src="a.jpg">'), ['a.jpg', 'a.jpg']);
  });

  void it('decodes entities, or keeps the name when decoding fails', () => {
    assert.deepEqual(extractMediaRefs('[sound:fo&amp;o.mp3]'), ['fo&o.mp3']);
    assert.deepEqual(extractMediaRefs('<img src="a&amp;b.jpg">'), ['a&b.jpg']);
    assert.deepEqual(extractMediaRefs('[sound:a&b.mp3]'), ['a&b.mp3']);
  });

  void it('skips http and https references only', () => {
    assert.deepEqual(
      extractMediaRefs(
        '<img src="http://x/a.png"><img src="HTTPS://x/b.png"><img src="ftp://x/c.png">[sound:https://x/d.mp3]',
      ),
      ['ftp://x/c.png'],
    );
  });

  void it('ignores sound tags inside a tts block', () => {
    assert.deepEqual(
      extractMediaRefs('[anki:tts][en_US]hi [sound:no.mp3][/anki:tts][sound:yes.mp3]'),
      ['yes.mp3'],
    );
    // Without a closing tag the tts block does not exist.
    assert.deepEqual(extractMediaRefs('[anki:tts][en_US][sound:x.mp3]'), ['x.mp3']);
  });

  void it('reads sound tags as Anki does: case-sensitive, non-empty, up to the first ]', () => {
    assert.deepEqual(extractMediaRefs('[sound:]'), []);
    assert.deepEqual(extractMediaRefs('[SOUND:x.mp3]'), []);
    assert.deepEqual(extractMediaRefs('[sound:a]b]'), ['a']);
    assert.deepEqual(extractMediaRefs('[sound:line\nbreak.mp3]'), ['line\nbreak.mp3']);
  });
});

void describe('findMediaRefs', () => {
  void it('describes each reference, remote ones included', () => {
    assert.deepEqual(findMediaRefs('x<img src="http://a/b.png">[sound:c&amp;d.mp3]'), [
      {
        kind: 'tag',
        fullRef: '<img src="http://a/b.png">',
        start: 1,
        filename: 'http://a/b.png',
        decodedFilename: 'http://a/b.png',
      },
      {
        kind: 'sound',
        fullRef: '[sound:c&amp;d.mp3]',
        start: 27,
        filename: 'c&amp;d.mp3',
        decodedFilename: 'c&d.mp3',
      },
    ]);
  });
});

void describe('isRemoteFilename', () => {
  void it('recognises http and https in any case', () => {
    assert.equal(isRemoteFilename('http://x'), true);
    assert.equal(isRemoteFilename('HtTpS://x'), true);
    assert.equal(isRemoteFilename('ftp://x'), false);
    assert.equal(isRemoteFilename('data:image/png;base64,AAAA'), false);
    assert.equal(isRemoteFilename('http:/x'), false);
  });
});
