import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractLatex, latexFilename } from './latex.js';

void describe('extractLatex', () => {
  void it("turns a [latex] block into an image link (Anki's vector)", () => {
    const fname = 'latex-ef30b3f4141c33a5bf7044b0d1961d3399c05d50.png';
    assert.deepEqual(extractLatex('a[latex]one<br>and<div>two[/latex]b', false), {
      text: `a<img class=latex alt="one&#x0A;and&#x0A;two" src="${fname}">b`,
      latex: [{ filename: fname, latex: 'one\nand\ntwo' }],
    });
  });

  void it('wraps [$] in $…$ and [$$] in displaymath, decoding entities', () => {
    assert.deepEqual(extractLatex('[$]<b>hello</b>&nbsp; world[/$]', true).latex, [
      { filename: 'latex-060219fbf3ddb74306abddaf4504276ad793b029.svg', latex: '$hello  world$' },
    ]);
    assert.deepEqual(extractLatex('[$$]math &amp; stuff[/$$]', false).latex, [
      { filename: 'latex-8899f3f849ffdef6e4e9f2f34a923a1f608ebc07.png', latex: '\\begin{displaymath}math & stuff\\end{displaymath}' },
    ]);
  });

  void it('is case-insensitive, spans lines and handles several blocks', () => {
    const out = extractLatex('[LaTeX]x\ny[/LATEX] and [$]z[/$]', false);
    assert.deepEqual(
      out.latex.map((entry) => entry.latex),
      ['x\ny', '$z$'],
    );
    assert.equal(
      out.text,
      `<img class=latex alt="x&#x0A;y" src="${latexFilename('x\ny', false)}"> and <img class=latex alt="&#x24;z&#x24;" src="${latexFilename('$z$', false)}">`,
    );
  });

  void it('leaves empty blocks and text without LaTeX alone', () => {
    assert.deepEqual(extractLatex('[latex][/latex] [$][/$] plain', false), { text: '[latex][/latex] [$][/$] plain', latex: [] });
  });

  void it('turns only <br>, <br/> and <div> into newlines', () => {
    assert.deepEqual(
      extractLatex('[latex]a<BR>b<br/>c<br />d</div>e[/latex]', false).latex.map((entry) => entry.latex),
      ['a\nb\ncde'],
    );
  });
});

void describe('extractLatex against the regex it implements', () => {
  // Anki's pattern (case-insensitive, `.` across lines); fine as a reference on short text.
  const LATEX = /\[latex\](.+?)\[\/latex\]|\[\$\](.+?)\[\/\$\]|\[\$\$\](.+?)\[\/\$\$\]/gis;
  const reference = (text: string): string =>
    text.replace(LATEX, (_m, a: string | undefined, b: string | undefined, c: string | undefined) =>
      `{${a !== undefined ? `L:${a}` : b !== undefined ? `I:${b}` : `D:${c ?? ''}`}}`,
    );
  const scanned = (text: string): string => {
    const { text: out, latex } = extractLatex(text, false);
    let k = 0;
    // Each image is replaced by the block kind and body it came from, recovered from the LaTeX.
    return out.replace(/<img class=latex alt="[^"]*" src="[^"]*">/g, () => {
      const source = latex[k++]?.latex ?? '';
      if (source.startsWith('\\begin{displaymath}')) return `{D:${source.slice(19, -17)}}`;
      if (source.startsWith('$') && source.endsWith('$') && source.length >= 2) return `{I:${source.slice(1, -1)}}`;
      return `{L:${source}}`;
    });
  };

  void it('agrees on many random strings', () => {
    const pieces = ['[latex]', '[/latex]', '[LaTeX]', '[/LATEX]', '[$]', '[/$]', '[$$]', '[/$$]', 'x', '\n', '[', ']', '$'];
    let seed = 99;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = next(10);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)] ?? '';
      const expected = reference(text);
      // Bodies that look like another kind's wrapping cannot be told apart after the fact.
      if (/\{L:\$|\{L:\\begin/.test(expected)) continue;
      assert.equal(scanned(text), expected, JSON.stringify(text));
    }
  });

  void it('handles many unclosed tags', () => {
    const text = `${'[latex]'.repeat(30_000)}[$]x[/$]`;
    assert.equal(extractLatex(text, false).latex.length, 1);
  });
});
