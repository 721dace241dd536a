/**
 * LaTeX in rendered card text (anki-semantics.md §2.8 step 4, rslib `latex.rs`): `[latex]…[/latex]`,
 * `[$]…[/$]` and `[$$]…[/$$]` become `<img class=latex>` links to images named after the SHA-1 of
 * the LaTeX source. Only the links are produced; no image is compiled.
 */
import { createHash } from 'node:crypto';
import { stripHtml } from '../text/html.js';
import { encodeAttribute } from './html-escape.js';
import { NextIndex } from './next-index.js';

/** One LaTeX block found in the text: the image file name and the LaTeX it shows. */
export interface ExtractedLatex {
  readonly filename: string;
  readonly latex: string;
}

// Anki writes `<br( /)?>` in a verbose-mode regex, where the space does not count: `<br>` and
// `<br/>` match, `<br />` does not (it is stripped later like any tag, leaving no newline).
const LATEX_NEWLINES = /<br\/?>|<div>/gi;

/** The LaTeX source of a block: `<br>` and `<div>` become newlines, then HTML is stripped. */
function latexSource(html: string): string {
  return stripHtml(html.replace(LATEX_NEWLINES, '\n'));
}

/** `latex-<sha1 hex>.png`, or `.svg` when the note type renders LaTeX as SVG. */
export function latexFilename(latex: string, svg: boolean): string {
  const sha1 = createHash('sha1').update(latex, 'utf8').digest('hex');
  return `latex-${sha1}.${svg ? 'svg' : 'png'}`;
}

/** A cheap test that rules out most text: every block starts with `[latex]`, `[$]` or `[$$]`. */
const MAY_HOLD_LATEX = /\[(?:latex\]|\$)/i;

/** The three block kinds, in the order Anki's regex tries them at one position. */
const BLOCKS = [
  { open: '[latex]', close: '[/latex]', wrap: (body: string): string => body },
  { open: '[$]', close: '[/$]', wrap: (body: string): string => `$${body}$` },
  { open: '[$$]', close: '[/$$]', wrap: (body: string): string => `\\begin{displaymath}${body}\\end{displaymath}` },
] as const;

/**
 * Replaces each LaTeX block with `<img class=latex alt="…" src="latex-….png">`. `[$]x[/$]` is the
 * LaTeX `$x$`, `[$$]x[/$$]` is `\begin{displaymath}x\end{displaymath}`. The alt text is the LaTeX
 * source, attribute-encoded. Blocks are found as Anki's regex finds them: tags in any case, the
 * body non-empty and as short as possible, across lines; scanned rather than matched with a
 * regex, which would take quadratic time on many unclosed tags.
 */
export function extractLatex(text: string, svg: boolean): { text: string; latex: ExtractedLatex[] } {
  const found: ExtractedLatex[] = [];
  if (!MAY_HOLD_LATEX.test(text)) return { text, latex: found };
  // Only ASCII letters matter for the tags, and lowering them keeps every index in place.
  const lower = text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const brackets = new NextIndex(lower, '[');
  const closers = BLOCKS.map((block) => new NextIndex(lower, block.close));
  let out = '';
  let copied = 0;
  let pos = brackets.from(0);
  while (pos !== -1) {
    let end = -1;
    for (const [kind, block] of BLOCKS.entries()) {
      if (!lower.startsWith(block.open, pos)) continue;
      const bodyStart = pos + block.open.length;
      const close = closers[kind]?.from(bodyStart + 1) ?? -1;
      if (close === -1) continue;
      const latex = latexSource(block.wrap(text.slice(bodyStart, close)));
      const filename = latexFilename(latex, svg);
      found.push({ filename, latex });
      out += `${text.slice(copied, pos)}<img class=latex alt="${encodeAttribute(latex)}" src="${filename}">`;
      end = close + block.close.length;
      copied = end;
      break;
    }
    pos = brackets.from(end === -1 ? pos + 1 : end);
  }
  return { text: copied === 0 ? text : out + text.slice(copied), latex: found };
}
