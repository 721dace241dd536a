import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripHtml } from '../text/html.js';
import { clozeFilter, clozeOnlyFilter, revealClozes, stripHtmlInsideMathJax } from './cloze-render.js';
import { encodeAttribute } from './html-escape.js';

const plain = (text: string, ordinal: number, question: boolean): string => stripHtml(revealClozes(text, ordinal, question));

void describe('revealClozes: simple deletions', () => {
  const text = '{{c1::one}} {{c2::two::hint}}';

  void it('hides the active deletion behind [...] and shows the others inactive', () => {
    assert.equal(
      revealClozes(text, 1, true),
      '<span class="cloze" data-cloze="one" data-ordinal="1">[...]</span> <span class="cloze-inactive" data-ordinal="2">two</span>',
    );
    assert.equal(plain(text, 2, true), 'one [hint]');
  });

  void it('shows the active deletion on the answer side', () => {
    assert.equal(
      revealClozes(text, 2, false),
      '<span class="cloze-inactive" data-ordinal="1">one</span> <span class="cloze" data-ordinal="2">two</span>',
    );
  });

  void it('gives "" when no deletion is active for the card', () => {
    assert.equal(revealClozes(text, 3, true), '');
    assert.equal(revealClozes('no clozes', 1, false), '');
    assert.equal(revealClozes('{{c1::unclosed', 1, true), '');
  });

  void it('attribute-encodes the hidden content and keeps the hint raw', () => {
    assert.equal(
      revealClozes('{{c1::a & b <i>c</i>::<b>hint</b>}}', 1, true),
      `<span class="cloze" data-cloze="a&#x20;&amp;&#x20;b&#x20;&lt;i&gt;c&lt;&#x2F;i&gt;" data-ordinal="1">[<b>hint</b>]</span>`,
    );
  });
});

void describe('revealClozes: nesting', () => {
  const text = 'foo {{c1::bar {{c2::baz}}::qux}}';
  const inner = '<span class="cloze-inactive" data-ordinal="2">baz</span>';

  void it('hides the outer deletion with the inner one rendered into data-cloze', () => {
    assert.equal(
      revealClozes(text, 1, true),
      `foo <span class="cloze" data-cloze="${encodeAttribute(`bar ${inner}`)}" data-ordinal="1">[qux]</span>`,
    );
    assert.equal(
      revealClozes(text, 1, true),
      'foo <span class="cloze" data-cloze="bar&#x20;&lt;span&#x20;class&#x3D;&quot;cloze&#x2D;inactive&quot;&#x20;' +
        'data&#x2D;ordinal&#x3D;&quot;2&quot;&gt;baz&lt;&#x2F;span&gt;" data-ordinal="1">[qux]</span>',
    );
  });

  void it('reveals the outer deletion with the inner one inactive', () => {
    assert.equal(revealClozes(text, 1, false), `foo <span class="cloze" data-ordinal="1">bar ${inner}</span>`);
  });

  void it('hides the inner deletion inside the inactive outer one', () => {
    assert.equal(
      revealClozes(text, 2, true),
      'foo <span class="cloze-inactive" data-ordinal="1">bar <span class="cloze" data-cloze="baz" data-ordinal="2">[...]</span></span>',
    );
    assert.equal(
      revealClozes(text, 2, false),
      'foo <span class="cloze-inactive" data-ordinal="1">bar <span class="cloze" data-ordinal="2">baz</span></span>',
    );
  });

  void it('handles a deletion nested in one with the same number', () => {
    assert.equal(plain('{{c1::outer {{c1::inner}}}}', 1, true), '[...]');
    assert.equal(plain('{{c1::outer {{c1::inner}}}}', 1, false), 'outer inner');
  });
});

void describe('revealClozes: several numbers', () => {
  const text = '{{c1,2::shared}} word and {{c1::first}} vs {{c2::second}}';

  void it('is active on each of its cards and lists all numbers in data-ordinal', () => {
    assert.equal(plain(text, 1, true), '[...] word and [...] vs second');
    assert.equal(plain(text, 2, true), '[...] word and first vs [...]');
    assert.equal(plain(text, 1, false), 'shared word and first vs second');
    assert.equal(
      revealClozes('{{c1,2,3::multi}}', 3, true),
      '<span class="cloze" data-cloze="multi" data-ordinal="1,2,3">[...]</span>',
    );
    assert.equal(revealClozes('{{c3,1::x}}', 2, true), '');
  });

  void it('uses the hint on every card of the deletion', () => {
    assert.equal(plain('{{c1,2::answer::hint}}', 2, true), '[hint]');
    assert.equal(plain('{{c1,2::answer::hint}}', 2, false), 'answer');
  });
});

void describe('revealClozes: image occlusion', () => {
  const shape = 'image-occlusion:rect:left=10.0:top=20:width=30:height=10';
  const data = 'data-shape="rect" data-left="10.0" data-top="20" data-width="30" data-height="10" ';

  void it('marks the active shape cloze on the question and cloze-highlight on the answer', () => {
    assert.equal(revealClozes(`{{c1::${shape}}}`, 1, true), `<div class="cloze" data-ordinal="1" ${data}></div>`);
    assert.equal(revealClozes(`{{c1::${shape}}}`, 1, false), `<div class="cloze-highlight" data-ordinal="1" ${data}></div>`);
  });

  void it('marks other shapes inactive, and shapes with ordinal 0 always cloze', () => {
    const text = `{{c1::${shape}}}{{c2::${shape}}}{{c0,2::${shape}}}`;
    assert.equal(
      revealClozes(text, 1, false),
      `<div class="cloze-highlight" data-ordinal="1" ${data}></div>` +
        `<div class="cloze-inactive" data-ordinal="2" ${data}></div>` +
        `<div class="cloze" data-ordinal="0,2" ${data}></div>`,
    );
  });

  void it('lists every number of a shared shape', () => {
    assert.equal(
      revealClozes('{{c1,2::image-occlusion:rect:left=10:top=20:width=30:height=40}}', 2, true),
      '<div class="cloze" data-ordinal="1,2" data-shape="rect" data-left="10" data-top="20" data-width="30" data-height="40" ></div>',
    );
  });

  void it('keeps the occlude-inactive mode', () => {
    assert.match(revealClozes(`{{c1::${shape}:oi=1}}`, 1, true), / data-occludeInactive="1" >/);
  });
});

void describe('cloze filter', () => {
  void it('strips tags inside MathJax but keeps entities', () => {
    assert.equal(stripHtmlInsideMathJax('\\(<foo>&lt;&gt;</foo>\\)'), '\\(&lt;&gt;\\)');
    assert.equal(
      clozeFilter('{{c1::x}} \\[<b>a</b>\\] <b>b</b>', 0, false),
      '<span class="cloze" data-ordinal="1">x</span> \\[a\\] <b>b</b>',
    );
  });

  void it('works on the card ordinal (number − 1)', () => {
    assert.equal(clozeFilter('{{c2::x}}', 1, true), '<span class="cloze" data-cloze="x" data-ordinal="2">[...]</span>');
    assert.equal(clozeFilter('{{c2::x}}', 0, true), '');
  });
});

void describe('cloze-only filter', () => {
  void it("lists the active deletions' hints on the question and texts on the answer", () => {
    assert.equal(clozeOnlyFilter('foo', 0, true), '');
    assert.equal(clozeOnlyFilter('foo {{c1::bar}}', 0, true), '...');
    assert.equal(clozeOnlyFilter('foo {{c1::bar::baz}}', 0, true), 'baz');
    assert.equal(clozeOnlyFilter('foo {{c1::bar}}', 0, false), 'bar');
    assert.equal(clozeOnlyFilter('foo {{c1::bar}}', 1, false), '');
    assert.equal(clozeOnlyFilter('{{c1::foo}} {{c1::bar}}', 0, false), 'foo, bar');
  });

  void it('takes nested and multi-number deletions into account', () => {
    const text = '{{c1,2::shared}} and {{c1::first}} vs {{c2::second}}';
    assert.equal(clozeOnlyFilter(text, 0, true), '..., ...');
    assert.equal(clozeOnlyFilter(text, 1, false), 'shared, second');
    assert.equal(clozeOnlyFilter('{{c1::a {{c1::b}} c}}', 0, false), 'a b c, b');
  });
});

void describe('stripHtmlInsideMathJax against the regex it implements', () => {
  const MATHJAX = /(\\[([])(.*?)(\\[)\]])/gs;
  const reference = (text: string): string =>
    text.replace(MATHJAX, (_m, open: string, inner: string, close: string) => `${open}${inner.replace(/<[^>]*>/g, '')}${close}`);

  void it('agrees on many random strings', () => {
    const pieces = ['\\', '(', ')', '[', ']', '<b>', '</b>', 'x', '\n', '\\(', '\\)'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = next(12);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)] ?? '';
      assert.equal(stripHtmlInsideMathJax(text), reference(text), JSON.stringify(text));
    }
  });

  void it('handles many unclosed openers', () => {
    const text = '\\('.repeat(50_000);
    assert.equal(stripHtmlInsideMathJax(text), text);
  });
});
