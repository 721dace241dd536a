import type { TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { AnkiConnectError } from '../errors.js';

/**
 * Checks an action's params the way clients experience Anki-Connect, which passes them to a
 * Python method as keyword arguments: an unknown name and a missing required one produce
 * Python's own messages (clients and upstream tests look for "unexpected keyword argument").
 * Upstream checks no types; we do, and name the parameter and what was expected instead of
 * failing somewhere inside the action.
 */
export class ParamsValidator {
  private readonly check: TypeCheck<TObject>;
  private readonly known: Set<string>;
  private readonly required: string[];

  constructor(
    private readonly action: string,
    schema: TObject,
  ) {
    this.check = TypeCompiler.Compile(schema);
    this.known = new Set(Object.keys(schema.properties));
    this.required = schema.required ?? [];
  }

  /** Returns the params object, or throws an AnkiConnectError naming the problem. */
  validate(params: unknown): Record<string, unknown> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new AnkiConnectError(`${this.action}() argument after ** must be a mapping, not ${pythonTypeName(params)}`);
    }
    const record = params as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!this.known.has(key)) {
        throw new AnkiConnectError(`${this.action}() got an unexpected keyword argument '${key}'`);
      }
    }
    const missing = this.required.filter((key) => !(key in record));
    if (missing.length > 0) throw new AnkiConnectError(missingArgumentsMessage(this.action, missing));
    const tooDeep = firstTooDeep(record);
    if (tooDeep !== undefined) {
      throw new AnkiConnectError(`${this.action}(): invalid parameter '${tooDeep}': nested more than ${MAX_PARAM_DEPTH} levels deep`);
    }
    if (!this.check.Check(record)) {
      const first = this.check.Errors(record).First();
      const path = first?.path.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const detail = first?.message.toLowerCase() ?? 'invalid value';
      throw new AnkiConnectError(`${this.action}(): invalid parameter '${path}': ${detail}`);
    }
    const malformed = firstMalformedText(record);
    if (malformed !== undefined) {
      throw new AnkiConnectError(
        `${this.action}(): invalid parameter '${malformed}': the text is not valid Unicode (it holds a lone surrogate such as \\ud800) and cannot be stored`,
      );
    }
    return record;
  }
}

/** How deeply params may nest: far beyond any action's shape, well within the call stack. */
export const MAX_PARAM_DEPTH = 64;

/**
 * The path of the first value nested deeper than MAX_PARAM_DEPTH, found before anything walks
 * the params recursively (the type check, the actions), which such nesting would overflow.
 */
function firstTooDeep(root: Record<string, unknown>): string | undefined {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, path, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_PARAM_DEPTH) return path;
    const entries = Array.isArray(value) ? value.map((element, i) => [String(i), element] as const) : Object.entries(value);
    for (const [key, element] of entries) stack.push([element, path === '' ? key : `${path}.${key}`, depth + 1]);
  }
  return undefined;
}

/**
 * The path of the first string (value or key) in `value` that is not well-formed UTF-16: JSON's
 * `\ud800` escapes decode to lone surrogates, which have no UTF-8 form. SQLite would store their
 * bytes as they are, and Anki, which reads these columns as Rust strings, would refuse them.
 * Walked with an explicit stack, so deep nesting cannot overflow the call stack.
 */
function firstMalformedText(root: Record<string, unknown>): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, path] = item;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return path;
    } else if (Array.isArray(value)) {
      value.forEach((element, i) => stack.push([element, `${path}.${i}`]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, element] of Object.entries(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (!key.isWellFormed()) return at;
        stack.push([element, at]);
      }
    }
  }
  return undefined;
}

/** Python's wording: "missing 2 required positional arguments: 'a' and 'b'". */
function missingArgumentsMessage(action: string, missing: string[]): string {
  const quoted = missing.map((name) => `'${name}'`);
  let list: string;
  if (quoted.length === 1) list = quoted[0] ?? '';
  else if (quoted.length === 2) list = `${quoted[0] ?? ''} and ${quoted[1] ?? ''}`;
  else list = `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1] ?? ''}`;
  const noun = missing.length === 1 ? 'argument' : 'arguments';
  return `${action}() missing ${missing.length} required positional ${noun}: ${list}`;
}

function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    default:
      return typeof value;
  }
}
