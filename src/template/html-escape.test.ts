import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAttribute, encodeMinimal } from './html-escape.js';

void describe('encodeMinimal', () => {
  void it('encodes the five minimal characters only', () => {
    assert.equal(encodeMinimal(`<a href="x">Tom's & Jerry</a>`), '&lt;a href=&quot;x&quot;&gt;Tom&#x27;s &amp; Jerry&lt;/a&gt;');
    assert.equal(encodeMinimal('{{Front}}: ü, 語, \n'), '{{Front}}: ü, 語, \n');
  });
});

void describe('encodeAttribute', () => {
  void it("matches the crate's documented example", () => {
    assert.equal(encodeAttribute('"No", he said.'), '&quot;No&quot;&#x2C;&#x20;he&#x20;said&#x2E;');
  });

  void it('keeps ASCII letters and digits and characters from U+0100 up', () => {
    assert.equal(encodeAttribute('abcXYZ019'), 'abcXYZ019');
    assert.equal(encodeAttribute('日本語Ω€'), '日本語Ω€');
  });

  void it('uses two upper-case hex digits for everything else below U+0100', () => {
    assert.equal(encodeAttribute('a b\nc\td'), 'a&#x20;b&#x0A;c&#x09;d');
    assert.equal(encodeAttribute('é\u00a0ÿ'), '&#xE9;&#xA0;&#xFF;');
    assert.equal(encodeAttribute("<'&>:"), '&lt;&#x27;&amp;&gt;&#x3A;');
    assert.equal(encodeAttribute(''), '');
  });
});
