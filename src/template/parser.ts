/**
 * Builds the syntax tree from template tokens (anki-semantics.md §2.1), checking that
 * conditional sections nest properly.
 */
import type { ConditionalNode, ParsedTemplate, ReplacementNode, TemplateNode } from './syntax-tree.js';
import { TemplateError } from './template-error.js';
import { tokenizeTemplate } from './tokenizer.js';

/** A section whose closing tag has not been seen yet. */
interface OpenSection {
  readonly key: string;
  readonly negated: boolean;
  readonly children: TemplateNode[];
}

/** Splits `f2:f1:Field` from the right: the last segment names the field, filters run f1 then f2. */
export function parseReplacement(content: string): ReplacementNode {
  const segments = content.split(':');
  const fieldName = segments.pop() ?? '';
  return { type: 'replacement', fieldName, filters: segments.reverse() };
}

/**
 * Parses a card template (question or answer side).
 *
 * @throws {TemplateError} when a `{{/X}}` does not match the innermost open section, or a
 *   section is never closed; the message is Anki's.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const root: TemplateNode[] = [];
  const open: OpenSection[] = [];

  for (const token of tokenizeTemplate(text)) {
    const siblings = open.at(-1)?.children ?? root;
    switch (token.type) {
      case 'text':
        siblings.push({ type: 'text', text: token.text });
        break;
      case 'comment':
        siblings.push({ type: 'comment', text: token.text });
        break;
      case 'replacement':
        siblings.push(parseReplacement(token.content));
        break;
      case 'open':
        open.push({ key: token.key, negated: token.negated, children: [] });
        break;
      case 'close': {
        const section = open.pop();
        if (section === undefined) throw TemplateError.conditionalNotOpen(token.key);
        if (section.key !== token.key) throw TemplateError.wrongConditionalClosed(token.key, section.key);
        const node: ConditionalNode = {
          type: 'conditional',
          key: section.key,
          negated: section.negated,
          children: section.children,
        };
        (open.at(-1)?.children ?? root).push(node);
        break;
      }
    }
  }

  // Anki reports the innermost section that is still open.
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw TemplateError.conditionalNotClosed(unclosed.key);
  return { nodes: root };
}

/**
 * Parses a template, returning null instead of throwing when it is malformed. Card generation
 * treats such a template as one that never produces a card.
 */
export function tryParseTemplate(text: string): ParsedTemplate | null {
  try {
    return parseTemplate(text);
  } catch (error) {
    if (error instanceof TemplateError) return null;
    throw error;
  }
}
