/**
 * The syntax tree of a card template. It keeps everything a renderer needs (text and comments
 * verbatim, filters in application order), so rendering can be built on it without re-parsing.
 */

/** Literal template text, copied to the output as is. */
export interface TextNode {
  readonly type: 'text';
  readonly text: string;
}

/** An HTML comment. `text` is what lies between `<!--` and `-->`; handlebars inside stay literal. */
export interface CommentNode {
  readonly type: 'comment';
  readonly text: string;
}

/** `{{filter2:filter1:Field}}`. */
export interface ReplacementNode {
  readonly type: 'replacement';
  /** The last `:` segment, untrimmed (so `{{text: F}}` names the field `" F"`); may be empty. */
  readonly fieldName: string;
  /** Filters in the order they are applied: the one written nearest the field name first. */
  readonly filters: readonly string[];
}

/** `{{#Key}}…{{/Key}}`, or `{{^Key}}…{{/Key}}` when `negated`. */
export interface ConditionalNode {
  readonly type: 'conditional';
  /** Field name or `cN`, as written after the sigil (left-trimmed). */
  readonly key: string;
  /** True for `{{^Key}}`: children apply when the key is empty. */
  readonly negated: boolean;
  readonly children: readonly TemplateNode[];
}

/** Any node of a parsed template. */
export type TemplateNode = TextNode | CommentNode | ReplacementNode | ConditionalNode;

/** A successfully parsed template. Immutable, so parse once per template and share. */
export interface ParsedTemplate {
  readonly nodes: readonly TemplateNode[];
}
