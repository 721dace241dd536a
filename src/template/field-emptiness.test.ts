import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldIsEmpty, nonEmptyFieldNames, renderingNonEmptyFields } from './field-emptiness.js';

void describe('fieldIsEmpty', () => {
  void it('accepts whitespace and br/div tags only', () => {
    for (const value of ['', ' ', '\n\t\r\v\f', '<br>', '<BR>', '<br/>', '<br />', '</br>', '<div>', '</div>', '<div />', '<DiV></dIv>', ' <div> <br> </div>\n']) {
      assert.equal(fieldIsEmpty(value), true, JSON.stringify(value));
    }
  });

  void it('rejects anything else', () => {
    for (const value of ['x', ' <div>x</div>\n', '&nbsp;', '\u00a0', '\u3000', '<br  />', '<br/ >', '<p></p>', '<span></span>', '<div class=a>', '<img src=a.png>', '<br>0']) {
      assert.equal(fieldIsEmpty(value), false, JSON.stringify(value));
    }
  });

  void it('is fast on long whitespace with a trailing character', () => {
    const value = `${' <br>'.repeat(100_000)}x`;
    const started = performance.now();
    assert.equal(fieldIsEmpty(value), false);
    assert.ok(performance.now() - started < 1000);
  });
});

void describe('nonEmptyFieldNames', () => {
  void it('pairs names and values by ordinal', () => {
    assert.deepEqual(nonEmptyFieldNames(['Front', 'Back', 'Extra'], ['a', '<br>', 'c']), new Set(['Front', 'Extra']));
  });

  void it('ignores values without a name and names without a value', () => {
    assert.deepEqual(nonEmptyFieldNames(['Front'], ['a', 'b']), new Set(['Front']));
    assert.deepEqual(nonEmptyFieldNames(['Front', 'Back'], ['a']), new Set(['Front']));
  });
});

void describe('renderingNonEmptyFields', () => {
  void it('adds special fields, Tags when tagged, and cN for the card', () => {
    assert.deepEqual(
      renderingNonEmptyFields(['Front', 'Back'], ['x', ''], { hasTags: true, cardOrd: 1 }),
      new Set(['Front', 'Type', 'Deck', 'Subdeck', 'CardFlag', 'Card', 'CardID', 'Tags', 'c2']),
    );
  });

  void it('leaves out Tags without tags, and never adds FrontSide', () => {
    const keys = renderingNonEmptyFields(['Front'], ['x'], { hasTags: false, cardOrd: 0 });
    assert.equal(keys.has('Tags'), false);
    assert.equal(keys.has('FrontSide'), false);
    assert.equal(keys.has('c1'), true);
  });

  void it('lets a real field shadow a special key even when empty', () => {
    const keys = renderingNonEmptyFields(['Deck', 'Tags', 'c1'], ['', '', ''], { hasTags: true, cardOrd: 0 });
    assert.equal(keys.has('Deck'), false);
    assert.equal(keys.has('Tags'), false);
    assert.equal(keys.has('c1'), false);
  });
});
