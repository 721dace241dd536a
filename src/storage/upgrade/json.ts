/**
 * The JSON held in a schema-11 `col` row (`conf`, `models`, `decks`, `dconf`, `tags`), read the
 * way Anki's serde_json reads it. JSON.parse cannot be used: field and template ids are random
 * signed 64-bit integers (`"id": -5320123542524274300`) that a JavaScript number rounds, so an
 * integer literal beyond 2^53 becomes a `bigint` here, exact. Everything else reads as JSON.parse
 * reads it, with serde_json's strictness where the two differ: a lone surrogate escape such as
 * `"\ud800"` is refused, as is nesting deeper than serde_json's limit of 128.
 */

/** The error of a JSON text serde_json would refuse. */
export class LegacyJsonError extends Error {}

const MAX_DEPTH = 128;

/** A JSON value whose big integers are bigints. */
export type LegacyJson = null | boolean | number | bigint | string | LegacyJson[] | { [key: string]: LegacyJson };

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Parser {
  private index = 0;

  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new LegacyJsonError(`${what} at character ${this.index}`);
  }

  skipWhitespace(): void {
    const { text } = this;
    while (this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.index++;
    }
  }

  document(): LegacyJson {
    this.skipWhitespace();
    const value = this.value(0);
    this.skipWhitespace();
    if (this.index !== this.text.length) this.fail('trailing characters');
    return value;
  }

  value(depth: number): LegacyJson {
    const { text } = this;
    const c = text[this.index];
    switch (c) {
      case '{':
        return this.object(depth + 1);
      case '[':
        return this.array(depth + 1);
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default:
        return this.number();
    }
  }

  word<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.index)) this.fail('expected value');
    this.index += word.length;
    return value;
  }

  number(): number | bigint {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('expected value');
    this.index += match[0].length;
    const literal = match[0];
    if (match[1] === undefined && match[2] === undefined) {
      const value = Number(literal);
      return Number.isSafeInteger(value) ? value : BigInt(literal);
    }
    return Number(literal);
  }

  string(): string {
    const { text } = this;
    this.index++; // opening quote
    let out = '';
    let start = this.index;
    for (;;) {
      if (this.index >= text.length) this.fail('EOF while parsing a string');
      const c = text.charCodeAt(this.index);
      if (c === 0x22) {
        out += text.slice(start, this.index);
        this.index++;
        return out;
      }
      if (c < 0x20) this.fail('control character in string');
      if (c !== 0x5c) {
        this.index++;
        continue;
      }
      out += text.slice(start, this.index);
      const escape = text[this.index + 1] ?? '';
      if (escape === 'u') {
        this.index += 2;
        out += this.unicodeEscape();
      } else {
        const simple = ESCAPES[escape];
        if (simple === undefined) this.fail('invalid escape');
        out += simple;
        this.index += 2;
      }
      start = this.index;
    }
  }

  hex4(): number {
    const digits = this.text.slice(this.index, this.index + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('invalid \\u escape');
    this.index += 4;
    return parseInt(digits, 16);
  }

  /** One `\uXXXX` (after the `\u`), joined with the low half that must follow a high surrogate. */
  unicodeEscape(): string {
    const unit = this.hex4();
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('lone trailing surrogate in hex escape');
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    if (!this.text.startsWith('\\u', this.index)) this.fail('lone leading surrogate in hex escape');
    this.index += 2;
    const low = this.hex4();
    if (low < 0xdc00 || low > 0xdfff) this.fail('lone leading surrogate in hex escape');
    return String.fromCharCode(unit, low);
  }

  array(depth: number): LegacyJson[] {
    if (depth >= MAX_DEPTH) this.fail('recursion limit exceeded');
    this.index++;
    const out: LegacyJson[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      out.push(this.value(depth));
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === ']') return out;
      if (next !== ',') this.fail('expected `,` or `]`');
    }
  }

  object(depth: number): { [key: string]: LegacyJson } {
    if (depth >= MAX_DEPTH) this.fail('recursion limit exceeded');
    this.index++;
    const out: { [key: string]: LegacyJson } = {};
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') this.fail('key must be a string');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.index] !== ':') this.fail('expected `:`');
      this.index++;
      this.skipWhitespace();
      // A repeated key keeps its last value, as serde_json's maps do. defineProperty, because
      // assigning "__proto__" would set the prototype instead of adding a key.
      Object.defineProperty(out, key, { value: this.value(depth), enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === '}') return out;
      if (next !== ',') this.fail('expected `,` or `}`');
    }
  }
}

/** Parses `text` as serde_json would, integers beyond 2^53 as bigints. Throws {@link LegacyJsonError}. */
export function parseLegacyJson(text: string): LegacyJson {
  return new Parser(text).document();
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is { [key: string]: LegacyJson } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
