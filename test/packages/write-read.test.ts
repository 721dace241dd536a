// Packages as files: the entries, order and compression modern Anki writes for each format, the
// dummy collection inside them, reading them back, and what a reader refuses.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openCollection } from '../../src/collection/open.js';
import { DUMMY_NOTE_TEXT } from '../../src/packages/dummy.js';
import { CORRUPT_MESSAGE, TOO_NEW_MESSAGE } from '../../src/packages/errors.js';
import { encodeLatestMediaMap, encodeLegacyMediaMap } from '../../src/packages/media-map.js';
import { openPackage } from '../../src/packages/open.js';
import { writePackage } from '../../src/packages/write.js';
import { ZipReader } from '../../src/packages/zip-reader.js';
import { ZipWriter } from '../../src/packages/zip-writer.js';
import { zstdCompress, zstdDecompress } from '../../src/packages/zstd.js';
import { downgradeToSchema11 } from '../../src/storage/downgrade/schema11.js';
import { tempDir } from '../support/collections.js';

const sha1 = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest();

describe('packages written and read', () => {
  const tmp = tempDir('acs-packages-');
  const dir = tmp.dir;
  const latestCol = join(dir, 'latest.anki2');
  const legacyCol = join(dir, 'legacy.anki2');
  const media = [
    { name: 'a.png', data: randomBytes(4000) },
    { name: 'sound ü.mp3', data: Buffer.from('ID3 and more') },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];
  const mediaFiles = media.map((file) => ({ name: file.name, path: join(dir, 'media', file.name) }));

  before(() => {
    mkdirSync(join(dir, 'media'));
    for (const file of media) writeFileSync(join(dir, 'media', file.name), file.data);
    openCollection(latestCol, { mediaDir: join(dir, 'm1') }).close();
    copyFileSync(latestCol, legacyCol);
    const col = openCollection(legacyCol, { mediaDir: join(dir, 'm2') });
    downgradeToSchema11(col);
    col.close();
  });
  after(() => tmp.remove());

  function entries(path: string): string[][] {
    const zip = ZipReader.open(path);
    try {
      return zip.entries.map((entry) => [entry.name, entry.method === 8 ? 'deflated' : 'stored']);
    } finally {
      zip.close();
    }
  }

  test('latest: meta, zstd collection.anki21b, the dummy, zstd media 0..n, the zstd protobuf map; all stored', () => {
    const out = join(dir, 'latest.colpkg');
    writePackage(out, { format: 'latest', collectionPath: latestCol, media: mediaFiles });
    assert.deepEqual(entries(out), [
      ['meta', 'stored'],
      ['collection.anki21b', 'stored'],
      ['collection.anki2', 'stored'],
      ['0', 'stored'],
      ['1', 'stored'],
      ['2', 'stored'],
      ['media', 'stored'],
    ]);
    const zip = ZipReader.open(out);
    try {
      assert.deepEqual([...zip.readBuffer(zip.get('meta')!)], [8, 3]);
      const inner = zstdDecompress(zip.readBuffer(zip.get('collection.anki21b')!));
      assert.ok(inner.equals(readFileSync(latestCol)), 'the collection file, byte for byte');
      assert.deepEqual(zstdDecompress(zip.readBuffer(zip.get('1')!)), media[1]!.data);
      const map = zstdDecompress(zip.readBuffer(zip.get('media')!));
      assert.deepEqual(map, Buffer.from(encodeLatestMediaMap(media.map((f) => ({ name: f.name, size: f.data.length, sha1: sha1(f.data) })))));
    } finally {
      zip.close();
    }
  });

  test('legacy: meta 08 02, deflated collection.anki21 at schema 11, the dummy, raw media, the JSON map', () => {
    const out = join(dir, 'legacy.apkg');
    writePackage(out, { format: 'legacy', collectionPath: legacyCol, media: mediaFiles });
    assert.deepEqual(entries(out), [
      ['meta', 'stored'],
      ['collection.anki21', 'deflated'],
      ['collection.anki2', 'stored'],
      ['0', 'stored'],
      ['1', 'stored'],
      ['2', 'stored'],
      ['media', 'stored'],
    ]);
    const zip = ZipReader.open(out);
    try {
      assert.deepEqual([...zip.readBuffer(zip.get('meta')!)], [8, 2]);
      assert.equal(zip.readBuffer(zip.get('media')!).toString(), '{"0":"a.png","1":"sound ü.mp3","2":"empty.txt"}');
      assert.deepEqual(zip.readBuffer(zip.get('0')!), media[0]!.data);
    } finally {
      zip.close();
    }
  });

  test('an empty latest media map is an empty message in one zstd frame, as Anki writes it', () => {
    const out = join(dir, 'no-media.colpkg');
    writePackage(out, { format: 'latest', collectionPath: latestCol, media: [] });
    const zip = ZipReader.open(out);
    try {
      assert.equal(zip.readBuffer(zip.get('media')!).toString('hex'), '28b52ffd2000010000');
    } finally {
      zip.close();
    }
  });

  test('the dummy is a new schema-11 collection: stock note types, one Basic note asking to update Anki', () => {
    const out = join(dir, 'dummy.colpkg');
    writePackage(out, { format: 'latest', collectionPath: latestCol, media: [] });
    const zip = ZipReader.open(out);
    const path = join(dir, 'dummy.anki2');
    try {
      writeFileSync(path, zip.readBuffer(zip.get('collection.anki2')!));
    } finally {
      zip.close();
    }
    const bytes = readFileSync(path);
    assert.equal(bytes.readUInt16BE(16), 512, 'page size');
    assert.deepEqual([bytes[18], bytes[19]], [1, 1], 'rollback journal, not WAL');
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.prepare('select ver from col').pluck().get(), 11);
      const models = JSON.parse(db.prepare('select models from col').pluck().get() as string) as Record<string, { name: string }>;
      assert.deepEqual(Object.values(models).map((m) => m.name).sort(), [
        'Basic', 'Basic (and reversed card)', 'Basic (optional reversed card)', 'Basic (type in the answer)', 'Cloze', 'Image Occlusion',
      ]);
      const notes = db.prepare('select mid, flds from notes').all() as { mid: number; flds: string }[];
      assert.equal(notes.length, 1);
      assert.equal(models[String(notes[0]!.mid)]!.name, 'Basic');
      assert.equal(notes[0]!.flds, `${DUMMY_NOTE_TEXT}\x1f`);
      assert.deepEqual(db.prepare('select did, type, queue from cards').all(), [{ did: 1, type: 0, queue: 0 }]);
      const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
      assert.deepEqual(tables.filter((t) => !String(t).startsWith('sqlite_')), ['cards', 'col', 'graves', 'notes', 'revlog']);
    } finally {
      db.close();
    }
  });

  test('each format reads back: format, the collection decompressed, media with sizes and hashes', () => {
    for (const [file, format] of [['latest.colpkg', 'latest'], ['legacy.apkg', 'legacy2']] as const) {
      const pkg = openPackage(join(dir, file), dir);
      try {
        assert.equal(pkg.format, format);
        assert.ok(readFileSync(pkg.collectionPath).equals(readFileSync(format === 'latest' ? latestCol : legacyCol)));
        assert.deepEqual(pkg.media.map((m) => [m.name, m.size]), media.map((f) => [f.name, f.data.length]));
        for (const [index, item] of pkg.media.entries()) {
          assert.ok(item.readBytes().equals(media[index]!.data));
          if (format === 'latest') assert.ok(Buffer.from(item.sha1!).equals(sha1(media[index]!.data)));
          const target = join(dir, `copy-${index}`);
          assert.deepEqual(item.writeTo(target), { size: media[index]!.data.length, sha1: sha1(media[index]!.data) });
        }
        const workDir = join(pkg.collectionPath, '..');
        pkg.close();
        assert.ok(!existsSync(workDir), 'close removes the extracted collection');
      } finally {
        pkg.close();
      }
    }
  });

  /** A zip with the given entries (name → bytes), in order. */
  function zipOf(name: string, files: [string, Uint8Array][]): string {
    const path = join(dir, name);
    const zip = new ZipWriter(path);
    for (const [entry, data] of files) zip.addBuffer(entry, data);
    zip.finish();
    return path;
  }
  const collectionBytes = (): Buffer => readFileSync(legacyCol);

  test('refusals: not a zip, a truncated zip, an unknown meta version, no collection, a collection that is not SQLite', () => {
    const junk = join(dir, 'junk.apkg');
    writeFileSync(junk, randomBytes(3000));
    assert.throws(() => openPackage(junk, dir), (err: Error) => err.message.startsWith(`${CORRUPT_MESSAGE} (invalid Zip archive`));
    const cut = join(dir, 'cut.apkg');
    copyFileSync(join(dir, 'legacy.apkg'), cut);
    truncateSync(cut, 20_000);
    assert.throws(() => openPackage(cut, dir), (err: Error) => err.message.startsWith(CORRUPT_MESSAGE));
    for (const version of [0, 4, 42]) {
      const path = zipOf(`v${version}.apkg`, [['meta', Uint8Array.of(8, version)], ['collection.anki21b', zstdCompress(collectionBytes())]]);
      assert.throws(() => openPackage(path, dir), { message: TOO_NEW_MESSAGE });
    }
    const none = zipOf('none.apkg', [['meta', Uint8Array.of(8, 3)], ['collection.anki2', collectionBytes()]]);
    assert.throws(() => openPackage(none, dir), { message: `${CORRUPT_MESSAGE} (it has no collection.anki21b)` });
    const text = zipOf('text.apkg', [['collection.anki2', Buffer.from('not a database')]]);
    assert.throws(() => openPackage(text, dir), /is not a SQLite database/);
    const badZstd = zipOf('badzstd.apkg', [['meta', Uint8Array.of(8, 3)], ['collection.anki21b', collectionBytes()]]);
    assert.throws(() => openPackage(badZstd, dir), (err: Error) => err.message.startsWith(`${CORRUPT_MESSAGE} (zstd`));
    // Nothing is left behind by a refused package.
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('package-')), []);
  });

  test('refusals: media names that leave the folder, in either map; unnormalised names in the latest map', () => {
    const data = Buffer.from('x');
    for (const name of ['../x', 'a/b', '/etc/passwd', '..']) {
      const legacy = zipOf('bad-legacy.apkg', [['collection.anki2', collectionBytes()], ['0', data], ['media', encodeLegacyMediaMap([name])]]);
      assert.throws(() => openPackage(legacy, dir), /not a plain file name/, name);
      const map = zstdCompress(encodeLatestMediaMap([{ name, size: 1, sha1: sha1(data) }]));
      const latest = zipOf('bad-latest.apkg', [
        ['meta', Uint8Array.of(8, 3)],
        ['collection.anki21b', zstdCompress(readFileSync(latestCol))],
        ['0', zstdCompress(data)],
        ['media', map],
      ]);
      assert.throws(() => openPackage(latest, dir), /not a plain file name/, name);
    }
    const unnormalised = zstdCompress(encodeLatestMediaMap([{ name: 'a:b.png', size: 1, sha1: sha1(data) }]));
    const latest = zipOf('unnormalised.apkg', [
      ['meta', Uint8Array.of(8, 3)],
      ['collection.anki21b', zstdCompress(readFileSync(latestCol))],
      ['media', unnormalised],
    ]);
    assert.throws(() => openPackage(latest, dir), /not normalised/);
    const shortHash = zstdCompress(encodeLatestMediaMap([{ name: 'a.png', size: 1, sha1: Uint8Array.of(1, 2) }]));
    const hashless = zipOf('hashless.apkg', [['meta', Uint8Array.of(8, 3)], ['collection.anki21b', zstdCompress(readFileSync(latestCol))], ['media', shortHash]]);
    assert.throws(() => openPackage(hashless, dir), /no valid SHA-1/);
    // A legacy name Anki would normalise is normalised.
    const legacy = zipOf('normalise.apkg', [['collection.anki2', collectionBytes()], ['0', data], ['media', encodeLegacyMediaMap(['con'])]]);
    const pkg = openPackage(legacy, dir);
    try {
      assert.equal(pkg.format, 'legacy1');
      assert.deepEqual(pkg.media.map((m) => m.name), ['con_']);
    } finally {
      pkg.close();
    }
  });

  test('the output: a folder is refused, a missing folder too, and a failed write leaves no file behind', () => {
    assert.throws(() => writePackage(dir, { format: 'latest', collectionPath: latestCol, media: [] }), /is a folder/);
    assert.throws(() => writePackage(join(dir, 'nope', 'x.apkg'), { format: 'latest', collectionPath: latestCol, media: [] }), /No such file or directory/);
    const out = join(dir, 'failed.apkg');
    const before = readdirSync(dir).length;
    assert.throws(() => writePackage(out, { format: 'latest', collectionPath: latestCol, media: [{ name: 'gone.png', path: join(dir, 'gone.png') }] }));
    assert.ok(!existsSync(out));
    assert.equal(readdirSync(dir).length, before, 'no temporary file left');
    // An existing file is replaced only by a complete package.
    writeFileSync(out, 'old');
    assert.throws(() => writePackage(out, { format: 'latest', collectionPath: latestCol, media: [{ name: 'gone.png', path: join(dir, 'gone.png') }] }));
    assert.equal(readFileSync(out, 'utf8'), 'old');
  });
});
