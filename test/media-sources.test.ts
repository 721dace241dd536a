// A media `path` is read up to the size limit, whatever size the file claims: files under /proc
// report 0 bytes and then read on (and /proc/self/pagemap would read gigabytes).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInternalAddress } from '../src/media/download.js';
import { MediaFolder } from '../src/media/folder.js';
import { fetchMediaBytes } from '../src/media/sources.js';
import { tempDir } from './support/collections.js';

const policy = { timeoutMs: 1000, maxBytes: 1000, allowPaths: true, local: true };

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

test("base64 data is read as Python's b64decode reads it, refusals and all", async () => {
  const data = (text: string) => fetchMediaBytes({ data: text }, policy);
  assert.deepEqual(Buffer.from(await data('aGVsbG8=')), Buffer.from('hello'));
  assert.deepEqual(Buffer.from(await data('aGVs\nbG8=')), Buffer.from('hello'), 'line breaks are skipped');
  assert.deepEqual(Buffer.from(await data('====')), Buffer.alloc(0));
  await assert.rejects(data('aGVsbG8'), /^AnkiConnectError: Incorrect padding$/);
  await assert.rejects(data('a'), /number of data characters \(1\) cannot be 1 more than a multiple of 4/);
  await assert.rejects(data('not base64!!'), /number of data characters \(9\) cannot be 1 more than a multiple of 4/);
});

test('a media name too long for the file system is a file that is not there', () => {
  const { dir, remove } = tempDir('acs-media-long-');
  try {
    const folder = new MediaFolder(dir);
    const name = `${'n'.repeat(300)}.txt`;
    assert.equal(folder.readFile(name), null);
    assert.equal(folder.deleteFile(name), false);
  } finally {
    remove();
  }
});

test('a remote caller cannot have the server fetch internal addresses, however written or redirected to', async () => {
  const inner = createServer((_req, res) => res.end('internal secret'));
  await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', resolve));
  const port = (inner.address() as AddressInfo).port;
  // A redirect from a public-looking host is followed only to be checked again.
  const hop = createServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/x` }).end());
  await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
  const remote = { ...policy, local: false };
  try {
    for (const host of ['127.0.0.1', '127.1', '0x7f000001', '2130706433', 'localhost', '[::1]', '[::ffff:127.0.0.1]']) {
      await assert.rejects(fetchMediaBytes({ url: `http://${host}:${port}/x` }, remote), /does not fetch for remote callers|download failed/, host);
    }
    await assert.rejects(fetchMediaBytes({ url: `http://127.0.0.1:${(hop.address() as AddressInfo).port}/` }, remote), /does not fetch for remote callers/);
    // A caller on this machine may: it can reach those addresses itself.
    assert.equal(Buffer.from(await fetchMediaBytes({ url: `http://127.0.0.1:${port}/x` }, policy)).toString(), 'internal secret');
    assert.equal(Buffer.from(await fetchMediaBytes({ url: `http://localhost:${port}/x` }, { ...policy, local: true })).toString(), 'internal secret');
  } finally {
    inner.close();
    hop.close();
  }
});

test('the addresses a remote caller may not reach', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', 'ff02::1']) {
    assert.equal(isInternalAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) {
    assert.equal(isInternalAddress(address), false, address);
  }
});

test("a client cannot store a file under the server's temporary-name prefix", () => {
  const { dir, remove } = tempDir('acs-media-reserved-');
  try {
    const folder = new MediaFolder(dir);
    for (const name of ['.anki-connect-server-tmp-1234', '.anki-connect-server-sync-partial-x']) {
      assert.throws(() => folder.storeFile({ filename: name, data: Buffer.from('x'), deleteExisting: true }), /names starting with \.anki-connect-server- are the server's own/);
    }
    assert.equal(folder.storeFile({ filename: '.anki-connect-serverless.txt', data: Buffer.from('x'), deleteExisting: true }), '.anki-connect-serverless.txt');
  } finally {
    remove();
  }
});
