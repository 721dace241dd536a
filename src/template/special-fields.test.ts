import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cardFieldMap, nonEmptyKeys, type CardFieldsInput } from './special-fields.js';

const BASE: CardFieldsInput = {
  fieldNames: ['Front', 'Back'],
  values: ['f', ''],
  tags: ['a', 'b::c'],
  notetypeName: 'Basic',
  deckName: 'Lang::Japanese::Vocab',
  flags: 3,
  templateName: 'Card 1',
  cardId: 1700000000123,
  cardOrd: 1,
};

void describe('cardFieldMap', () => {
  void it('holds the note fields, the special fields and cN', () => {
    assert.deepEqual(Object.fromEntries(cardFieldMap(BASE)), {
      Front: 'f',
      Back: '',
      Tags: 'a b::c',
      Type: 'Basic',
      Deck: 'Lang::Japanese::Vocab',
      Subdeck: 'Vocab',
      CardFlag: 'flag3',
      Card: 'Card 1',
      CardID: '1700000000123',
      c2: '1',
    });
  });

  void it('lets note fields win over special fields, even empty ones', () => {
    const map = cardFieldMap({ ...BASE, fieldNames: ['Deck', 'Tags', 'c2'], values: ['mine', '', 'x'] });
    assert.equal(map.get('Deck'), 'mine');
    assert.equal(map.get('Tags'), '');
    assert.equal(map.get('c2'), 'x');
    assert.equal(map.get('Subdeck'), 'Vocab');
  });

  void it('names a missing deck "(Deck)" and a top-level deck its own subdeck', () => {
    assert.equal(cardFieldMap({ ...BASE, deckName: null }).get('Deck'), '(Deck)');
    assert.equal(cardFieldMap({ ...BASE, deckName: null }).get('Subdeck'), '(Deck)');
    assert.equal(cardFieldMap({ ...BASE, deckName: 'Default' }).get('Subdeck'), 'Default');
  });

  void it('pairs values with names by ordinal, extra values under ""', () => {
    const map = cardFieldMap({ ...BASE, values: ['f', 'b', 'extra'] });
    assert.equal(map.get(''), 'extra');
    const short = cardFieldMap({ ...BASE, values: ['f'] });
    assert.equal(short.has('Back'), false);
  });
});

void describe('nonEmptyKeys', () => {
  void it('leaves out whitespace and <br>/<div>-only values', () => {
    const map = new Map([
      ['a', 'x'],
      ['b', ' <div><br /></div>\n'],
      ['c', ''],
      ['d', '&nbsp;'],
    ]);
    assert.deepEqual([...nonEmptyKeys(map)].sort(), ['a', 'd']);
  });
});
