// The add-on's request check: `jsonschema.validate(params, request_schema)` in plugin/web.py, with
//   {type: object,
//    properties: {action: {type: string, minLength: 1}, version: {type: integer},
//                 params: {type: object}},
//    required: [action]}
// (no `key` entry, no `$schema`). The client sees str() of the ValidationError; this module
// produces its first line, the message, for every way the schema can fail.
import { pythonRepr } from './python-repr.js';
import type { PythonReprOptions } from './python-repr.js';

/**
 * Which python-jsonschema to mirror.
 * - `'anki'` (default): 4.1.2, the version Anki pins in python/requirements.bundle.txt. Its
 *   minLength message is `'' is too short`, and best_match breaks ties between errors at the same
 *   depth by taking the first one found, i.e. schema order: action, version, params.
 * - `'latest'`: 4.21 and later (checked against 4.26). minLength 1 reads `'' should be non-empty`,
 *   and best_match prefers, among errors at the same depth, the one whose path compares greatest:
 *   version, then params, then action.
 */
export type JsonschemaFlavour = 'anki' | 'latest';

/**
 * Options for {@link validateRequestEnvelope}: the jsonschema flavour, and the Python minor version
 * whose repr() prints the offending value (see {@link PythonReprOptions}).
 */
export interface EnvelopeValidationOptions extends PythonReprOptions {
  readonly jsonschema?: JsonschemaFlavour;
}

// A JSON object as json.loads builds it: a dict, never a list.
function isDict(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The schema names no draft, so jsonschema validates with its newest (2020-12 in 4.x, draft 7 in
// 3.x). From draft 6 on, "integer" includes floats with no fractional part (6.0, even 1e300) and,
// in python-jsonschema, excludes booleans although Python's bool is an int subclass.
function isInteger(value: unknown): boolean {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

/**
 * The message of the ValidationError that `jsonschema.validate(value, request_schema)` raises in
 * the add-on, or null when `value` is a valid request envelope. Examples: `1.2 is not of type
 * 'object'`, `'action' is a required property`, `1 is not of type 'string'`, `'' is too short`,
 * `'6' is not of type 'integer'`, `[] is not of type 'object'`.
 *
 * When several keywords fail, jsonschema reports `best_match` of them: the error nearest the root
 * wins (a missing `action` beats a bad `version`), and among siblings the flavour decides (see
 * {@link JsonschemaFlavour}). Extra top-level keys, `key` included, are allowed.
 *
 * This is only the first line of what clients see: str(ValidationError) goes on with a blank line,
 * "Failed validating 'type' in schema…:" and a pretty-printed schema and instance, whose layout
 * depends on the jsonschema and Python versions. Values are printed with {@link pythonRepr}, so a
 * JSON `1.0` shows as `1` (JavaScript cannot tell them apart).
 */
export function validateRequestEnvelope(
  value: unknown,
  options: EnvelopeValidationOptions = {},
): string | null {
  const latest = options.jsonschema === 'latest';
  if (!isDict(value)) return `${pythonRepr(value, options)} is not of type 'object'`;
  // `required` fails at the root, so it outranks every error inside a property.
  if (!Object.hasOwn(value, 'action')) return "'action' is a required property";

  // At most one error per property (minLength ignores non-strings, so it never joins `type`),
  // collected in schema order: action, version, params.
  const errors: (readonly [property: string, message: string])[] = [];
  const action = value['action'];
  if (typeof action !== 'string') {
    errors.push(['action', `${pythonRepr(action, options)} is not of type 'string'`]);
  } else if (action.length === 0) {
    errors.push(['action', latest ? "'' should be non-empty" : "'' is too short"]);
  }
  if (Object.hasOwn(value, 'version') && !isInteger(value['version'])) {
    errors.push(['version', `${pythonRepr(value['version'], options)} is not of type 'integer'`]);
  }
  if (Object.hasOwn(value, 'params') && !isDict(value['params'])) {
    errors.push(['params', `${pythonRepr(value['params'], options)} is not of type 'object'`]);
  }
  // 4.1.2 keeps the first of equally relevant errors; later versions rank siblings by their path
  // (a deque of one key here) and keep the greatest: version, then params, then action.
  let best = errors[0];
  if (latest) {
    for (const error of errors) if (best === undefined || error[0] > best[0]) best = error;
  }
  return best?.[1] ?? null;
}
