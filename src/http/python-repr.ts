// Python's repr() of values that came out of json.loads, because jsonschema builds its messages
// from repr() ("1.2 is not of type 'object'", "'' is too short") and clients match on those texts.
import { isPythonPrintable } from './python-unicode.js';

/** Which CPython 3.x to mirror: it decides which Unicode version's characters print unescaped. */
export interface PythonReprOptions {
  /** The minor version of CPython 3; defaults to 9, the Python Anki bundles (Unicode 13.0). */
  readonly pythonMinor?: number;
}

const DEFAULT_PYTHON_MINOR = 9;

// A string made of printable ASCII other than the backslash needs no escaping at all.
const NEEDS_WORK = /[^\x20-\x5b\x5d-\x7e]/;

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

/**
 * Python's repr() of a str: single quotes unless the text has a single quote and no double quote;
 * `\\`, `\t`, `\n`, `\r` and the chosen quote escaped; other control characters and DEL as `\xHH`;
 * non-ASCII characters kept unless Python deems them unprintable, then `\xHH`, `\uHHHH` or
 * `\UHHHHHHHH`.
 *
 * Printability follows the Unicode version of the chosen Python (13.0 for 3.9 and 3.10, up to 15.1
 * for 3.13): characters assigned later are escaped, as that Python sees them as unassigned.
 */
export function pythonStringRepr(text: string, options: PythonReprOptions = {}): string {
  const pythonMinor = options.pythonMinor ?? DEFAULT_PYTHON_MINOR;
  const hasSingle = text.includes("'");
  const hasDouble = text.includes('"');
  const quote = hasSingle && !hasDouble ? '"' : "'";
  if (!NEEDS_WORK.test(text) && !(hasSingle && hasDouble)) return quote + text + quote;

  let out = quote;
  // for…of walks code points, and yields a lone surrogate as a one-unit string of its own.
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f || isPythonPrintable(ch, pythonMinor)) out += ch;
    else if (cp < 0x100) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + quote;
}

/**
 * Python's repr() of a float (the shortest text that reads back as the same double): positional
 * when the decimal exponent is from -4 to 15 (`0.0001`, `1.5`, and `.0` added to whole values:
 * `100.0`, `1234567890123456.0`), scientific with a sign and at least two exponent digits otherwise
 * (`1e-05`, `1e+16`, `1.5e+300`); `nan`, `inf`, `-inf`; `-0.0`.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';

  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-tripping digits, as Python's
  // repr does; only the layout differs.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const pointAt = exponent + 1; // where the decimal point falls, counted in digits

  if (pointAt < -3 || pointAt > 16) {
    const fraction = digits.length > 1 ? '.' + digits.slice(1) : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits.slice(0, 1)}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * Python's repr() of a JavaScript number standing for a json.loads result. JavaScript has one
 * number type, so JSON `1` and `1.0` (or `1e2` and `100`) arrive as the same value while Python
 * holds an int and a float. The rule: an integral number below 1e16 in magnitude prints as a
 * Python int (`1`, `100`, `-0` as `0`); anything else prints as a Python float (`1.5`, `1e-05`,
 * `1e+16`, `1e+300`, `nan`, `inf`). So JSON `1.0` prints as `1` where Python prints `1.0`, and an
 * integer literal of 17 or more digits prints in float form (JavaScript has lost its exact value
 * anyway, and such magnitudes come far more often from exponent literals).
 */
export function pythonNumberRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value === 0 ? 0 : value);
  return pythonFloatRepr(value);
}

// An item on the explicit stack of pythonRepr: a value still to print, text to emit as is, or the
// end of a container (it leaves the set of containers being printed).
type ReprTask =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'leave'; readonly container: object };

function scalarRepr(value: unknown, options: PythonReprOptions): string {
  switch (typeof value) {
    case 'string':
      return pythonStringRepr(value, options);
    case 'number':
      return pythonNumberRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      // JavaScript's second "nothing"; Python has only None.
      return 'None';
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function ${value.name || '<anonymous>'}>`;
    default:
      return 'None'; // null; containers never get here
  }
}

/**
 * Python's repr() of a value as json.loads would have built it: `None`, `True`, `False`, ints and
 * floats (see {@link pythonNumberRepr}), strings (see {@link pythonStringRepr}), lists `[1, 2]`
 * and dicts `{'a': 1}` (`[]`, `{}` when empty). A container that contains itself prints as `[...]`
 * or `{...}`, as in Python.
 *
 * Dict order is the object's key order, which JavaScript sorts for integer-like keys
 * (`{"b": 1, "2": 0}` prints `{'2': 0, 'b': 1}`, Python keeps `{'b': 1, '2': 0}`). Nesting depth is
 * unbounded (an explicit stack, not recursion), so hostile input cannot overflow the call stack.
 */
export function pythonRepr(value: unknown, options: PythonReprOptions = {}): string {
  const out: string[] = [];
  const open = new Set<object>();
  const tasks: ReprTask[] = [{ kind: 'value', value }];

  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    if (task.kind === 'text') {
      out.push(task.text);
      continue;
    }
    if (task.kind === 'leave') {
      open.delete(task.container);
      continue;
    }
    const current = task.value;
    if (typeof current !== 'object' || current === null) {
      out.push(scalarRepr(current, options));
      continue;
    }
    const isList = Array.isArray(current);
    if (open.has(current)) {
      out.push(isList ? '[...]' : '{...}');
      continue;
    }
    open.add(current);
    // Pushed in reverse, so that popping yields: opening bracket, items with separators, closing.
    tasks.push({ kind: 'leave', container: current }, { kind: 'text', text: isList ? ']' : '}' });
    if (isList) {
      const items = current as readonly unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        tasks.push({ kind: 'value', value: items[i] });
        if (i > 0) tasks.push({ kind: 'text', text: ', ' });
      }
    } else {
      const record = current as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] ?? '';
        tasks.push(
          { kind: 'value', value: record[key] },
          { kind: 'text', text: pythonStringRepr(key, options) + ': ' },
        );
        if (i > 0) tasks.push({ kind: 'text', text: ', ' });
      }
    }
    out.push(isList ? '[' : '{');
  }
  return out.join('');
}
