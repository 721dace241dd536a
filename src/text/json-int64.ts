/**
 * JSON text for replies that may hold 64-bit integers as `bigint` (field and template ids of
 * note types). JSON.stringify refuses bigints, and a JavaScript number would round them; these
 * are written as plain JSON integers with all their digits, as Python's json module writes them.
 */
import { randomBytes } from 'node:crypto';

/**
 * `JSON.stringify(value, null, space)`, except that a bigint anywhere in `value` is written as a
 * JSON integer. Values without bigints take JSON.stringify's own path at no extra cost.
 */
export function stringifyJson(value: unknown, space?: number): string {
  // JSON.stringify gives undefined for these; a reply must still be JSON.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  try {
    return JSON.stringify(value, null, space);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  // Each bigint becomes a string carrying a marker no caller can guess, and the quoted marker
  // is then swapped for the digits. The characters involved need no escaping in JSON, so the
  // marker appears in the output exactly as written.
  const marker = `int64-${randomBytes(12).toString('hex')}:`;
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => (typeof item === 'bigint' ? `${marker}${item.toString()}` : item),
    space,
  );
  return text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1');
}
