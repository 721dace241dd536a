import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  MAX_MEDIA_FILENAME_BYTES,
  hashSuffixedName,
  isNormalizedMediaFilename,
  mediaBasename,
  normalizeMediaFilename,
  retrievalFilename,
} from './filename.js';
import { sha1Hex } from './hash.js';
import { UNICODE10_ASSIGNED_RANGES, isAssignedInUnicode10 } from './unicode10-assigned.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

void describe('normalizeMediaFilename', () => {
  void it('leaves a plain name alone', () => {
    assert.equal(normalizeMediaFilename('foo.jpg'), 'foo.jpg');
    assert.equal(normalizeMediaFilename('_underscore file (1).mp3'), '_underscore file (1).mp3');
  });

  void it('passes the rslib vector: illegal characters removed, then the device name fixed', () => {
    assert.equal(normalizeMediaFilename('con.jpg[]><:"/?*^\\|\0\r\n'), 'con_.jpg');
  });

  void it('removes ASCII control characters but keeps C1 controls (they are assigned, not ASCII)', () => {
    assert.equal(normalizeMediaFilename('\ta\x7fb\x1f.txt'), 'ab.txt');
    assert.equal(normalizeMediaFilename('a\u0085b.txt'), 'a\u0085b.txt');
  });

  void it('composes NFD input to NFC', () => {
    const nfd = 'caf\u0065\u0301.jpg';
    assert.equal(normalizeMediaFilename(nfd), 'caf\u00e9.jpg');
    assert.equal(isNormalizedMediaFilename(nfd), false);
    assert.equal(isNormalizedMediaFilename('caf\u00e9.jpg'), true);
  });

  void it('does not recompose after removing characters, like Anki', () => {
    // NFC first: `e[\u0301` has nothing to compose; removing `[` then leaves NFD behind.
    assert.equal(normalizeMediaFilename('e[\u0301.jpg'), 'e\u0301.jpg');
  });

  void it('turns NBSP into a space, before the trailing-space rule', () => {
    assert.equal(normalizeMediaFilename('a\u00a0b.jpg'), 'a b.jpg');
    assert.equal(normalizeMediaFilename('a\u00a0'), 'a _');
    // Other no-break spaces are untouched.
    assert.equal(normalizeMediaFilename('a\u202fb.jpg'), 'a\u202fb.jpg');
  });

  void it('protects Windows device names, any case, followed by a dot or the end', () => {
    assert.equal(normalizeMediaFilename('CON'), 'CON_');
    assert.equal(normalizeMediaFilename('con.jpg'), 'con_.jpg');
    assert.equal(normalizeMediaFilename('Lpt9.txt'), 'Lpt9_.txt');
    assert.equal(normalizeMediaFilename('aux'), 'aux_');
    assert.equal(normalizeMediaFilename('nul.tar.gz'), 'nul_.tar.gz');
    assert.equal(normalizeMediaFilename('prn.'), 'prn_._');
    for (const kept of ['COM10.txt', 'COM0', 'console.txt', 'xcon.jpg', 'LPT.txt', 'con_.jpg']) {
      assert.equal(normalizeMediaFilename(kept), kept);
    }
    // Removal happens first, so it can create a device name.
    assert.equal(normalizeMediaFilename('C?ON.jpg'), 'CON_.jpg');
  });

  void it('appends _ to a trailing dot or space', () => {
    assert.equal(normalizeMediaFilename('test.'), 'test._');
    assert.equal(normalizeMediaFilename('test '), 'test _');
    assert.equal(normalizeMediaFilename('.'), '._');
    assert.equal(normalizeMediaFilename('..'), '.._');
  });

  void it('removes code points unassigned in Unicode 10 (Anki’s tables), even if assigned now', () => {
    assert.equal(normalizeMediaFilename('a\u0378b.txt'), 'ab.txt'); // never assigned
    assert.equal(normalizeMediaFilename('a\u{1f970}b.txt'), 'ab.txt'); // emoji from Unicode 11
    assert.equal(normalizeMediaFilename('a\u0560b.txt'), 'ab.txt'); // Armenian, Unicode 11
    assert.equal(normalizeMediaFilename('a\u{1f600}b.txt'), 'a\u{1f600}b.txt'); // Unicode 6.1
    assert.equal(normalizeMediaFilename('a\uffffb\ufdd0.txt'), 'ab.txt'); // noncharacters are Cn
    assert.equal(normalizeMediaFilename('a\ue000b.txt'), 'a\ue000b.txt'); // private use is assigned
    assert.equal(normalizeMediaFilename('a\ud800b.txt'), 'ab.txt'); // lone surrogate
  });

  void it('may produce an empty name (callers must refuse it)', () => {
    assert.equal(normalizeMediaFilename(''), '');
    assert.equal(normalizeMediaFilename('???'), '');
    assert.equal(normalizeMediaFilename('/'), '');
  });

  void it('truncates to 120 bytes keeping the extension (rslib vectors)', () => {
    const long = `${'x'.repeat(MAX_MEDIA_FILENAME_BYTES * 2)}.jpg`;
    assert.equal(normalizeMediaFilename(long), `${'x'.repeat(MAX_MEDIA_FILENAME_BYTES - 4 - 1)}.jpg`);
    assert.equal(normalizeMediaFilename('x'.repeat(119)), 'x'.repeat(119));
    assert.equal(normalizeMediaFilename('x'.repeat(120)), 'x'.repeat(120));
    assert.equal(normalizeMediaFilename('x'.repeat(121)), 'x'.repeat(118));
    assert.equal(normalizeMediaFilename(`${'x'.repeat(116)}.jpg`), `${'x'.repeat(116)}.jpg`);
  });

  void it('truncates a 300-character name', () => {
    const out = normalizeMediaFilename(`${'a'.repeat(300)}.jpeg`);
    // 120 - 4 ("jpeg") - 2 (dot and reserved `_`) = 114.
    assert.equal(out, `${'a'.repeat(114)}.jpeg`);
    assert.ok(bytes(out) <= MAX_MEDIA_FILENAME_BYTES);
  });

  void it('caps a long extension at 10 bytes when truncating', () => {
    const out = normalizeMediaFilename(`${'a'.repeat(150)}.verylongextension`);
    assert.equal(out, `${'a'.repeat(108)}.verylongex`);
    // Short names keep long extensions.
    assert.equal(normalizeMediaFilename('a.verylongextension'), 'a.verylongextension');
  });

  void it('truncates multibyte names on character boundaries', () => {
    // 2-byte é: stem budget 120 - 3 - 2 = 115 bytes → 57 characters.
    assert.equal(normalizeMediaFilename(`${'é'.repeat(100)}.jpg`), `${'é'.repeat(57)}.jpg`);
    // 3-byte CJK: 38 characters (114 bytes).
    assert.equal(normalizeMediaFilename(`${'日'.repeat(50)}.png`), `${'日'.repeat(38)}.png`);
    // 4-byte emoji: 28 characters (112 bytes).
    assert.equal(normalizeMediaFilename(`${'😀'.repeat(40)}.gif`), `${'😀'.repeat(28)}.gif`);
    // Extension cut inside multibyte text: 10 bytes → 5 × é.
    assert.equal(normalizeMediaFilename(`${'a'.repeat(130)}.${'é'.repeat(7)}`), `${'a'.repeat(108)}.${'é'.repeat(5)}`);
    for (const s of [`${'é'.repeat(100)}.jpg`, '日'.repeat(50), '😀'.repeat(40)]) {
      const out = normalizeMediaFilename(s);
      assert.ok(bytes(out) <= MAX_MEDIA_FILENAME_BYTES);
      assert.ok(!out.includes('\ufffd'));
    }
  });

  void it('appends _ when truncation leaves a trailing space or dot', () => {
    // No dot, so the whole name is stem, cut to 118 bytes: it then ends with the space.
    assert.equal(normalizeMediaFilename(`${'a'.repeat(117)} ${'b'.repeat(10)}`), `${'a'.repeat(117)} _`);
    assert.equal(normalizeMediaFilename(' '.repeat(121)), `${' '.repeat(118)}_`);
  });

  void it('gives names that are normalised', () => {
    const inputs = ['con.jpg[]', 'test.', 'a\u00a0', `${'é'.repeat(100)}.jpg`, 'x'.repeat(300), 'LPT1', 'caf\u0065\u0301'];
    for (const input of inputs) assert.ok(isNormalizedMediaFilename(normalizeMediaFilename(input)), input);
  });
});

void describe('isNormalizedMediaFilename', () => {
  void it('accepts unchanged names and rejects the rest, and the empty name', () => {
    assert.equal(isNormalizedMediaFilename('foo.jpg'), true);
    assert.equal(isNormalizedMediaFilename('con_.jpg'), true);
    assert.equal(isNormalizedMediaFilename('con.jpg'), false);
    assert.equal(isNormalizedMediaFilename('a:b.jpg'), false);
    assert.equal(isNormalizedMediaFilename('x'.repeat(121)), false);
    assert.equal(isNormalizedMediaFilename(''), false);
  });
});

void describe('hashSuffixedName', () => {
  void it('passes the rslib vectors', () => {
    assert.equal(hashSuffixedName('test.jpg', sha1Hex(Buffer.from('hello'))), 'test-aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d.jpg');
    assert.equal(hashSuffixedName('test.mp3', sha1Hex(Buffer.from('hello1'))), 'test-88fdd585121a4ccb3d1540527aee53a77c77abb8.mp3');
  });

  void it('lower-cases the digest and rejects anything that is not 40 hex digits', () => {
    assert.equal(hashSuffixedName('a.b', 'AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D'), 'a-aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d.b');
    assert.throws(() => hashSuffixedName('a.b', 'xyz'), RangeError);
    assert.throws(() => hashSuffixedName('a.b', `${'a'.repeat(40)}/`), RangeError);
  });

  void it('shortens the stem so that the whole name fits 120 bytes', () => {
    const hash = sha1Hex(Buffer.from('x'));
    const out = hashSuffixedName(`${'x'.repeat(115)}.jpg`, hash);
    // Budget 120 - 41 = 79, minus ".jpg" and the reserved byte → 74.
    assert.equal(out, `${'x'.repeat(74)}-${hash}.jpg`);
    assert.ok(bytes(out) <= MAX_MEDIA_FILENAME_BYTES);
    const multi = hashSuffixedName(`${'日'.repeat(60)}.${'é'.repeat(8)}`, hash);
    // Extension cut to 10 bytes (5 × é); stem budget 79 - 10 - 2 = 67 bytes → 22 × 日.
    assert.equal(multi, `${'日'.repeat(22)}-${hash}.${'é'.repeat(5)}`);
    assert.ok(isNormalizedMediaFilename(multi));
  });

  void it('leaves out the dot when there is no extension (deviation from Anki)', () => {
    const hash = sha1Hex(Buffer.from('hello'));
    assert.equal(hashSuffixedName('foo', hash), `foo-${hash}`);
    assert.ok(isNormalizedMediaFilename(hashSuffixedName('foo', hash)));
    assert.equal(hashSuffixedName('.hidden', hash), `-${hash}.hidden`);
  });
});

void describe('mediaBasename and retrievalFilename', () => {
  void it('take what follows the last slash, like posixpath.basename', () => {
    assert.equal(mediaBasename('a/b/c.jpg'), 'c.jpg');
    assert.equal(mediaBasename('/etc/passwd'), 'passwd');
    assert.equal(mediaBasename('dir/'), '');
    assert.equal(mediaBasename('a\\b.jpg'), 'a\\b.jpg');
  });

  void it('reduce a retrieval name as Anki-Connect does', () => {
    assert.equal(retrievalFilename('../../etc/passwd'), 'passwd');
    assert.equal(retrievalFilename('..\\..\\x.txt'), '....x.txt');
    assert.equal(retrievalFilename('caf\u0065\u0301.jpg'), 'caf\u00e9.jpg');
    assert.equal(retrievalFilename('a[b]c<>:"?*^|\r\n\0.txt'), 'abc.txt');
    // Only stripping: no device names, trailing dot, other controls or truncation rules.
    assert.equal(retrievalFilename('con.jpg'), 'con.jpg');
    assert.equal(retrievalFilename('a\tb.'), 'a\tb.');
  });
});

void describe('Unicode 10 assigned table', () => {
  void it('is made of ascending, disjoint ranges', () => {
    assert.equal(UNICODE10_ASSIGNED_RANGES.length % 2, 0);
    let previousEnd = -2;
    for (let i = 0; i < UNICODE10_ASSIGNED_RANGES.length; i += 2) {
      const start = UNICODE10_ASSIGNED_RANGES[i]!;
      const end = UNICODE10_ASSIGNED_RANGES[i + 1]!;
      assert.ok(start > previousEnd + 1 && end >= start, `range ${i / 2}`);
      previousEnd = end;
    }
  });

  void it('agrees with the runtime: everything Unicode 10 assigned is still assigned', () => {
    const unassignedNow = /^\p{Cn}$/u;
    let assigned = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (!isAssignedInUnicode10(cp)) continue;
      assigned++;
      if (unassignedNow.test(String.fromCodePoint(cp))) assert.fail(`U+${cp.toString(16)} listed but unassigned now`);
    }
    // Unicode 10.0's own count: 136,690 graphic and format characters, 65 controls and
    // 137,468 private-use code points (surrogates skipped above).
    assert.equal(assigned, 136_690 + 65 + 137_468);
  });
});
