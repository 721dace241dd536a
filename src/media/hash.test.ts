import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { md5Hex, sha1Hex, sha1HexOfFile, sha1HexOfFileAsync } from './hash.js';

void describe('hash helpers', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-hash-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  void it('hash data', () => {
    assert.equal(sha1Hex(Buffer.from('hello')), 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
    assert.equal(sha1Hex(new Uint8Array()), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
    assert.equal(md5Hex(Buffer.from('test')), '098f6bcd4621d373cade4e832627b4f6');
  });

  void it('hash files larger than one chunk, sync and async, the same as the data', async () => {
    const data = randomBytes(64 * 1024 * 3 + 17);
    const file = path.join(dir, 'big.bin');
    fs.writeFileSync(file, data);
    assert.equal(sha1HexOfFile(file), sha1Hex(data));
    assert.equal(await sha1HexOfFileAsync(file), sha1Hex(data));
  });

  void it('hash an empty file and fail on a missing one', async () => {
    const file = path.join(dir, 'empty');
    fs.writeFileSync(file, '');
    assert.equal(sha1HexOfFile(file), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
    assert.throws(() => sha1HexOfFile(path.join(dir, 'missing')), { code: 'ENOENT' });
    await assert.rejects(sha1HexOfFileAsync(path.join(dir, 'missing')), { code: 'ENOENT' });
  });
});
