// Python's json.loads, as far as clients can see it: which texts it accepts and the exact message
// of the JSONDecodeError (or ValueError) it raises otherwise. The scanner mirrors CPython's C
// scanner (Modules/_json.c: scan_once_unicode, _parse_object_unicode, _parse_array_unicode,
// scanstring_unicode, _match_number_unicode) and the Python wrapper around it (Lib/json/__init__.py
// `loads`, Lib/json/decoder.py `decode`, `raw_decode`, JSONDecodeError), because the position in a
// message depends on where exactly the C code gives up, which is not always where JSON.parse does.

/** Which CPython 3.x `json` behaviour to mirror where versions differ. */
export interface PythonJsonOptions {
  /**
   * The minor version of CPython 3. Defaults to 9: Anki's builds bundle Python 3.9 (its
   * `.python-version` says 3.9.x). From 3.11 the integer digit-limit message reads "(4300 digits)"
   * instead of "(4300)"; from 3.13 a comma before `]` or `}` gets "Illegal trailing comma before
   * end of array/object" at the comma instead of "Expecting value" / "Expecting property name
   * enclosed in double quotes" at the bracket.
   */
  readonly pythonMinor?: number;
}

/** The outcome of parsing a request body: the value, or the text Python's exception would show. */
export type PythonJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

const DEFAULT_PYTHON_MINOR = 9;

// sys.int_info.default_max_str_digits: since the CVE-2020-10735 fix (3.9.14, 3.10.7, 3.11), int()
// refuses decimal strings longer than this, and json.loads goes through int() for integers.
const INT_MAX_STR_DIGITS = 4300;

// Raised inside the scanner and caught at its edge. `index` is a UTF-16 index into the document, or
// null for a ValueError whose text carries no position (the integer digit limit).
class PythonJsonError extends Error {
  constructor(
    readonly reason: string,
    readonly index: number | null,
  ) {
    super(reason);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// The simple backslash escapes of scanstring_unicode; anything else but `u` is "Invalid \escape".
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

function skipWhitespace(s: string, index: number): number {
  let i = index;
  while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}

// JSON.parse defines `__proto__` as an own property instead of calling the setter; do the same.
function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * scanstring_unicode: reads the string whose opening quote is just before `start`, and returns its
 * value and the index after the closing quote.
 *
 * Each `\uXXXX` is decoded on its own: CPython joins a surrogate pair into one code point, which in
 * UTF-16 is the same two units, and its error positions come out the same either way.
 */
function scanString(s: string, start: number): [string, number] {
  const length = s.length;
  const begin = start - 1;
  let value = '';
  let end = start;
  for (;;) {
    let next = end;
    let code = 0;
    for (; next < length; next++) {
      code = s.charCodeAt(next);
      if (code === QUOTE || code === BACKSLASH) break;
      if (code <= 0x1f) throw new PythonJsonError('Invalid control character at', next);
    }
    if (next >= length) throw new PythonJsonError('Unterminated string starting at', begin);
    if (next !== end) value += s.slice(end, next);
    next++;
    if (code === QUOTE) return [value, next];
    if (next === length) throw new PythonJsonError('Unterminated string starting at', begin);

    const escape = s.charCodeAt(next);
    if (escape !== 0x75 /* u */) {
      end = next + 1;
      const decoded = SIMPLE_ESCAPES.get(escape);
      if (decoded === undefined) throw new PythonJsonError('Invalid \\escape', end - 2);
      value += decoded;
      continue;
    }
    next++;
    end = next + 4;
    // `>=`, not `>`: CPython wants at least one character after the four digits, so `"\u0041`
    // at the very end is an invalid escape rather than an unterminated string.
    if (end >= length) throw new PythonJsonError('Invalid \\uXXXX escape', next - 1);
    let unit = 0;
    for (; next < end; next++) {
      const digit = hexValue(s.charCodeAt(next));
      if (digit < 0) throw new PythonJsonError('Invalid \\uXXXX escape', end - 5);
      unit = unit * 16 + digit;
    }
    value += String.fromCharCode(unit);
  }
}

function digitLimitMessage(digits: number, pythonMinor: number): string {
  const limit = pythonMinor >= 11 ? `${INT_MAX_STR_DIGITS} digits` : String(INT_MAX_STR_DIGITS);
  return (
    `Exceeds the limit (${limit}) for integer string conversion: value has ${digits} digits; ` +
    'use sys.set_int_max_str_digits() to increase the limit'
  );
}

/**
 * _match_number_unicode: the number at `start`, or "Expecting value" there (StopIteration in C,
 * turned into that message by raw_decode) when no digits follow. A fraction or exponent that is
 * not complete is left for the caller to trip over ("1." stops before the dot).
 */
function matchNumber(s: string, start: number, pythonMinor: number): [number, number] {
  const lastIndex = s.length - 1;
  let i = start;
  if (s.charCodeAt(i) === 0x2d /* - */) {
    i++;
    if (i > lastIndex) throw new PythonJsonError('Expecting value', start);
  }
  const first = s.charCodeAt(i);
  if (first >= 0x31 && first <= 0x39) {
    i++;
    while (i <= lastIndex && isDigit(s.charCodeAt(i))) i++;
  } else if (first === 0x30) {
    i++;
  } else {
    throw new PythonJsonError('Expecting value', start);
  }
  const integerEnd = i;
  let isFloat = false;
  if (i < lastIndex && s.charCodeAt(i) === 0x2e /* . */ && isDigit(s.charCodeAt(i + 1))) {
    isFloat = true;
    i += 2;
    while (i <= lastIndex && isDigit(s.charCodeAt(i))) i++;
  }
  const e = s.charCodeAt(i);
  if (i < lastIndex && (e === 0x65 || e === 0x45)) {
    const exponentStart = i;
    i++;
    const sign = s.charCodeAt(i);
    if (i < lastIndex && (sign === 0x2d || sign === 0x2b)) i++;
    while (i <= lastIndex && isDigit(s.charCodeAt(i))) i++;
    if (isDigit(s.charCodeAt(i - 1))) isFloat = true;
    else i = exponentStart;
  }
  if (!isFloat) {
    const digits = integerEnd - start - (s.charCodeAt(start) === 0x2d ? 1 : 0);
    if (digits > INT_MAX_STR_DIGITS) throw new PythonJsonError(digitLimitMessage(digits, pythonMinor), null);
  }
  return [Number(s.slice(start, i)), i];
}

/**
 * A container still being read: the array so far, or the object so far and the key whose value
 * comes next. The scanner keeps these on an explicit stack so that nesting depth cannot overflow
 * the JavaScript call stack (CPython recurses and raises RecursionError, see parsePythonJson).
 */
type OpenContainer =
  | { readonly kind: 'array'; readonly value: unknown[] }
  | { readonly kind: 'object'; readonly value: Record<string, unknown>; key: string };

/**
 * The start of an object member: the key string at `index` (after whitespace), the `:` and the
 * whitespace after it. Returns the key and the index where its value starts.
 */
function readKey(s: string, index: number): [string, number] {
  if (index >= s.length || s.charCodeAt(index) !== QUOTE) {
    throw new PythonJsonError('Expecting property name enclosed in double quotes', index);
  }
  const [key, afterKey] = scanString(s, index + 1);
  const colon = skipWhitespace(s, afterKey);
  if (colon >= s.length || s.charCodeAt(colon) !== 0x3a /* : */) {
    throw new PythonJsonError("Expecting ':' delimiter", colon);
  }
  return [key, skipWhitespace(s, colon + 1)];
}

// The literal `word` at `index`, with CPython's own bounds test (`idx + n < length`).
function hasWord(s: string, index: number, word: string): boolean {
  return index + word.length - 1 < s.length && s.startsWith(word, index);
}

/** scan_once_unicode with the containers unrolled: one JSON value starting at `start`. */
function scanValue(s: string, start: number, pythonMinor: number): [unknown, number] {
  const length = s.length;
  const trailingCommaError = pythonMinor >= 13;
  const stack: OpenContainer[] = [];
  let index = start;

  for (;;) {
    // Read one value at `index`; containers push themselves and loop back for their first item.
    let value: unknown;
    if (index >= length) throw new PythonJsonError('Expecting value', index);
    const code = s.charCodeAt(index);
    if (code === QUOTE) {
      [value, index] = scanString(s, index + 1);
    } else if (code === 0x7b /* { */) {
      const first = skipWhitespace(s, index + 1);
      if (first < length && s.charCodeAt(first) === 0x7d /* } */) {
        value = {};
        index = first + 1;
      } else {
        const [key, valueStart] = readKey(s, first);
        stack.push({ kind: 'object', value: {}, key });
        index = valueStart;
        continue;
      }
    } else if (code === 0x5b /* [ */) {
      const first = skipWhitespace(s, index + 1);
      if (first < length && s.charCodeAt(first) === 0x5d /* ] */) {
        value = [];
        index = first + 1;
      } else {
        stack.push({ kind: 'array', value: [] });
        index = first;
        continue;
      }
    } else if (code === 0x6e /* n */ && hasWord(s, index, 'null')) {
      value = null;
      index += 4;
    } else if (code === 0x74 /* t */ && hasWord(s, index, 'true')) {
      value = true;
      index += 4;
    } else if (code === 0x66 /* f */ && hasWord(s, index, 'false')) {
      value = false;
      index += 5;
    } else if (code === 0x4e /* N */ && hasWord(s, index, 'NaN')) {
      value = NaN;
      index += 3;
    } else if (code === 0x49 /* I */ && hasWord(s, index, 'Infinity')) {
      value = Infinity;
      index += 8;
    } else if (code === 0x2d /* - */ && hasWord(s, index, '-Infinity')) {
      value = -Infinity;
      index += 9;
    } else {
      [value, index] = matchNumber(s, index, pythonMinor);
    }

    // Hand the finished value to the containers it closes, innermost first.
    for (;;) {
      const top = stack.at(-1);
      if (top === undefined) return [value, index];
      if (top.kind === 'array') top.value.push(value);
      else setProperty(top.value, top.key, value);

      const closer = top.kind === 'array' ? 0x5d /* ] */ : 0x7d; /* } */
      const delimiter = skipWhitespace(s, index);
      if (delimiter < length && s.charCodeAt(delimiter) === closer) {
        stack.pop();
        value = top.value;
        index = delimiter + 1;
        continue;
      }
      if (delimiter >= length || s.charCodeAt(delimiter) !== 0x2c /* , */) {
        throw new PythonJsonError("Expecting ',' delimiter", delimiter);
      }
      const next = skipWhitespace(s, delimiter + 1);
      if (trailingCommaError && next < length && s.charCodeAt(next) === closer) {
        const what = top.kind === 'array' ? 'array' : 'object';
        throw new PythonJsonError(`Illegal trailing comma before end of ${what}`, delimiter);
      }
      if (top.kind === 'array') {
        index = next;
      } else {
        [top.key, index] = readKey(s, next);
      }
      break;
    }
  }
}

/**
 * JSONDecodeError's text: `msg: line L column C (char P)`, where P counts code points (Python str
 * indices), L counts `\n` before P plus one, and C is P minus the index of the last `\n` before it
 * (so 1-based). `index` is a UTF-16 index; every surrogate pair before it is one code point.
 */
function formatDecodeError(reason: string, doc: string, index: number): string {
  let line = 1;
  let lastNewline = -1;
  let pairs = 0;
  let pairsBeforeNewline = 0;
  for (let i = 0; i < index; i++) {
    const code = doc.charCodeAt(i);
    if (code === 0x0a) {
      line++;
      lastNewline = i;
      pairsBeforeNewline = pairs;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
      const low = doc.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  const position = index - pairs;
  const column = lastNewline < 0 ? position + 1 : position - (lastNewline - pairsBeforeNewline);
  return `${reason}: line ${line} column ${column} (char ${position})`;
}

/**
 * Parses `text` the way Python's `json.loads(text)` does, without JSON.parse: the value, or the
 * text of the exception Python would raise. Prefer {@link parsePythonCompatibleJson}, which is far
 * faster on valid input; this is its fallback, exported for callers that want only the scanner.
 *
 * Python accepts `NaN`, `Infinity` and `-Infinity` (as floats); so does this, giving the JavaScript
 * numbers of the same meaning. Values otherwise match JSON.parse (integers beyond 2^53 lose
 * precision), except that an integer of more than 4300 digits fails with Python's int() limit.
 *
 * Not reproduced: CPython recurses per nesting level and raises RecursionError ("maximum recursion
 * depth exceeded while decoding a JSON array from a unicode string") near 1000 levels, a limit that
 * depends on the caller's own stack depth and that the add-on does not catch; this scanner has no
 * depth limit.
 */
export function parsePythonJson(text: string, options: PythonJsonOptions = {}): PythonJsonResult {
  const pythonMinor = options.pythonMinor ?? DEFAULT_PYTHON_MINOR;
  try {
    // json.loads refuses a str that starts with a byte order mark before scanning anything.
    if (text.charCodeAt(0) === 0xfeff) {
      throw new PythonJsonError('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    }
    const [value, end] = scanValue(text, skipWhitespace(text, 0), pythonMinor);
    const rest = skipWhitespace(text, end);
    if (rest !== text.length) throw new PythonJsonError('Extra data', rest);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof PythonJsonError)) throw error;
    const message = error.index === null ? error.reason : formatDecodeError(error.reason, text, error.index);
    return { ok: false, error: message };
  }
}

/**
 * The message of the exception Python's `json.loads(text)` raises, e.g. `Expecting value: line 1
 * column 1 (char 0)`, `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`,
 * `Unterminated string starting at: …`, `Invalid \uXXXX escape: …`, `Extra data: …`, or for a
 * leading U+FEFF `Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)`.
 *
 * Meant for text that JSON.parse rejected. Returns null when Python would accept the text after
 * all, which happens for `NaN`, `Infinity` and `-Infinity`.
 */
export function describeJsonError(text: string, options: PythonJsonOptions = {}): string | null {
  const result = parsePythonJson(text, options);
  return result.ok ? null : result.error;
}

/**
 * Parses `text` as Python's `json.loads` would, fast: JSON.parse does the work, and the Python
 * scanner runs only when JSON.parse throws, so valid input costs no more than JSON.parse itself.
 * On failure the error is the exact text of Python's exception (see {@link describeJsonError}).
 *
 * Where the two parsers disagree:
 * - `NaN`, `Infinity`, `-Infinity`: Python accepts them as floats, JSON.parse does not. They are
 *   accepted here too (the add-on accepts them, and an action that ignores the value must keep
 *   working), and arrive as the JavaScript numbers NaN, Infinity and -Infinity. Callers that send
 *   such values back must not expect JSON.stringify to keep them (it writes null).
 * - A leading U+FEFF: both reject it; the message is Python's BOM message.
 * - Integers longer than 4300 digits: Python raises its digit-limit ValueError. On input that is
 *   otherwise valid, JSON.parse accepts them (rounded), since spotting them would need a pass over
 *   every valid body; in input that fails anyway the digit-limit message is reported when Python
 *   would reach it first.
 * - Nesting deeper than about 1000 levels: Python raises RecursionError, which the add-on does not
 *   catch; here it parses.
 */
export function parsePythonCompatibleJson(text: string, options: PythonJsonOptions = {}): PythonJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parsePythonJson(text, options);
  }
  return { ok: true, value };
}
