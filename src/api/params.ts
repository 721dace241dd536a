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
    const problem = firstProblem(record);
    if (problem?.problem === 'depth') {
      throw new AnkiConnectError(`${this.action}(): invalid parameter '${problem.path}': nested more than ${MAX_PARAM_DEPTH} levels deep`);
    }
    if (!this.check.Check(record)) {
      const first = this.check.Errors(record).First();
      const path = first?.path.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const detail = first?.message.toLowerCase() ?? 'invalid value';
      throw new AnkiConnectError(`${this.action}(): invalid parameter '${path}': ${detail}`);
    }
    if (problem?.problem === 'text') {
      throw new AnkiConnectError(
        `${this.action}(): invalid parameter '${problem.path}': the text is not valid Unicode (it holds a lone surrogate such as \\ud800) and cannot be stored`,
      );
    }
    return record;
  }
}

/** How deeply params may nest: beyond any action's shape and 32 levels of multi, well within the call stack. */
export const MAX_PARAM_DEPTH = 200;

type ParamProblem = { path: string; problem: 'depth' | 'text' };

/**
 * The first value nested deeper than MAX_PARAM_DEPTH, or string (value or key) that is not
 * well-formed UTF-16, with its path. Found before anything walks the params without a limit (the
 * type check, the actions), which such nesting would overflow. JSON's `\ud800` escapes decode
 * to lone surrogates, which have no UTF-8 form: SQLite would store their bytes as they are, and
 * Anki, which reads these columns as Rust strings, would refuse them.
 */
function firstProblem(root: Record<string, unknown>): ParamProblem | undefined {
  // The common case (nothing wrong) is one quick pass; the path is only worked out for a fault.
  return scan(root, 0) === undefined ? undefined : locate(root, 0, []);
}

/** The kind of the first fault under `value`, if any. Recursion stops at the depth limit. */
function scan(value: unknown, depth: number): ParamProblem['problem'] | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : 'text';
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_PARAM_DEPTH) return 'depth';
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      const problem = scan(element, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!key.isWellFormed()) return 'text';
    const problem = scan(record[key], depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The same walk, keeping the path, for the one request that has a fault. */
function locate(value: unknown, depth: number, path: string[]): ParamProblem | undefined {
  const at = (): string => path.join('.');
  if (typeof value === 'string') return value.isWellFormed() ? undefined : { path: at(), problem: 'text' };
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_PARAM_DEPTH) return { path: at(), problem: 'depth' };
  const entries: [string, unknown][] = Array.isArray(value)
    ? (value as unknown[]).map((element, i) => [String(i), element])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, element] of entries) {
    if (!key.isWellFormed()) return { path: [...path, key].join('.'), problem: 'text' };
    const found = locate(element, depth + 1, [...path, key]);
    if (found !== undefined) return found;
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
