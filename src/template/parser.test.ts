import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, tryParseTemplate } from './parser.js';
import type { TemplateNode } from './syntax-tree.js';
import { TemplateError } from './template-error.js';
import { tokenizeTemplate } from './tokenizer.js';

const text = (t: string): TemplateNode => ({ type: 'text', text: t });
const comment = (t: string): TemplateNode => ({ type: 'comment', text: t });
const field = (fieldName: string, ...filters: string[]): TemplateNode => ({ type: 'replacement', fieldName, filters });
const cond = (key: string, children: TemplateNode[], negated = false): TemplateNode => ({
  type: 'conditional',
  key,
  negated,
  children,
});
const nodes = (template: string): readonly TemplateNode[] => parseTemplate(template).nodes;

function assertError(template: string, kind: TemplateError['kind'], message: string): void {
  assert.throws(
    () => parseTemplate(template),
    (error: unknown) => error instanceof TemplateError && error.kind === kind && error.message === message,
  );
}

void describe('parseTemplate: basics', () => {
  void it('parses an empty template', () => {
    assert.deepEqual(nodes(''), []);
  });

  void it('splits text, replacements and sections', () => {
    assert.deepEqual(nodes('foo {{bar}} {{#baz}} quux {{/baz}}'), [
      text('foo '),
      field('bar'),
      text(' '),
      cond('baz', [text(' quux ')]),
    ]);
  });

  void it('parses negated sections', () => {
    assert.deepEqual(nodes('{{^baz}}x{{/baz}}'), [cond('baz', [text('x')], true)]);
  });

  void it('nests sections', () => {
    assert.deepEqual(nodes('{{#a}}1{{^b}}2{{#c}}{{F}}{{/c}}{{/b}}{{/a}}'), [
      cond('a', [text('1'), cond('b', [text('2'), cond('c', [field('F')])], true)]),
    ]);
  });

  void it('allows the same key to be nested in itself', () => {
    assert.deepEqual(nodes('{{#a}}{{#a}}x{{/a}}{{/a}}'), [cond('a', [cond('a', [text('x')])])]);
  });

  void it('keeps plain text with stray closing braces', () => {
    assert.deepEqual(nodes('text }} more'), [text('text }} more')]);
  });

  void it('treats an unterminated {{ as text', () => {
    assert.deepEqual(nodes('a {{b'), [text('a {{b')]);
    assert.deepEqual(nodes('{{a}} {{b'), [field('a'), text(' {{b')]);
  });

  void it('takes the shortest run to the first }}', () => {
    assert.deepEqual(nodes('{{a{{b}}c}}'), [field('a{{b'), text('c}}')]);
  });

  void it('parses the stock templates', () => {
    assert.deepEqual(nodes('{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}'), [
      field('FrontSide'),
      text('\n\n<hr id=answer>\n\n'),
      field('Back'),
    ]);
    assert.deepEqual(nodes('{{#Add Reverse}}{{Back}}{{/Add Reverse}}'), [cond('Add Reverse', [field('Back')])]);
  });
});

void describe('parseTemplate: whitespace and braces', () => {
  void it('trims replacements', () => {
    assert.deepEqual(nodes('{{ tag }}'), [field('tag')]);
    assert.deepEqual(nodes('{{\n\tFront \n}}'), [field('Front')]);
  });

  void it('left-trims keys after a sigil', () => {
    assert.deepEqual(nodes('{{# Back }}x{{/ Back}}'), [cond('Back', [text('x')])]);
    assert.deepEqual(nodes('{{ ^ Back}}{{/Back }}'), [cond('Back', [], true)]);
  });

  void it('does not trim the field name after filters', () => {
    assert.deepEqual(nodes('{{text: F}}'), [field(' F', 'text')]);
  });

  void it('trims with Rust whitespace rules', () => {
    // U+0085 is Unicode White_Space (trimmed); U+FEFF is not (kept), unlike String.prototype.trim.
    assert.deepEqual(nodes('{{\u0085F\u0085}}'), [field('F')]);
    assert.deepEqual(nodes('{{\uFEFFF}}'), [field('\uFEFFF')]);
    assert.deepEqual(nodes('{{\u3000F\u00a0}}'), [field('F')]);
  });

  void it('accepts triple braces, leaving the extra } as text', () => {
    assert.deepEqual(nodes('{{{Front}}}'), [field('Front'), text('}')]);
    assert.deepEqual(nodes('{{{{#A}}x{{/A}}}'), [cond('A', [text('x')]), text('}')]);
    assert.deepEqual(nodes('x{{{ Front }}}'), [text('x'), field('Front'), text('}')]);
  });

  void it('treats names shorter than two characters as replacements', () => {
    assert.deepEqual(nodes('{{#}}'), [field('#')]);
    assert.deepEqual(nodes('{{/}}'), [field('/')]);
    assert.deepEqual(nodes('{{ ^ }}'), [field('^')]);
    assert.deepEqual(nodes('{{}}'), [field('')]);
    assert.deepEqual(nodes('{{x}}'), [field('x')]);
  });

  void it('treats a sigil followed only by whitespace as a one-character replacement', () => {
    assert.deepEqual(nodes('{{# }}a{{ /\n}}'), [field('#'), text('a'), field('/')]);
    assert.deepEqual(nodes('{{#  x}}{{/x}}'), [cond('x', [])]);
  });
});

void describe('parseTemplate: filters', () => {
  void it('splits filters from the right and applies them right to left', () => {
    assert.deepEqual(nodes('{{text:cloze:Text}}'), [field('Text', 'cloze', 'text')]);
    assert.deepEqual(nodes('{{one:two:three:F}}'), [field('F', 'three', 'two', 'one')]);
  });

  void it('keeps empty segments', () => {
    assert.deepEqual(nodes('{{one::text:B}}'), [field('B', 'text', '', 'one')]);
    assert.deepEqual(nodes('{{tts-voices:}}'), [field('', 'tts-voices')]);
    assert.deepEqual(nodes('{{:F}}'), [field('F', '')]);
  });

  void it('keeps filter arguments with spaces', () => {
    assert.deepEqual(nodes('{{tts en_US voices=Apple_Samantha speed=1.4:Front}}'), [
      field('Front', 'tts en_US voices=Apple_Samantha speed=1.4'),
    ]);
  });

  void it('parses type: forms', () => {
    assert.deepEqual(nodes('{{type:Back}}'), [field('Back', 'type')]);
    assert.deepEqual(nodes('{{type:cloze:Text}}'), [field('Text', 'cloze', 'type')]);
    assert.deepEqual(nodes('{{type:nc:Text}}'), [field('Text', 'nc', 'type')]);
  });

  void it('does not split conditional keys on colons', () => {
    assert.deepEqual(nodes('{{#a:b}}{{/a:b}}'), [cond('a:b', [])]);
  });
});

void describe('parseTemplate: comments', () => {
  void it('passes comments through without processing handlebars inside', () => {
    assert.deepEqual(nodes('a<!-- {{#X}} {{Y}} -->b'), [text('a'), comment(' {{#X}} {{Y}} '), text('b')]);
    assert.deepEqual(nodes('<!--{{#mis}}{{/matched}}-->'), [comment('{{#mis}}{{/matched}}')]);
    assert.deepEqual(nodes('<!---->'), [comment('')]);
  });

  void it('treats an unterminated comment as text and still parses handlebars after it', () => {
    assert.deepEqual(nodes('<!--{{foo}}'), [text('<!--'), field('foo')]);
    assert.deepEqual(nodes('x <!-- {{a}} <!-- y'), [text('x <!-- '), field('a'), text(' <!-- y')]);
  });

  void it('treats a stray --> as text', () => {
    assert.deepEqual(nodes('{{foo}}-->'), [field('foo'), text('-->')]);
  });

  void it('ends a comment at the first -->', () => {
    assert.deepEqual(nodes('<!--<!--abc-->-->'), [comment('<!--abc'), text('-->')]);
  });

  void it('lets a handlebar that starts first swallow a comment opening', () => {
    assert.deepEqual(nodes('{{a<!--}}-->'), [field('a<!--'), text('-->')]);
  });

  void it('places comments inside sections', () => {
    assert.deepEqual(nodes('{{#baz}} --> <!-- <!-- {{#def}} --> \u0123-->{{/baz}}'), [
      cond('baz', [text(' --> '), comment(' <!-- {{#def}} '), text(' \u0123-->')]),
    ]);
  });

  void it('does not let a commented-out close tag close a section', () => {
    assertError('{{#mis}}<!--{{/mis}}-->', 'conditional-not-closed', "Missing '{{/mis}}'");
  });
});

void describe('parseTemplate: legacy <% %> delimiters', () => {
  void it('switches delimiters after the directive', () => {
    assert.deepEqual(nodes('\n{{=<% %>=}}\n<%Front%>\n<% #Back %>\n<%/Back%>'), [
      text('\n'),
      field('Front'),
      text('\n'),
      cond('Back', [text('\n')]),
    ]);
  });

  void it('treats {{ }} as text in legacy mode', () => {
    assert.deepEqual(nodes('{{=<% %>=}}{{#foo}}<%Front%>{{/foo}}'), [
      text('{{#foo}}'),
      field('Front'),
      text('{{/foo}}'),
    ]);
  });

  void it('strips leading whitespace and repeated directives', () => {
    assert.deepEqual(nodes('  \n{{=<% %>=}}{{=<% %>=}}<%F%>'), [field('F')]);
  });

  void it('only honours the directive at the start', () => {
    assert.deepEqual(nodes('x{{=<% %>=}}<%F%>'), [text('x'), field('=<% %>='), text('<%F%>')]);
  });

  void it('still recognises comments in legacy mode', () => {
    assert.deepEqual(nodes('{{=<% %>=}}<!--<%F%>--><%G%>'), [comment('<%F%>'), field('G')]);
  });
});

void describe('parseTemplate: errors', () => {
  void it('reports a close tag that does not match the open section', () => {
    assertError('{{#mis}}{{/matched}}', 'wrong-conditional-closed', "Found '{{/matched}}', but expected '{{/mis}}'");
    assertError('{{#a}}{{^b}}{{/a}}{{/b}}', 'wrong-conditional-closed', "Found '{{/a}}', but expected '{{/b}}'");
  });

  void it('reports a close tag with nothing open', () => {
    assertError('{{/matched}}', 'conditional-not-open', "Found '{{/matched}}', but missing '{{#matched}}' or '{{^matched}}'");
    assertError('{{#a}}{{/a}}{{/a}}', 'conditional-not-open', "Found '{{/a}}', but missing '{{#a}}' or '{{^a}}'");
  });

  void it('reports the innermost unclosed section', () => {
    assertError('{{#mis}}', 'conditional-not-closed', "Missing '{{/mis}}'");
    assertError('{{#outer}}{{^inner}}x', 'conditional-not-closed', "Missing '{{/inner}}'");
  });

  void it('reports the first problem in template order', () => {
    assertError('{{/x}}{{#y}}', 'conditional-not-open', "Found '{{/x}}', but missing '{{#x}}' or '{{^x}}'");
  });

  void it('uses the legacy-syntax key in messages too', () => {
    assertError('{{=<% %>=}}<%#A%><%/B%>', 'wrong-conditional-closed', "Found '{{/B}}', but expected '{{/A}}'");
  });

  void it('tryParseTemplate returns null on a malformed template', () => {
    assert.equal(tryParseTemplate('{{#A}}'), null);
    assert.deepEqual(tryParseTemplate('{{A}}')?.nodes, [field('A')]);
  });
});

void describe('tokenizeTemplate', () => {
  void it('classifies handlebars', () => {
    assert.deepEqual(tokenizeTemplate('a{{#B}}{{^C}}{{/C}}{{d:E}}<!--x-->'), [
      { type: 'text', text: 'a' },
      { type: 'open', key: 'B', negated: false },
      { type: 'open', key: 'C', negated: true },
      { type: 'close', key: 'C' },
      { type: 'replacement', content: 'd:E' },
      { type: 'comment', text: 'x' },
    ]);
  });

  void it('is linear on long inputs with many unterminated openings', () => {
    const big = '{{ <!-- '.repeat(200_000);
    const started = performance.now();
    const tokens = tokenizeTemplate(big);
    assert.equal(tokens.length, 1);
    assert.ok(performance.now() - started < 1000);
  });
});
