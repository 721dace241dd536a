import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeEntities,
  stripHtml,
  stripHtmlPreservingEntities,
  stripHtmlPreservingMediaFilenames,
} from './html.js';

void describe('stripHtml', () => {
  void it('passes plain text through untouched', () => {
    assert.equal(stripHtml('test'), 'test');
    assert.equal(stripHtml(''), '');
  });

  void it('removes tags, whatever their case', () => {
    assert.equal(stripHtml('t<b>e</b>st'), 'test');
    assert.equal(stripHtml('<B>x</B><BR/>y<Div Class="a">z</DIV>'), 'xyz');
  });

  void it('removes script and style elements with their content (Anki test vector)', () => {
    assert.equal(stripHtml('so<SCRIPT>t<b>e</b>st</script>me'), 'some');
    assert.equal(stripHtml('<style>p { color: red }</style>text'), 'text');
    assert.equal(stripHtml("a<STYLE type='text/css'>\nb\n</Style>c"), 'ac');
  });

  void it('matches element names with Unicode case folding, as Rust regex (?i) does', () => {
    // U+017F LATIN SMALL LETTER LONG S folds to "s".
    assert.equal(stripHtml('a<\u017fcript>b</script>c'), 'ac');
  });

  void it('falls back to removing the opening tag alone when a style is never closed', () => {
    assert.equal(stripHtml('<style>a'), 'a');
    assert.equal(stripHtml('<script src=x.js>b'), 'b');
  });

  void it('removes comments first, including tags and > inside them', () => {
    assert.equal(stripHtml('a<!-- <b>x</b> -->b'), 'ab');
    assert.equal(stripHtml('a<!-- x > y -->b'), 'ab');
    assert.equal(stripHtml('a<!--\nmulti\nline\n-->b'), 'ab');
  });

  void it('removes tags spanning lines', () => {
    assert.equal(stripHtml('<div\nclass="x">a</div>'), 'a');
  });

  void it('leaves a < without a later > alone', () => {
    assert.equal(stripHtml('a < b'), 'a < b');
    assert.equal(stripHtml('1 < 2 and 3 > 2'), '1  2');
  });

  void it('keeps sound tags and does not trim', () => {
    assert.equal(stripHtml('<b>[sound:x.mp3]</b>'), '[sound:x.mp3]');
    assert.equal(stripHtml('  <i>x</i>  '), '  x  ');
  });

  void it('decodes entities after removing tags, so encoded markup survives as text', () => {
    assert.equal(stripHtml('&lt;b&gt;bold&lt;/b&gt;'), '<b>bold</b>');
    assert.equal(stripHtml('<i>a&nbsp;b</i>'), 'a b');
    assert.equal(stripHtml('&amp;lt;'), '&lt;');
  });

  void it('keeps everything encoded when one entity is malformed', () => {
    assert.equal(stripHtml('<b>Tom & Jerry</b> &amp; co'), 'Tom & Jerry &amp; co');
  });
});

void describe('stripHtmlPreservingEntities', () => {
  void it('strips markup but keeps entities', () => {
    assert.equal(stripHtmlPreservingEntities('<b>a&amp;b</b>&nbsp;'), 'a&amp;b&nbsp;');
  });
});

void describe('decodeEntities', () => {
  void it('returns text without & unchanged, literal NBSP included', () => {
    assert.equal(decodeEntities('a\u00a0b'), 'a\u00a0b');
  });

  void it('decodes the HTML 4 named entities', () => {
    assert.equal(decodeEntities('&lt;&gt;&amp;&quot;'), '<>&"');
    assert.equal(decodeEntities('&eacute;&Eacute;&euro;&hellip;&mdash;'), 'éÉ€…—');
    assert.equal(decodeEntities('&thetasym;&upsih;&alefsym;'), '\u03d1\u03d2\u2135');
    // HTML 4 values, not HTML5's U+27E8/U+27E9.
    assert.equal(decodeEntities('&lang;&rang;'), '\u2329\u232a');
  });

  void it('turns NBSP into a plain space, decoded or literal, once decoding succeeds', () => {
    assert.equal(decodeEntities('&nbsp;'), ' ');
    assert.equal(decodeEntities('a\u00a0b&amp;'), 'a b&');
    assert.equal(decodeEntities('&#160;&#xa0;'), '  ');
  });

  void it('decodes only one level', () => {
    assert.equal(decodeEntities('&amp;lt;'), '&lt;');
    assert.equal(decodeEntities('&amp;amp;'), '&amp;');
  });

  void it('decodes decimal and hexadecimal references', () => {
    assert.equal(decodeEntities('&#65;&#x42;&#x6a;&#x6A;'), 'ABjj');
    assert.equal(decodeEntities('&#0000000000065;'), 'A');
    assert.equal(decodeEntities('&#128512;&#x1F600;'), '\u{1f600}\u{1f600}');
    assert.equal(decodeEntities('&#1114111;'), '\u{10ffff}');
    assert.equal(decodeEntities('&#0;'), '\u0000');
  });

  void it('keeps the whole text when any entity is unknown', () => {
    assert.equal(decodeEntities('a&nbsp;&foo;'), 'a&nbsp;&foo;');
    // HTML5-only names are unknown to the HTML 4 table.
    assert.equal(decodeEntities('&apos;&amp;'), '&apos;&amp;');
    assert.equal(decodeEntities('&hyphen;'), '&hyphen;');
    // Names are case-sensitive.
    assert.equal(decodeEntities('&AMP;'), '&AMP;');
    // Object.prototype names must not resolve.
    assert.equal(decodeEntities('&constructor;'), '&constructor;');
  });

  void it('keeps the whole text on a bare & or a missing ;', () => {
    assert.equal(decodeEntities('Tom & Jerry &amp; co'), 'Tom & Jerry &amp; co');
    assert.equal(decodeEntities('&amp'), '&amp');
    assert.equal(decodeEntities('&amp &lt;'), '&amp &lt;');
    assert.equal(decodeEntities('a&'), 'a&');
    assert.equal(decodeEntities('&;'), '&;');
    assert.equal(decodeEntities('&&amp;'), '&&amp;');
    assert.equal(decodeEntities('&nbsp;\u00a0&'), '&nbsp;\u00a0&');
  });

  void it('keeps the whole text on a malformed numeric reference', () => {
    assert.equal(decodeEntities('&#;'), '&#;');
    assert.equal(decodeEntities('&#x;'), '&#x;');
    assert.equal(decodeEntities('&#X41;'), '&#X41;'); // only a lower-case x
    assert.equal(decodeEntities('&#12a;'), '&#12a;');
    assert.equal(decodeEntities('&#xfoo;'), '&#xfoo;');
    assert.equal(decodeEntities('&#65'), '&#65');
    assert.equal(decodeEntities('&#-1;'), '&#-1;');
  });

  void it('keeps the whole text when a reference is not a Unicode scalar value', () => {
    assert.equal(decodeEntities('&#xD800;'), '&#xD800;');
    assert.equal(decodeEntities('&#57343;'), '&#57343;');
    assert.equal(decodeEntities('&#x110000;'), '&#x110000;');
    assert.equal(decodeEntities('&#99999999999999999999;'), '&#99999999999999999999;');
  });
});

void describe('stripHtmlPreservingMediaFilenames', () => {
  void it('follows the Anki test vectors', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<img src=foo.jpg>'), ' foo.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames("<img src='foo.jpg'><html>"), ' foo.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<html>'), '');
  });

  void it('handles upper case and quoted names with spaces', () => {
    assert.equal(stripHtmlPreservingMediaFilenames("<IMG SRC='a b.jpg'>"), ' a b.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<Img Src="a b.jpg">'), ' a b.jpg ');
  });

  void it('finds the attribute among others, quoted or not', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<img alt="x" src="a.jpg" width=3>'), ' a.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<img src=a.jpg width=3>'), ' a.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<img class=big src=a.jpg>'), ' a.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<div><img src="a.png"/></div>'), ' a.png ');
  });

  void it('covers audio, video, object and source elements', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<audio controls src="x.mp3"></audio>'), ' x.mp3 ');
    assert.equal(stripHtmlPreservingMediaFilenames('<object data="f.svg"></object>'), ' f.svg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<video><source src="v.mp4"></video>'), ' v.mp4 ');
  });

  void it('uses word boundaries around the element and attribute names', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<img data-src="lazy.jpg">'), ' lazy.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('<img xsrc="no.jpg">'), '');
    assert.equal(stripHtmlPreservingMediaFilenames('<imgx src="no.jpg">'), '');
    assert.equal(stripHtmlPreservingMediaFilenames('<imgé src="no.jpg">'), '');
  });

  void it('steps over > inside a quoted attribute before the source', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<img alt="a>b" src="c.jpg">'), ' c.jpg ');
  });

  void it('keeps surrounding text and decodes entities afterwards', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('a<img src=x.jpg>b'), 'a x.jpg b');
    assert.equal(stripHtmlPreservingMediaFilenames('<img src="a&amp;b.jpg">'), ' a&b.jpg ');
    assert.equal(stripHtmlPreservingMediaFilenames('a&amp;b'), 'a&b');
    assert.equal(stripHtmlPreservingMediaFilenames('[sound:x.mp3]'), '[sound:x.mp3]');
  });

  void it('reproduces the quirks of the unquoted form', () => {
    // An empty quoted value is read as the unquoted value `""`.
    assert.equal(stripHtmlPreservingMediaFilenames('<img src="">'), ' "" ');
    // Only a space ends an unquoted value; tabs and newlines belong to it.
    assert.equal(stripHtmlPreservingMediaFilenames('<img src=a.jpg\nalt=x>'), ' a.jpg\nalt=x ');
    // A leading space is part of the value (Rust's verbose mode ignores the space in [^ >]).
    assert.equal(stripHtmlPreservingMediaFilenames('<img src= a.jpg>'), '  a.jpg ');
  });

  void it('keeps remote URLs and leaves unterminated tags alone', () => {
    assert.equal(stripHtmlPreservingMediaFilenames('<img src=http://x/y.png>'), ' http://x/y.png ');
    assert.equal(stripHtmlPreservingMediaFilenames('<img src="x.jpg"'), '<img src="x.jpg"');
  });

  void it('replaces several tags in one field', () => {
    assert.equal(
      stripHtmlPreservingMediaFilenames('<b>A</b><img src="1.jpg"><br><img src=\'2.jpg\'>B'),
      'A 1.jpg  2.jpg B',
    );
  });
});

// The regex Anki uses, run by JavaScript's engine: the reference for the linear scanner.
const ANKI_HTML_REGEX = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gisu;

void describe('the linear HTML scanner', () => {
  void it('removes exactly what Anki’s regex removes, on random markup', () => {
    const pieces = ['<', '>', '<!--', '-->', '<style>', '</style>', '<STYLE a>', '</Style>', '<script>', '</script>', '<ſcript>', '</ſtyle>', 'x', ' ', '\n', '<b>', '</b>', '<img src="a.jpg">', '-', '!', '/', 'style', 'script', 'é'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let html = '';
      const length = 1 + next(14);
      for (let j = 0; j < length; j++) html += pieces[next(pieces.length)] ?? '';
      assert.equal(stripHtmlPreservingEntities(html), html.replace(ANKI_HTML_REGEX, ''), JSON.stringify(html));
    }
  });

  void it('handles many "<" without ">" (the regex would take quadratic time)', () => {
    assert.equal(stripHtmlPreservingEntities('a<'.repeat(50_000)), 'a<'.repeat(50_000));
    assert.equal(stripHtmlPreservingEntities(`${'<!--'.repeat(20_000)}x>`), '');
    assert.equal(stripHtmlPreservingEntities('<style>'.repeat(20_000)), '');
  });
});
