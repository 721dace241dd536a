/**
 * JSON text as Anki writes a `serde_json::Value` (config values, and the keys it does not know that
 * it keeps in the `other` bytes of note types, fields, templates, decks and presets). Anki builds
 * serde_json without its `preserve_order` feature, so a JSON object is a BTreeMap there: whatever
 * order the keys were read in, they are written sorted by code point, at every depth. Writing the
 * same text keeps a collection the server upgraded or saved byte for byte what Anki writes.
 *
 * Integers beyond 2^53 may be bigints (the legacy JSON reader gives them so); they are written
 * with every digit. Numbers are otherwise written as JavaScript writes them, so a whole number
 * read from `4.0` comes out `4` (README: deviations).
 */
import { compareCodePoints } from './case-fold.js';

/** `value` as serde_json writes it: no spaces, object keys sorted by code point. */
export function stringifySerdeValue(value: unknown): string {
  return write(value) ?? 'null';
}

/**
 * A map of keys to values as serde_json writes it (Anki's `HashMap<String, Value>` of unknown
 * keys). Anki writes the top level of such a map in hash order, which changes from run to run;
 * the server writes it sorted too, one of the orders Anki can write and the same every time.
 */
export function stringifySerdeMap(entries: Iterable<readonly [string, unknown]>): string {
  return writeObject([...entries]);
}

// undefined for what JSON.stringify leaves out of an object (undefined, functions, symbols).
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => write(item) ?? 'null').join(',')}]`;
  return writeObject(Object.entries(value as Record<string, unknown>));
}

function writeObject(entries: (readonly [string, unknown])[]): string {
  const parts: string[] = [];
  for (const [key, item] of [...entries].sort(([a], [b]) => compareCodePoints(a, b))) {
    const text = write(item);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
