/**
 * Regexes compared between real Anki and the server: each pattern run over the same texts by
 * Anki's `regexp()` SQL function (the Rust `regex` crate, as Anki's searches run it) and by the
 * server's `regexp()` on its own connection (src/search/rust-regex.ts), with the verdict per
 * text, or the reason an invalid pattern is refused.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AnkiDriver } from './anki.js';
import type { OurServer } from './server.js';

export type RegexOutcome = { matches: string } | { error: string };

export interface RegexMismatch {
  pattern: string;
  anki: RegexOutcome;
  ours: RegexOutcome;
}

const MATCH_ALL = 'select regexp(?, value) from json_each(?) order by key';

/** The regex crate's reason in Anki's report (`…\nerror: unclosed group</pre>`), or the whole text. */
function ankiReason(message: string): string {
  const reason = /\nerror: (.*)<\/pre>$/s.exec(message);
  return reason === null ? message : reason[1]!;
}

async function ankiOutcome(driver: AnkiDriver, pattern: string, texts: string): Promise<RegexOutcome> {
  try {
    const rows = (await driver.call('sql', { sql: MATCH_ALL, args: [pattern, texts] })) as number[][];
    return { matches: rows.map((row) => String(row[0])).join('') };
  } catch (err) {
    return { error: ankiReason((err as Error).message) };
  }
}

function ourOutcome(server: OurServer, pattern: string, texts: string): RegexOutcome {
  try {
    const rows = server.col.db.prepare<[string, string], number>(MATCH_ALL).pluck().all(pattern, texts);
    return { matches: rows.map(String).join('') };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Every pattern on every text; the patterns whose outcomes differ. */
export async function compareRegexes(
  driver: AnkiDriver,
  server: OurServer,
  patterns: readonly string[],
  texts: readonly string[],
): Promise<{ compared: number; refused: number; mismatches: RegexMismatch[] }> {
  const json = JSON.stringify(texts);
  const mismatches: RegexMismatch[] = [];
  let refused = 0;
  for (const pattern of patterns) {
    const anki = await ankiOutcome(driver, pattern, json);
    const ours = ourOutcome(server, pattern, json);
    if ('error' in anki) refused++;
    if (!isDeepStrictEqual(anki, ours)) mismatches.push({ pattern, anki, ours });
  }
  return { compared: patterns.length, refused, mismatches };
}

/** A readable list of the first mismatches; a verdict string has one digit per text. */
export function describeRegexMismatches(mismatches: readonly RegexMismatch[], texts: readonly string[], limit = 40): string {
  const show = (outcome: RegexOutcome, other: RegexOutcome): string => {
    if ('error' in outcome) return `refused: ${outcome.error}`;
    if (!('matches' in other)) return `accepted (matches ${Array.from(outcome.matches).filter((m) => m === '1').length} texts)`;
    const differing = Array.from(outcome.matches).flatMap((m, i) => (m !== other.matches[i] ? [`${JSON.stringify(texts[i])}=${m}`] : []));
    return `differs on ${differing.slice(0, 6).join(', ')}${differing.length > 6 ? ', …' : ''}`;
  };
  const lines = mismatches.slice(0, limit).map((m) => `${JSON.stringify(m.pattern)}\n    anki: ${show(m.anki, m.ours)}\n    ours: ${show(m.ours, m.anki)}`);
  if (mismatches.length > limit) lines.push(`… and ${mismatches.length - limit} more`);
  return `${mismatches.length} regexes differ from real Anki's:\n${lines.join('\n')}`;
}
