// The error texts the Python add-on gives for malformed requests, in one place. plugin/web.py does
//   params = json.loads(req.body.decode('utf-8'))
//   jsonschema.validate(params, request_schema)
// and on ValueError or ValidationError replies {"result": null, "error": str(e)}; clients match on
// those texts. The pieces live in python-utf8.ts, python-json.ts, python-repr.ts and
// python-schema.ts; parseRequestBody chains them in the add-on's order.
import { describeUtf8Error } from './python-utf8.js';
import { parsePythonCompatibleJson } from './python-json.js';
import type { PythonJsonOptions, PythonJsonResult } from './python-json.js';
import { validateRequestEnvelope } from './python-schema.js';
import type { EnvelopeValidationOptions } from './python-schema.js';

export { describeUtf8Error } from './python-utf8.js';
export { describeJsonError, parsePythonCompatibleJson, parsePythonJson } from './python-json.js';
export type { PythonJsonOptions, PythonJsonResult } from './python-json.js';
export { pythonFloatRepr, pythonNumberRepr, pythonRepr, pythonStringRepr } from './python-repr.js';
export type { PythonReprOptions } from './python-repr.js';
export { validateRequestEnvelope } from './python-schema.js';
export type { EnvelopeValidationOptions, JsonschemaFlavour } from './python-schema.js';

/** Options for {@link parseRequestBody}: the Python and jsonschema versions to mirror. */
export type RequestBodyOptions = PythonJsonOptions & EnvelopeValidationOptions;

// fatal: invalid bytes throw instead of becoming U+FFFD. ignoreBOM: keep a leading U+FEFF in the
// text, as Python's decode('utf-8') does, so that the JSON step can reject it with Python's message.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes, parses and validates a request body the way the add-on does, returning the parsed
 * envelope or the exact `error` text the add-on would reply with: the UnicodeDecodeError text,
 * then the JSONDecodeError (or ValueError) text, then the jsonschema message (first line only, see
 * {@link validateRequestEnvelope}).
 *
 * An empty body fails here with `Expecting value: line 1 column 1 (char 0)`; the add-on answers
 * an empty body from an allowed origin with its banner instead, so check for that first.
 */
export function parseRequestBody(body: Uint8Array, options: RequestBodyOptions = {}): PythonJsonResult {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    // TextDecoder and CPython accept exactly the same byte sequences, so this is never null.
    return { ok: false, error: describeUtf8Error(body) ?? "'utf-8' codec can't decode the request body" };
  }
  const parsed = parsePythonCompatibleJson(text, options);
  if (!parsed.ok) return parsed;
  const invalid = validateRequestEnvelope(parsed.value, options);
  return invalid === null ? parsed : { ok: false, error: invalid };
}
