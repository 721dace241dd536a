/**
 * One form for values from both sides of a comparison: the server's replies hold 64-bit ids as
 * bigints and the driver sends them the same way, but a bigint that fits a double is the same
 * number to a client, so it becomes a number here.
 */
export function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, canonical(item)]));
  }
  return value;
}
