import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonifyTags,
  joinTagsForStorage,
  normalizeTagName,
  parentTagName,
  splitStoredTags,
  splitTags,
} from './tags.js';

void describe('splitTags', () => {
  void it('splits on spaces and U+3000 and drops empty pieces', () => {
    assert.deepEqual(splitTags('a b\u3000c  d '), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitTags(''), []);
    assert.deepEqual(splitTags('  \u3000 '), []);
    assert.deepEqual(splitTags('single'), ['single']);
  });

  void it('does not split on other whitespace', () => {
    assert.deepEqual(splitTags('a\tb c\u00a0d'), ['a\tb', 'c\u00a0d']);
  });
});

void describe('splitStoredTags / joinTagsForStorage', () => {
  void it('reads the notes.tags form', () => {
    assert.deepEqual(splitStoredTags(' a b::c '), ['a', 'b::c']);
    assert.deepEqual(splitStoredTags(''), []);
  });

  void it('writes a leading and trailing space, or nothing', () => {
    assert.equal(joinTagsForStorage(['a', 'b::c']), ' a b::c ');
    assert.equal(joinTagsForStorage(['foo']), ' foo ');
    assert.equal(joinTagsForStorage([]), '');
  });

  void it('round-trips', () => {
    const tags = ['x', 'y::z', '日本'];
    assert.deepEqual(splitStoredTags(joinTagsForStorage(tags)), tags);
  });
});

void describe('normalizeTagName', () => {
  void it('NFC-normalises each component', () => {
    assert.equal(normalizeTagName('\u{fa47}'), '\u{6f22}');
    assert.equal(normalizeTagName('cafe\u0301::x'), 'caf\u00e9::x');
  });

  void it('turns empty components into blank', () => {
    assert.equal(normalizeTagName('foo::'), 'foo::blank');
    assert.equal(normalizeTagName('::foo'), 'blank::foo');
    assert.equal(normalizeTagName('::'), 'blank::blank');
    assert.equal(normalizeTagName('a::::b'), 'a::blank::b');
    assert.equal(normalizeTagName(''), 'blank');
  });

  void it('splits on :: from the left, keeping a lone colon', () => {
    assert.equal(normalizeTagName('a:::b'), 'a:::b');
    assert.equal(normalizeTagName('a:b'), 'a:b');
  });

  void it('removes control characters and separators, including tab and newline', () => {
    assert.equal(normalizeTagName('a\u0001b\tc\nd\u007f'), 'abcd');
    assert.equal(normalizeTagName('a:: b ::c'), 'a::b::c');
    assert.equal(normalizeTagName('a\u3000b'), 'ab');
    assert.equal(normalizeTagName('x::\u0000'), 'x::blank');
  });

  void it('trims Unicode whitespace as Rust does, not as String.prototype.trim does', () => {
    assert.equal(normalizeTagName('\u00a0x\u2003'), 'x');
    assert.equal(normalizeTagName('\u0085x'), 'x'); // White_Space, JS trim keeps it
    assert.equal(normalizeTagName('\ufeffx'), '\ufeffx'); // not White_Space, JS trim drops it
    assert.equal(normalizeTagName('a\u00a0b'), 'a\u00a0b'); // inside: kept
    assert.equal(normalizeTagName('p::\u2003'), 'p::blank');
  });

  void it('keeps quotes, case and other punctuation', () => {
    assert.equal(normalizeTagName('say"hi"'), 'say"hi"');
    assert.equal(normalizeTagName("it's"), "it's");
    assert.equal(normalizeTagName('Parent::Child_*'), 'Parent::Child_*');
  });

  void it('normalises before removing controls, as Anki does', () => {
    // The NUL blocks composition, and nothing recomposes after it is removed.
    assert.equal(normalizeTagName('e\u0000\u0301'), 'e\u0301');
  });
});

void describe('parentTagName', () => {
  void it('cuts at the last ::', () => {
    assert.equal(parentTagName('a::b::c'), 'a::b');
    assert.equal(parentTagName('a::b'), 'a');
    assert.equal(parentTagName('a'), undefined);
  });
});

void describe('canonifyTags', () => {
  void it('keeps the first spelling of case-insensitive duplicates (Anki test)', () => {
    assert.deepEqual(canonifyTags(['foo', 'FOO']), ['foo']);
    assert.deepEqual(canonifyTags(['Straße', 'STRASSE']), ['Straße']);
  });

  void it('splits entries that contain spaces (Anki test)', () => {
    assert.deepEqual(canonifyTags(['one two']), ['one', 'two']);
  });

  void it('handles blanks (Anki test)', () => {
    assert.deepEqual(canonifyTags(['', 'foo', ' ', '::', 'foo::']), ['blank::blank', 'foo', 'foo::blank']);
  });

  void it('normalises to NFC (Anki test)', () => {
    assert.deepEqual(canonifyTags(['\u{fa47}']), ['\u{6f22}']);
  });

  void it('sorts case-insensitively', () => {
    assert.deepEqual(canonifyTags(['b', 'A', 'c', 'a::B', 'a']), ['A', 'a::B', 'b', 'c']);
  });

  void it('applies the registry spelling before de-duplicating', () => {
    const registry = new Map([['foo', 'Foo'], ['bar::baz', 'Bar::Baz']]);
    const resolve = (name: string): string => registry.get(name.toLowerCase()) ?? name;
    assert.deepEqual(canonifyTags(['FOO', 'foo', 'bar::BAZ', 'new']), ['bar::BAZ', 'FOO', 'new']);
    assert.deepEqual(canonifyTags(['FOO', 'foo', 'bar::BAZ', 'new'], resolve), ['Bar::Baz', 'Foo', 'new']);
  });

  void it('returns an empty list for no tags', () => {
    assert.deepEqual(canonifyTags([]), []);
    assert.deepEqual(canonifyTags(['  ']), []);
  });
});
