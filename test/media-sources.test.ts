// A media `path` is read up to the size limit, whatever size the file claims: files under /proc
// report 0 bytes and then read on (and /proc/self/pagemap would read gigabytes).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fetchMediaBytes } from '../src/media/sources.js';
import { tempDir } from './support/collections.js';

const policy = { timeoutMs: 1000, maxBytes: 1000, allowPaths: true };

test('a file that reports 0 bytes but reads on (Linux procfs) is stopped at the limit', async () => {
  await assert.rejects(fetchMediaBytes({ path: '/proc/self/smaps' }, policy), /is larger than 1000 bytes \(setting webMaxDownloadBytes\)/);
  await assert.rejects(fetchMediaBytes({ path: '/proc/self/pagemap' }, policy), /is larger than 1000 bytes/);
});

test('a file within the limit is read whole; one above it is refused; a folder is not a file', async () => {
  const { dir, remove } = tempDir('acs-sources-');
  try {
    const small = join(dir, 'small.bin');
    writeFileSync(small, Buffer.alloc(1000, 7));
    assert.deepEqual(Buffer.from(await fetchMediaBytes({ path: small }, policy)), Buffer.alloc(1000, 7));
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(1001, 7));
    await assert.rejects(fetchMediaBytes({ path: big }, policy), /is larger than 1000 bytes/);
    await assert.rejects(fetchMediaBytes({ path: dir }, policy), /not a file/);
    await assert.rejects(fetchMediaBytes({ path: join(dir, 'none') }, policy), /No such file or directory/);
  } finally {
    remove();
  }
});
