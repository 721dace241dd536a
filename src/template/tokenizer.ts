/**
 * Splits a card template into text, comment and handlebar tokens (Anki's rules, see
 * anki-semantics.md §2.1). Linear time: each search resumes where the previous one stopped.
 */
import { trimRust, trimStartRust } from '../text/rust-whitespace.js';

/** One lexical unit of a template. */
export type TemplateToken =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'comment'; readonly text: string }
  /** The classified handlebar contents, e.g. `text:Front`. */
  | { readonly type: 'replacement'; readonly content: string }
  | { readonly type: 'open'; readonly key: string; readonly negated: boolean }
  | { readonly type: 'close'; readonly key: string };

/** Old templates may switch to `<% … %>` delimiters by starting with this directive. */
const ALT_SYNTAX_DIRECTIVE = '{{=<% %>=}}';
const COMMENT_START = '<!--';
const COMMENT_END = '-->';

/** Classifies the text between a handlebar's delimiters. */
export function classifyHandlebar(raw: string): TemplateToken {
  // `{{{Field}}}` is accepted: extra opening braces are dropped (the extra `}` stays as text).
  let start = 0;
  while (start < raw.length && raw.charCodeAt(start) === 0x7b /* { */) start++;
  const content = trimRust(start === 0 ? raw : raw.slice(start));
  if (content.length < 2) return { type: 'replacement', content };
  const sigil = content[0];
  if (sigil === '#') return { type: 'open', key: trimStartRust(content.slice(1)), negated: false };
  if (sigil === '/') return { type: 'close', key: trimStartRust(content.slice(1)) };
  if (sigil === '^') return { type: 'open', key: trimStartRust(content.slice(1)), negated: true };
  return { type: 'replacement', content };
}

/** Strips the legacy delimiter directive, returning the remaining text and the delimiters to use. */
function delimitersFor(template: string): { body: string; open: string; close: string } {
  const trimmed = trimStartRust(template);
  if (!trimmed.startsWith(ALT_SYNTAX_DIRECTIVE)) return { body: template, open: '{{', close: '}}' };
  // Anki strips the leading whitespace and every repetition of the directive.
  let body = trimmed;
  while (body.startsWith(ALT_SYNTAX_DIRECTIVE)) body = body.slice(ALT_SYNTAX_DIRECTIVE.length);
  return { body, open: '<%', close: '%>' };
}

/**
 * Tokenises a template. A handlebar is the shortest run from an opening delimiter to the next
 * closing one; a comment runs from `<!--` to the next `-->`. An opening delimiter or `<!--` with
 * no terminator after it is plain text. Whichever of the two starts first wins.
 */
export function tokenizeTemplate(template: string): TemplateToken[] {
  const { body, open, close } = delimitersFor(template);
  const tokens: TemplateToken[] = [];
  let textStart = 0;
  let pos = 0;
  // Once a terminator is missing after some position it is missing after every later one too,
  // so that kind of token can no longer occur.
  let handlebarsPossible = true;
  let commentsPossible = true;

  for (;;) {
    const handlebar = handlebarsPossible ? body.indexOf(open, pos) : -1;
    const comment = commentsPossible ? body.indexOf(COMMENT_START, pos) : -1;
    if (handlebar === -1 && comment === -1) break;

    if (handlebar !== -1 && (comment === -1 || handlebar < comment)) {
      const end = body.indexOf(close, handlebar + open.length);
      if (end === -1) {
        handlebarsPossible = false;
        continue;
      }
      if (handlebar > textStart) tokens.push({ type: 'text', text: body.slice(textStart, handlebar) });
      tokens.push(classifyHandlebar(body.slice(handlebar + open.length, end)));
      pos = textStart = end + close.length;
    } else {
      const end = body.indexOf(COMMENT_END, comment + COMMENT_START.length);
      if (end === -1) {
        commentsPossible = false;
        continue;
      }
      if (comment > textStart) tokens.push({ type: 'text', text: body.slice(textStart, comment) });
      tokens.push({ type: 'comment', text: body.slice(comment + COMMENT_START.length, end) });
      pos = textStart = end + COMMENT_END.length;
    }
  }

  if (textStart < body.length) tokens.push({ type: 'text', text: body.slice(textStart) });
  return tokens;
}
