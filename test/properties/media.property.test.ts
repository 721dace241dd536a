// Property-based tests of the media-name rules (src/media/filename.ts, src/media/folder.ts) and
// of storeMediaFile, retrieveMediaFile, deleteMediaFile and getMediaFilesNames over HTTP: random
// file names (separators, `..`, NUL and control characters, lone surrogates, very long names,
// Windows device names, NFC/NFD variants) never reach a file outside the media folder (or
// Anki's media trash beside it), never give a name that is not valid UTF-8, and always get a
// reply in Anki-Connect's format.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_MEDIA_FILENAME_BYTES, mediaBasename, normalizeMediaFilename, retrievalFilename } from '../../src/media/filename.js';
import { RESERVED_PREFIX } from '../../src/media/folder.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { assertErrorEnvelope, isValidUtf8, isWellFormed, nastyUnit, runs } from './support.js';

const SENTINEL = 'victim.txt';
const SENTINEL_CONTENT = 'must never be read, replaced, moved or deleted through the media actions\n';

// Pieces of hostile file names.
const NAME_PIECES: readonly string[] = [
  '/', '//', '\\', '..', '.', '../', '../../', '..\\', '..\\..\\', './', '/tmp/', '/etc/passwd', 'C:\\', 'C:', '\\\\?\\', '%2e%2e%2f',
  '\0', '\x01', '\x1f', '\x7f', '\r', '\n', '\t', '\uD800', '\uDFFF', '\uD83D', '\uDE00', '\u00a0', '\u200b', '\uFEFF', '\uFFFE', '\u{E0001}',
  'CON', 'con', 'PRN', 'AUX', 'NUL', 'nul', 'COM1', 'com9', 'LPT1', 'lpt9', 'CONIN$', '.jpg', '.txt', '.mp3', '.', ' ', '~',
  'é', 'e\u0301', 'Å', 'A\u030a', '\u212b', 'ﬁ', 'ß', 'ǅ', '𝄞', '😀', '漢字', 'ｆｕｌｌ',
  ':', '*', '?', '|', '"', '<', '>', '[', ']', '^', '#', '%', '&', "'",
  SENTINEL, 'collection.anki2', 'collection.anki2-wal', 'media.trash', 'collection.media', RESERVED_PREFIX, `${RESERVED_PREFIX}tmp-1`, 'a', 'b', 'x.png',
];
const longRun = fc
  .tuple(fc.constantFrom('a', '漢', '😀', 'é', 'e\u0301', '.', ' ', '/'), fc.integer({ min: 40, max: 300 }))
  .map(([piece, count]) => piece.repeat(count));
const namePiece = fc.oneof({ arbitrary: fc.constantFrom(...NAME_PIECES), weight: 8 }, { arbitrary: nastyUnit, weight: 2 }, { arbitrary: longRun, weight: 1 });
/** A random, usually hostile, media file name. */
const mediaName = fc.array(namePiece, { maxLength: 8 }).map((parts) => parts.join(''));

/** Everything under `dir` (files and folders), as paths relative to it; every name must be valid UTF-8. */
function listTree(dir: string, out = new Map<string, 'file' | 'dir'>(), prefix = ''): Map<string, 'file' | 'dir'> {
  for (const entry of readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })) {
    assert.ok(isValidUtf8(entry.name), `a file name that is not valid UTF-8 in ${dir}: ${entry.name.toString('hex')}`);
    const name = entry.name.toString('utf8');
    const path = prefix === '' ? name : `${prefix}${sep}${name}`;
    out.set(path, entry.isDirectory() ? 'dir' : 'file');
    if (entry.isDirectory()) listTree(join(dir, name), out, path);
  }
  return out;
}

/** True when `text` holds an ASCII control character, NUL included. */
function hasAsciiControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return true;
  }
  return false;
}

/** The UTF-8 length of a name. */
const bytes = (name: string): number => Buffer.byteLength(name, 'utf8');

let server: TestServer;
let mediaDir: string;
let profileDir: string;
let mediaFolderName: string;
let trashFolderName: string;
let initial: Map<string, 'file' | 'dir'>;

async function invoke(action: string, params: Record<string, unknown>): Promise<{ result: unknown; error: string | null }> {
  const reply = await server.post({ action, version: 6, params });
  assert.equal(reply.status, 200);
  const json: unknown = reply.json;
  const context = `${action} ${JSON.stringify(params).slice(0, 300)}`;
  assert.ok(typeof json === 'object' && json !== null, context);
  assert.deepEqual(Object.keys(json).sort(), ['error', 'result'], `${context}: ${reply.text.slice(0, 200)}`);
  const envelope = json as { result: unknown; error: string | null };
  if (envelope.error !== null) assertErrorEnvelope(envelope, context);
  return envelope;
}

before(async () => {
  server = await startTestServer();
  mediaDir = (await server.invoke('getMediaDirPath')).result as string;
  profileDir = dirname(mediaDir);
  mediaFolderName = relative(server.base, mediaDir);
  trashFolderName = relative(server.base, join(profileDir, 'media.trash'));
  // Files a path-traversing name would reach: beside the profile, in the base folder, and in
  // the media folder's parent (where the trash is too).
  for (const dir of [server.base, profileDir]) writeFileSync(join(dir, SENTINEL), SENTINEL_CONTENT);
  // Create both folders once, so the snapshot holds them.
  assert.equal((await invoke('storeMediaFile', { filename: 'seed.txt', data: 'c2VlZA==' })).result, 'seed.txt');
  assert.equal((await invoke('deleteMediaFile', { filename: 'seed.txt' })).error, null);
  initial = listTree(server.base);
});

after(() => server.stop());

describe('media name properties', () => {
  test('normalised names are plain, short, valid entry names (or empty, which is refused)', () => {
    fc.assert(
      fc.property(mediaName, (name) => {
        const context = JSON.stringify(name);
        const normal = normalizeMediaFilename(name);
        if (normal !== '') {
          assert.ok(isWellFormed(normal), `no lone surrogate: ${context} → ${JSON.stringify(normal)}`);
          assert.doesNotMatch(normal, /[/\\:*?"<>|[\]^]/, `no separator or reserved character: ${context} → ${JSON.stringify(normal)}`);
          assert.ok(!hasAsciiControl(normal), `no control character (NUL among them): ${context} → ${JSON.stringify(normal)}`);
          assert.ok(bytes(normal) <= MAX_MEDIA_FILENAME_BYTES, `at most 120 bytes: ${context} → ${bytes(normal)}`);
          assert.ok(normal !== '.' && normal !== '..', context);
          assert.doesNotMatch(normal, /[ .]$/, `no trailing dot or space: ${context} → ${JSON.stringify(normal)}`);
          assert.doesNotMatch(normal, /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)/i, `no Windows device name: ${context} → ${JSON.stringify(normal)}`);
        }
        const lookup = retrievalFilename(name);
        assert.doesNotMatch(lookup, /[/\0]/, `the name retrieveMediaFile reads has no separator or NUL: ${context}`);
        assert.ok(!mediaBasename(name).includes('/'), context);
      }),
      runs(3000),
    );
  });

  test('store, retrieve, delete and list with random names stay inside the media folder and its trash', async () => {
    const operation = fc.oneof(
      fc.record({
        op: fc.constant('store' as const),
        name: mediaName,
        data: fc.uint8Array({ minLength: 1, maxLength: 24 }),
        deleteExisting: fc.option(fc.boolean(), { nil: undefined }),
      }),
      fc.record({ op: fc.constantFrom('retrieve' as const, 'delete' as const), name: mediaName, stored: fc.nat() }),
      fc.record({ op: fc.constant('list' as const), name: fc.oneof(mediaName, fc.constantFrom('*', '*.txt', '[!a]*', '.*', '../*', '/*', '**')) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        const storedNames: string[] = [];
        for (const op of operations) {
          if (op.op === 'store') {
            const data = Buffer.from(op.data).toString('base64');
            const params = { filename: op.name, data, ...(op.deleteExisting === undefined ? {} : { deleteExisting: op.deleteExisting }) };
            const { result, error } = await invoke('storeMediaFile', params);
            const context = `storeMediaFile ${JSON.stringify(op.name)}`;
            if (error !== null) continue;
            assert.equal(typeof result, 'string', context);
            const stored = result as string;
            assert.ok(isWellFormed(stored) && stored !== '' && !/[/\\\0]/.test(stored), `${context} stored ${JSON.stringify(stored)}`);
            assert.ok(bytes(stored) <= MAX_MEDIA_FILENAME_BYTES, `${context}: ${bytes(stored)} bytes`);
            assert.deepEqual(readFileSync(join(mediaDir, stored)), Buffer.from(op.data), `${context}: the file holds the data`);
            // An NFC name reads back (Anki-Connect's retrieveMediaFile looks names up in NFC).
            if (stored.normalize('NFC') === stored) {
              assert.equal((await invoke('retrieveMediaFile', { filename: stored })).result, data, `${context}: retrieve ${JSON.stringify(stored)}`);
            }
            storedNames.push(stored);
          } else if (op.op === 'list') {
            const { result, error } = await invoke('getMediaFilesNames', { pattern: op.name });
            if (error !== null) continue;
            assert.ok(Array.isArray(result), `getMediaFilesNames ${JSON.stringify(op.name)}`);
            const present = new Set(readdirSync(mediaDir));
            for (const name of result as unknown[]) {
              assert.ok(typeof name === 'string' && present.has(name), `getMediaFilesNames ${JSON.stringify(op.name)} lists ${JSON.stringify(name)}, which is not in the media folder`);
            }
          } else {
            const name = storedNames.length > 0 && op.stored % 2 === 0 ? (storedNames[op.stored % storedNames.length] ?? op.name) : op.name;
            if (op.op === 'retrieve') {
              const { result, error } = await invoke('retrieveMediaFile', { filename: name });
              if (error !== null) continue;
              if (result !== false) {
                // What is read is the file of exactly the name retrieveMediaFile looks up.
                const lookup = retrievalFilename(name);
                assert.equal(typeof result, 'string', `retrieveMediaFile ${JSON.stringify(name)}`);
                assert.deepEqual(Buffer.from(result as string, 'base64'), readFileSync(join(mediaDir, lookup)), `retrieveMediaFile ${JSON.stringify(name)} reads ${JSON.stringify(lookup)}`);
              }
            } else {
              const { result, error } = await invoke('deleteMediaFile', { filename: name });
              if (error === null) assert.equal(result, null);
            }
          }
        }
        // Nothing new outside the media folder and the trash; the sentinels untouched; every name valid UTF-8.
        const now = listTree(server.base);
        for (const [path, kind] of now) {
          if (initial.has(path)) continue;
          const inside = path.startsWith(`${mediaFolderName}${sep}`) || path.startsWith(`${trashFolderName}${sep}`);
          const sqliteSideFile = /collection\.anki2-(wal|shm|journal)$/.test(path);
          assert.ok(inside || sqliteSideFile, `a new ${kind} outside the media folder: ${JSON.stringify(path)} after ${JSON.stringify(operations).slice(0, 500)}`);
          if (inside) assert.equal(kind, 'file', `the media folder and the trash stay flat: ${JSON.stringify(path)}`);
        }
        for (const path of initial.keys()) if (!path.startsWith(mediaFolderName) && !path.startsWith(trashFolderName)) assert.ok(now.has(path), `${path} disappeared`);
        for (const dir of [server.base, profileDir]) assert.equal(readFileSync(join(dir, SENTINEL), 'utf8'), SENTINEL_CONTENT, `${dir}/${SENTINEL} changed`);
        for (const name of readdirSync(mediaDir)) assert.ok(!name.startsWith(RESERVED_PREFIX), `a temporary file left behind: ${name}`);
      }),
      runs(250),
    );
    assert.equal((await server.post({ action: 'version' })).text, '6');
  });
});
