import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hintFilter, hintId } from './hint.js';

void describe('hint filter', () => {
  void it('names the element after BLAKE3 of text and field name (the spec vector)', () => {
    assert.equal(hintId('foo', 'field'), '83fe48607f0f3a66');
  });

  void it("produces Anki's markup exactly", () => {
    assert.equal(
      hintFilter('foo', 'field'),
      '\n<a class=hint href="#"\n' +
        "onclick=\"this.style.display='none';\n" +
        "document.getElementById('hint83fe48607f0f3a66').style.display='block';\n" +
        'return false;" draggable=false>\n' +
        'field</a>\n' +
        '<div id="hint83fe48607f0f3a66" class=hint style="display: none">foo</div>\n',
    );
  });

  void it('keeps text that is blank after trimming as it is', () => {
    assert.equal(hintFilter('', 'field'), '');
    assert.equal(hintFilter(' \n\u3000', 'field'), ' \n\u3000');
  });

  void it('gives different fields different ids for the same text', () => {
    assert.notEqual(hintId('foo', 'a'), hintId('foo', 'b'));
    assert.match(hintId('日本語', 'Front'), /^[0-9a-f]{16}$/);
  });
});
