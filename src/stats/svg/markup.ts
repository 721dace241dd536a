/** Small helpers for writing SVG and HTML text by hand. */

/** Text made safe for element content and double-quoted attribute values. */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** A coordinate with at most two decimals: enough for a screen, and short. */
export function coord(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** `name="value"` pairs, values escaped; undefined values are left out. */
export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeText(typeof value === 'number' ? coord(value) : value)}"`)
    .join('');
}
