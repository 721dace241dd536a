/**
 * Repeated `indexOf` searches for one needle, remembered so that a scan which asks again and
 * again from increasing positions reads the text once. Rendering scans field text that users
 * control; without this, text with many openers and no closer would cost quadratic time.
 */
export class NextIndex {
  /** The answer to the last search, or -1 when the needle does not occur after it. */
  private found = -1;
  /** The position of the last search; searches before it are answered afresh. */
  private searchedFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** `text.indexOf(needle, from)`. */
  from(from: number): number {
    // Between the last search position and its answer there is no occurrence, so that answer
    // (or the absence of any) still holds for any later position up to it.
    if (from >= this.searchedFrom && (this.found === -1 || from <= this.found)) return this.found;
    this.searchedFrom = from;
    this.found = this.text.indexOf(this.needle, from);
    return this.found;
  }
}

/** Like `NextIndex`, for the first character that is one of a set. */
export class NextOf {
  private found = -1;
  private searchedFrom = Number.POSITIVE_INFINITY;
  private readonly pattern: RegExp;

  /** `chars` are the literal characters to look for (escaped here for the character class). */
  constructor(
    private readonly text: string,
    chars: string,
  ) {
    this.pattern = new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
  }

  /** The index of the first character in the set at or after `from`, or -1. */
  from(from: number): number {
    if (from >= this.searchedFrom && (this.found === -1 || from <= this.found)) return this.found;
    this.searchedFrom = from;
    this.pattern.lastIndex = from;
    this.found = this.pattern.exec(this.text)?.index ?? -1;
    return this.found;
  }
}
