/**
 * Errors a card template can produce, carrying Anki's English wording (ftl key
 * `card-template-rendering-*`). The structured fields let callers localise or re-wrap the message
 * (Anki wraps it in a "Front template has a problem:" header when rendering).
 */

/** Which template problem occurred. */
export type TemplateErrorKind =
  /** `{{/X}}` while `{{#Y}}` is open. */
  | 'wrong-conditional-closed'
  /** `{{/X}}` with no conditional open. */
  | 'conditional-not-open'
  /** `{{#X}}` or `{{^X}}` reaches the end of the template. */
  | 'conditional-not-closed'
  /** A replacement names a field the note does not have (raised by rendering, not parsing). */
  | 'field-not-found'
  /** A conditional names neither a field nor `cN` (raised by rendering, not parsing). */
  | 'no-such-conditional';

/** A template syntax or rendering problem, with Anki's English message. */
export class TemplateError extends Error {
  /** Which problem occurred. */
  readonly kind: TemplateErrorKind;

  private constructor(kind: TemplateErrorKind, message: string) {
    super(message);
    this.name = 'TemplateError';
    this.kind = kind;
  }

  /** `{{/closed}}` found while `{{#open}}` (or `{{^open}}`) was the innermost open section. */
  static wrongConditionalClosed(closed: string, open: string): TemplateError {
    return new TemplateError('wrong-conditional-closed', `Found '{{/${closed}}}', but expected '{{/${open}}}'`);
  }

  /** `{{/closed}}` found with no section open. */
  static conditionalNotOpen(closed: string): TemplateError {
    return new TemplateError(
      'conditional-not-open',
      `Found '{{/${closed}}}', but missing '{{#${closed}}}' or '{{^${closed}}}'`,
    );
  }

  /** The section opened with key `open` was never closed. */
  static conditionalNotClosed(open: string): TemplateError {
    return new TemplateError('conditional-not-closed', `Missing '{{/${open}}}'`);
  }

  /**
   * `{{filters:field}}` names an unknown field. `filters` are in application order (innermost
   * first), as stored in the syntax tree; the message shows them as written.
   */
  static fieldNotFound(field: string, filters: readonly string[]): TemplateError {
    const written = [...filters].reverse().map((f) => `${f}:`).join('');
    return new TemplateError('field-not-found', `Found '{{${written}${field}}}', but there is no field called '${field}'`);
  }

  /** `{{#key}}` / `{{^key}}` names neither a field nor `cN`. */
  static noSuchConditional(key: string, negated: boolean): TemplateError {
    const sigil = negated ? '^' : '#';
    return new TemplateError('no-such-conditional', `Found '{{${sigil}${key}}}', but there is no field called '${key}'`);
  }
}
