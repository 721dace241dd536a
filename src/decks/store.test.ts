import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { assertIntegrity, newTestCollection } from '../../test/support/collections.js';
import type { Collection } from '../collection/collection.js';
import { deckConfigId } from './deck.js';
import { humanDeckName, nativeDeckName } from './names.js';

test('deck names are normalised like Anki’s: NFC, trimmed, blank components, no control characters or quotes', () => {
  assert.equal(nativeDeckName('A::B'), 'A\x1fB');
  assert.equal(nativeDeckName('  a  ::  b '), 'a\x1fb');
  assert.equal(nativeDeckName('a::::b'), 'a\x1fblank\x1fb');
  assert.equal(nativeDeckName('::'), 'blank\x1fblank');
  assert.equal(nativeDeckName('fo\x1fo::ba\nr'), 'foo\x1fbar');
  assert.equal(nativeDeckName('say "hi"'), 'say hi');
  assert.equal(nativeDeckName('e\u0301'), '\u00e9');
  assert.equal(nativeDeckName('\u00a0x\u3000'), 'x', 'Unicode whitespace is trimmed');
  assert.equal(humanDeckName('a\x1fb'), 'a::b');
});

describe('creating decks', () => {
  let col: Collection;
  let close: () => void;
  beforeEach(() => ({ col, close } = newTestCollection()));
  afterEach(() => {
    assertIntegrity(col);
    close();
  });

  test('missing parents are created; an existing deck (any case) keeps its id', () => {
    const id = col.transact(() => col.decks.getOrCreate('Japanese::JLPT::N5'));
    assert.deepEqual(
      col.decks.namesAndIds().map((d) => d.name),
      ['Default', 'Japanese', 'Japanese::JLPT', 'Japanese::JLPT::N5'],
    );
    assert.equal(col.transact(() => col.decks.getOrCreate('japanese::jlpt::n5')), id);
  });

  test('a new child takes the spelling of an existing parent', () => {
    col.transact(() => col.decks.getOrCreate('Japanese'));
    col.transact(() => col.decks.getOrCreate('JAPANESE::Kanji'));
    assert.deepEqual(
      col.decks.namesAndIds().map((d) => d.name),
      ['Default', 'Japanese', 'Japanese::Kanji'],
    );
  });

  test('new decks are normal decks on preset 1, collapsed, stamped now with usn -1', () => {
    const id = col.transact(() => col.decks.getOrCreate('New'));
    const deck = col.decks.get(id);
    assert.ok(deck !== undefined);
    assert.equal(deckConfigId(deck), 1);
    assert.equal(deck.common.studyCollapsed, true);
    assert.equal(deck.common.browserCollapsed, true);
    assert.equal(deck.usn, -1);
    assert.equal(deck.mtimeSecs, col.nowSecs());
  });

  test('withChildren finds every descendant and nothing that merely shares a prefix', () => {
    const a = col.transact(() => col.decks.getOrCreate('A'));
    const ab = col.transact(() => col.decks.getOrCreate('A::B'));
    const abc = col.transact(() => col.decks.getOrCreate('A::B::C'));
    col.transact(() => col.decks.getOrCreate('AB'));
    col.transact(() => col.decks.getOrCreate('A B'));
    assert.deepEqual(col.decks.withChildren(a).sort(), [a, ab, abc].sort());
    assert.deepEqual(col.decks.withChildren(abc), [abc]);
  });
});
