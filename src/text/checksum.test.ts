import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldChecksum } from './checksum.js';
import { stripHtmlPreservingMediaFilenames } from './html.js';

void describe('fieldChecksum', () => {
  void it('matches the Anki test vectors', () => {
    assert.equal(fieldChecksum('test'), 2840236005);
    assert.equal(fieldChecksum('今日'), 1464653051);
  });

  void it('reads the first four digest bytes big-endian (sha1("") = da39a3ee…)', () => {
    assert.equal(fieldChecksum(''), 0xda39a3ee);
  });

  void it('is an unsigned 32-bit integer', () => {
    for (const text of ['a', 'b', 'front', '日本語', '\u{1f600}']) {
      const sum = fieldChecksum(text);
      assert.ok(Number.isInteger(sum) && sum >= 0 && sum <= 0xffffffff);
    }
  });

  void it('is taken over the stripped field', () => {
    assert.equal(fieldChecksum(stripHtmlPreservingMediaFilenames('<b>test</b>')), 2840236005);
  });
});
