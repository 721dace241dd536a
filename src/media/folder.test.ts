import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';

import { AnkiConnectError } from '../errors.js';
import { hashSuffixedName } from './filename.js';
import { MEDIA_TRASH_FOLDER_NAME, MediaFolder, MediaNameError } from './folder.js';
import { sha1Hex } from './hash.js';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

// Layout of every test: <root>/profile/collection.media is the folder, <root>/profile/media.trash
// its trash, and <root>/outside.txt plus <root>/profile/secret.txt are files that no operation may
// read, change or remove.
let root = '';
let profile = '';
let mediaDir = '';
let media: MediaFolder;
let outsideFile = '';
let secretFile = '';

function snapshotOutside(): string[] {
  return [fs.readFileSync(outsideFile, 'utf8'), fs.readFileSync(secretFile, 'utf8'), String(fs.statSync(outsideFile).mtimeMs)];
}

/** Every entry under `root`, relative, sorted: shows that nothing unexpected appeared anywhere. */
function tree(): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'media-folder-'));
  profile = path.join(root, 'profile');
  mediaDir = path.join(profile, 'collection.media');
  fs.mkdirSync(profile);
  outsideFile = path.join(root, 'outside.txt');
  secretFile = path.join(profile, 'secret.txt');
  fs.writeFileSync(outsideFile, 'outside');
  fs.writeFileSync(secretFile, 'secret');
  media = new MediaFolder(mediaDir);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

void describe('MediaFolder basics', () => {
  void it('exposes absolute paths: the folder and media.trash beside it', () => {
    assert.equal(media.path, mediaDir);
    assert.equal(media.trashPath, path.join(profile, MEDIA_TRASH_FOLDER_NAME));
    const relative = new MediaFolder(path.relative(process.cwd(), mediaDir));
    assert.equal(relative.path, mediaDir);
  });

  void it('creates the folder on the first write, not before', () => {
    const nested = new MediaFolder(path.join(root, 'a', 'b', 'collection.media'));
    assert.deepEqual(nested.listNames(), []);
    assert.equal(nested.readFile('x.txt'), null);
    assert.equal(fs.existsSync(nested.path), false);
    assert.equal(nested.addFileUniquely('x.txt', text('x')), 'x.txt');
    assert.equal(fs.readFileSync(path.join(nested.path, 'x.txt'), 'utf8'), 'x');
  });
});

void describe('addFileUniquely', () => {
  void it('passes the rslib test: new name, same content, different content', () => {
    assert.equal(media.addFileUniquely('test.mp3', text('hello')), 'test.mp3');
    assert.equal(media.addFileUniquely('test.mp3', text('hello')), 'test.mp3');
    assert.equal(media.addFileUniquely('test.mp3', text('hello1')), 'test-88fdd585121a4ccb3d1540527aee53a77c77abb8.mp3');
    // Exactly these files: no temporary files are left behind.
    assert.deepEqual(fs.readdirSync(mediaDir).sort(), ['test-88fdd585121a4ccb3d1540527aee53a77c77abb8.mp3', 'test.mp3']);
    assert.equal(fs.readFileSync(path.join(mediaDir, 'test.mp3'), 'utf8'), 'hello');
  });

  void it('compares content, not size: same size but different bytes get the suffixed name', () => {
    media.addFileUniquely('a.txt', text('abc'));
    assert.equal(media.addFileUniquely('a.txt', text('abd')), hashSuffixedName('a.txt', sha1Hex(text('abd'))));
  });

  void it('reuses the suffixed name when the same clashing content comes again', () => {
    media.addFileUniquely('a.txt', text('one'));
    const second = media.addFileUniquely('a.txt', text('two'));
    assert.equal(media.addFileUniquely('a.txt', text('two')), second);
    assert.equal(fs.readdirSync(mediaDir).length, 2);
  });

  void it('normalises the name and keeps its case', () => {
    assert.equal(media.addFileUniquely('Foo?.JPG', text('x')), 'Foo.JPG');
    assert.equal(media.addFileUniquely('con.jpg', text('x')), 'con_.jpg');
    assert.equal(media.addFileUniquely('caf\u0065\u0301.png', text('x')), 'caf\u00e9.png');
    assert.equal(media.addFileUniquely('sub/dir/a.jpg', text('x')), 'subdira.jpg');
  });

  void it('refuses a name that normalises to nothing', () => {
    assert.throws(() => media.addFileUniquely('???', text('x')), MediaNameError);
    assert.throws(() => media.addFileUniquely('', text('x')), AnkiConnectError);
  });

  void it('stores an empty file', () => {
    assert.equal(media.addFileUniquely('empty.txt', new Uint8Array()), 'empty.txt');
    assert.equal(fs.statSync(path.join(mediaDir, 'empty.txt')).size, 0);
  });

  void it('hash-suffixes when the name is taken by a directory, and cleans up after a failed write', () => {
    fs.mkdirSync(path.join(mediaDir, 'd.txt'), { recursive: true });
    const suffixed = media.addFileUniquely('d.txt', text('x'));
    assert.equal(suffixed, hashSuffixedName('d.txt', sha1Hex(text('x'))));
    // Now make the suffixed name a non-empty directory too: the rename must fail, and the
    // temporary file must not stay behind.
    const blocked = hashSuffixedName('d.txt', sha1Hex(text('y')));
    fs.mkdirSync(path.join(mediaDir, blocked));
    fs.writeFileSync(path.join(mediaDir, blocked, 'inner'), 'z');
    assert.throws(() => media.addFileUniquely('d.txt', text('y')));
    assert.deepEqual(fs.readdirSync(mediaDir).sort(), [blocked, 'd.txt', suffixed].sort());
  });

  void it('replaces a symlink at the target instead of writing through it', { skip: process.platform === 'win32' }, () => {
    fs.mkdirSync(mediaDir);
    const dangling = path.join(root, 'created-through-link.txt');
    fs.symlinkSync(dangling, path.join(mediaDir, 'link.txt'));
    assert.equal(media.addFileUniquely('link.txt', text('data')), 'link.txt');
    assert.equal(fs.existsSync(dangling), false);
    assert.equal(fs.lstatSync(path.join(mediaDir, 'link.txt')).isFile(), true);

    // A link to an existing outside file with other content: hash-suffixed, outside untouched.
    const before = snapshotOutside();
    fs.symlinkSync(outsideFile, path.join(mediaDir, 'out.txt'));
    assert.equal(media.addFileUniquely('out.txt', text('new')), hashSuffixedName('out.txt', sha1Hex(text('new'))));
    assert.deepEqual(snapshotOutside(), before);
  });
});

void describe('storeFile (storeMediaFile)', () => {
  void it('passes the Anki-Connect test sequence', () => {
    const first = media.storeFile({ filename: '_test.txt', data: text('test'), deleteExisting: true });
    assert.equal(first, '_test.txt');
    const second = media.storeFile({ filename: '_test.txt', data: text('test 2'), deleteExisting: false });
    assert.notEqual(second, first);
    assert.deepEqual(media.listNames('_tes*.txt'), [first, second].sort());
    assert.deepEqual(media.readFile(first), text('test'));
    assert.equal(media.deleteFile(first), true);
    assert.equal(media.readFile(first), null);
    assert.deepEqual(media.listNames('_tes*.txt'), [second]);
  });

  void it('with deleteExisting replaces the content under the same name and trashes the old file', () => {
    media.storeFile({ filename: 'a.jpg', data: text('old'), deleteExisting: true });
    assert.equal(media.storeFile({ filename: 'a.jpg', data: text('new'), deleteExisting: true }), 'a.jpg');
    assert.deepEqual(media.readFile('a.jpg'), text('new'));
    assert.equal(fs.readFileSync(path.join(media.trashPath, 'a.jpg'), 'utf8'), 'old');
    assert.deepEqual(media.listNames(), ['a.jpg']);
  });

  void it('trashes the normalised name, so the name is kept even when normalisation changes it', () => {
    media.storeFile({ filename: 'a.jpg', data: text('old'), deleteExisting: true });
    assert.equal(media.storeFile({ filename: 'a?.jpg', data: text('new'), deleteExisting: true }), 'a.jpg');
    assert.deepEqual(media.readFile('a.jpg'), text('new'));
  });

  void it('reduces the name to its basename first, as Anki-Connect does', () => {
    assert.equal(media.storeFile({ filename: 'sub/dir/a.jpg', data: text('x'), deleteExisting: false }), 'a.jpg');
    assert.throws(() => media.storeFile({ filename: 'dir/', data: text('x'), deleteExisting: true }), MediaNameError);
  });

  void it('keeps traversal attempts inside the folder', () => {
    const before = snapshotOutside();
    assert.equal(media.storeFile({ filename: '../outside.txt', data: text('evil'), deleteExisting: true }), 'outside.txt');
    assert.equal(media.storeFile({ filename: '../../etc/passwd', data: text('evil'), deleteExisting: true }), 'passwd');
    assert.equal(media.storeFile({ filename: '/etc/passwd', data: text('evil2'), deleteExisting: true }), 'passwd');
    assert.equal(media.storeFile({ filename: 'a/../../secret.txt', data: text('evil'), deleteExisting: true }), 'secret.txt');
    assert.equal(media.storeFile({ filename: '..\\..\\x.txt', data: text('evil'), deleteExisting: false }), '....x.txt');
    assert.equal(media.storeFile({ filename: '..', data: text('evil'), deleteExisting: true }), '.._');
    assert.equal(media.addFileUniquely('../../etc/passwd', text('evil')), '....etcpasswd');
    // NUL removed first, which turns it into the device name NUL.
    assert.equal(media.addFileUniquely('n\0ul.txt', text('evil')), 'nul_.txt');
    assert.deepEqual(snapshotOutside(), before);
    assert.deepEqual(tree(), [
      'outside.txt',
      'profile',
      'profile/collection.media',
      'profile/collection.media/....etcpasswd',
      'profile/collection.media/....x.txt',
      'profile/collection.media/.._',
      'profile/collection.media/nul_.txt',
      'profile/collection.media/outside.txt',
      'profile/collection.media/passwd',
      'profile/collection.media/secret.txt',
      'profile/media.trash',
      'profile/media.trash/passwd',
      'profile/secret.txt',
    ]);
  });
});

void describe('moveToTrash and deleteFile (deleteMediaFile)', () => {
  void it('moves the file into media.trash and stamps it with the current time', () => {
    media.addFileUniquely('a.txt', text('a'));
    const old = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(path.join(mediaDir, 'a.txt'), old, old);
    const start = Date.now();
    assert.equal(media.moveToTrash('a.txt'), true);
    assert.equal(fs.existsSync(path.join(mediaDir, 'a.txt')), false);
    const trashed = path.join(profile, 'media.trash', 'a.txt');
    assert.equal(fs.readFileSync(trashed, 'utf8'), 'a');
    assert.ok(fs.statSync(trashed).mtimeMs >= start - 2000);
  });

  void it('replaces a file of the same name already in the trash', () => {
    media.addFileUniquely('a.txt', text('first'));
    media.deleteFile('a.txt');
    media.addFileUniquely('a.txt', text('second'));
    media.deleteFile('a.txt');
    assert.deepEqual(fs.readdirSync(media.trashPath), ['a.txt']);
    assert.equal(fs.readFileSync(path.join(media.trashPath, 'a.txt'), 'utf8'), 'second');
  });

  void it('is a no-op for a missing file or a directory', () => {
    assert.equal(media.deleteFile('missing.txt'), false);
    fs.mkdirSync(path.join(mediaDir, 'sub'), { recursive: true });
    assert.equal(media.deleteFile('sub'), false);
    assert.equal(fs.existsSync(path.join(mediaDir, 'sub')), true);
  });

  void it('does not sanitise: an existing non-normalised name is deleted as is', () => {
    fs.mkdirSync(mediaDir);
    fs.writeFileSync(path.join(mediaDir, 'a:b?.txt'), 'x');
    assert.equal(media.deleteFile('a:b?.txt'), true);
    assert.equal(media.deleteFile('ab.txt'), false);
  });

  void it('refuses names that are not a plain entry, touching nothing', () => {
    media.addFileUniquely('a.txt', text('a'));
    const before = snapshotOutside();
    const treeBefore = tree();
    for (const name of ['../outside.txt', '../secret.txt', '../../outside.txt', '/etc/passwd', outsideFile, 'a/../../b', 'a/../a.txt', '..\\secret.txt', 'a.txt\0', '..', '.', '']) {
      assert.throws(() => media.deleteFile(name), MediaNameError, JSON.stringify(name));
      assert.throws(() => media.moveToTrash(name), MediaNameError, JSON.stringify(name));
    }
    assert.deepEqual(snapshotOutside(), before);
    assert.deepEqual(tree(), treeBefore);
  });

  void it('moves a symlink as a link, leaving its target alone', { skip: process.platform === 'win32' }, () => {
    fs.mkdirSync(mediaDir);
    fs.symlinkSync(outsideFile, path.join(mediaDir, 'link.txt'));
    const before = snapshotOutside();
    assert.equal(media.deleteFile('link.txt'), true);
    assert.equal(fs.lstatSync(path.join(media.trashPath, 'link.txt')).isSymbolicLink(), true);
    assert.deepEqual(snapshotOutside(), before);
  });
});

void describe('readFile (retrieveMediaFile)', () => {
  void it('returns the content, or null when missing', () => {
    media.addFileUniquely('a.txt', text('a'));
    assert.deepEqual(media.readFile('a.txt'), text('a'));
    assert.equal(media.readFile('b.txt'), null);
  });

  void it('applies Anki-Connect’s reduction: basename, NFC, illegal characters stripped', () => {
    media.addFileUniquely('caf\u00e9.png', text('nfc'));
    media.addFileUniquely('x1.txt', text('x1'));
    assert.deepEqual(media.readFile('caf\u0065\u0301.png'), text('nfc'));
    assert.deepEqual(media.readFile('some/dir/x[1].txt'), text('x1'));
    assert.deepEqual(media.readFile('x1.txt\r\n'), text('x1'));
    assert.deepEqual(media.readFile('x\x001.txt'), text('x1'));
  });

  void it('never reads outside the folder', () => {
    media.addFileUniquely('a.txt', text('a'));
    for (const name of ['../outside.txt', '../../outside.txt', '../secret.txt', outsideFile, 'a/../../secret.txt', '..\\secret.txt', '..', '.', '', 'dir/', '/']) {
      assert.equal(media.readFile(name), null, JSON.stringify(name));
    }
    // `/etc/passwd` means `passwd` in the folder, never the system file.
    assert.equal(media.readFile('/etc/passwd'), null);
    media.addFileUniquely('passwd', text('inside'));
    assert.deepEqual(media.readFile('/etc/passwd'), text('inside'));
    assert.deepEqual(media.readFile('../../../../../etc/passwd'), text('inside'));
  });

  void it('returns null for a directory', () => {
    fs.mkdirSync(path.join(mediaDir, 'sub'), { recursive: true });
    assert.equal(media.readFile('sub'), null);
  });

  void it('does not open a FIFO', { skip: process.platform === 'win32' }, async () => {
    fs.mkdirSync(mediaDir);
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [path.join(mediaDir, 'pipe')]);
    assert.equal(media.readFile('pipe'), null);
  });
});

void describe('listNames (getMediaFilesNames)', () => {
  beforeEach(() => {
    for (const name of ['a.jpg', 'b.JPG', '_c.txt', '.hidden', 'x y.mp3']) media.addFileUniquely(name, text(name));
  });

  void it('lists regular files matching the glob, sorted, hiding dot-files from *', () => {
    assert.deepEqual(media.listNames(), ['_c.txt', 'a.jpg', 'b.JPG', 'x y.mp3']);
    assert.deepEqual(media.listNames('*'), media.listNames());
    assert.deepEqual(media.listNames('.*'), ['.hidden']);
    assert.deepEqual(media.listNames('*.jpg'), ['a.jpg']);
    assert.deepEqual(media.listNames('*.[jJ][pP][gG]'), ['a.jpg', 'b.JPG']);
    assert.deepEqual(media.listNames('[!_]*'), ['a.jpg', 'b.JPG', 'x y.mp3']);
    assert.deepEqual(media.listNames('?.jpg'), ['a.jpg']);
    assert.deepEqual(media.listNames('a.jpg'), ['a.jpg']);
    assert.deepEqual(media.listNames('A.jpg'), []);
    assert.deepEqual(media.listNames('.hidden'), ['.hidden']);
  });

  void it('skips directories, broken links and its own temporary files, and follows links to files', { skip: process.platform === 'win32' }, () => {
    fs.mkdirSync(path.join(mediaDir, 'subdir'));
    fs.symlinkSync(path.join(mediaDir, 'a.jpg'), path.join(mediaDir, 'link.jpg'));
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(mediaDir, 'broken.jpg'));
    fs.writeFileSync(path.join(mediaDir, '.anki-connect-server-tmp-0123'), 'partial');
    assert.deepEqual(media.listNames(), ['_c.txt', 'a.jpg', 'b.JPG', 'link.jpg', 'x y.mp3']);
    assert.deepEqual(media.listNames('.*'), ['.hidden']);
  });

  void it('skips names that are not valid UTF-8', { skip: process.platform !== 'linux' }, () => {
    fs.writeFileSync(Buffer.concat([Buffer.from(`${mediaDir}/bad-`), Buffer.from([0xff]), Buffer.from('.jpg')]), 'x');
    assert.deepEqual(media.listNames('bad-*'), []);
  });

  void it('answers [] for patterns that would leave the folder, and for the empty pattern', () => {
    for (const pattern of ['../*', '../../*', '/etc/*', '/*', 'a/../*', './*', '*/', `${mediaDir}/*`, '', '*\0']) {
      assert.deepEqual(media.listNames(pattern), [], JSON.stringify(pattern));
    }
  });

  void it('answers [] when the folder does not exist', () => {
    assert.deepEqual(new MediaFolder(path.join(root, 'nope')).listNames(), []);
  });
});
