/**
 * Two precise rewrites of a JSON text Anki wrote (serde_json: compact, no spaces), each the
 * adjustment of one declared difference, so that the rest of the text must match the server's
 * byte for byte:
 *
 * - `upgrade-other-key-order`: the members of the top-level object put in code-point order of
 *   their keys, each member's text untouched;
 * - `json-numbers`: numbers with a fraction or an exponent written as JavaScript writes them
 *   (`4.0` → `4`, `0.05` stays); integers and strings untouched.
 */
import { compareCodePoints } from '../../../src/text/index.js';

/** Index just past the JSON string that starts at `start` (a `"`). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new Error(`unterminated string in ${text.slice(0, 80)}`);
  return i + 1;
}

/** The top-level object's members as [key, member text] pairs, in stored order. */
function topLevelMembers(text: string): [string, string][] {
  if (!text.startsWith('{') || !text.endsWith('}')) throw new Error(`not a JSON object: ${text.slice(0, 80)}`);
  const members: [string, string][] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < text.length - 1; ) {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      members.push(member(text.slice(start, i)));
      start = i + 1;
    }
    i++;
  }
  if (start < text.length - 1) members.push(member(text.slice(start, text.length - 1)));
  return members;
}

function member(raw: string): [string, string] {
  const keyEnd = skipString(raw, 0);
  return [JSON.parse(raw.slice(0, keyEnd)) as string, raw];
}

/** `text` (a JSON object) with its top-level members in code-point order of their keys. */
export function withTopLevelKeysSorted(text: string): string {
  const members = topLevelMembers(text).sort(([a], [b]) => compareCodePoints(a, b));
  return `{${members.map(([, raw]) => raw).join(',')}}`;
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** `text` with every number that has a fraction or an exponent written as JavaScript writes it. */
export function withNumbersAsJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (match === null) throw new Error(`bad number in ${text.slice(i, i + 20)}`);
      const token = match[0];
      out += match[1] === undefined && match[2] === undefined ? token : JSON.stringify(Number(token));
      i += token.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
