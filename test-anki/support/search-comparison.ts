/**
 * Runs searches on both sides of the reference suite and lists where they disagree: real Anki's
 * find_cards/find_notes through the driver, and the server's findCards/findNotes through its
 * dispatcher, on two copies of the same collection file.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AnkiDriver } from './anki.js';
import { negatedOperatorOf, regexRefusedByServer, searchErrorAsServer, withoutIsolationMarks } from './differences.js';
import type { OurServer } from './server.js';

export type FindOutcome = { ids: number[] } | { error: string };
export type FindKind = 'cards' | 'notes';

export interface SearchMismatch {
  query: string;
  kind: FindKind;
  anki: FindOutcome;
  ours: FindOutcome;
}

export interface SearchTally {
  compared: number;
  /** Queries both sides answered with ids / both refused. */
  valid: number;
  invalid: number;
  /** Valid queries that found at least one card. */
  nonEmpty: number;
  mismatches: SearchMismatch[];
  /** How often each declared difference (support/differences.ts) was applied. */
  applied: Map<string, number>;
}

const ACTION: Record<FindKind, string> = { cards: 'findCards', notes: 'findNotes' };

async function ours(server: OurServer, kind: FindKind, query: string): Promise<FindOutcome> {
  const outcome = await server.outcome(ACTION[kind], { query });
  if ('error' in outcome) return { error: outcome.error };
  return { ids: [...(outcome.result as number[])].sort((a, b) => a - b) };
}

/**
 * Real Anki's outcome as the server is meant to give it: the declared search differences
 * (support/differences.ts) applied, each checked against real Anki rather than assumed. Adds
 * the id of each difference applied to `applied`.
 */
async function expected(driver: AnkiDriver, kind: FindKind, anki: FindOutcome, ours: FindOutcome, applied: Map<string, number>): Promise<FindOutcome> {
  const count = (id: string): void => {
    applied.set(id, (applied.get(id) ?? 0) + 1);
  };
  if ('error' in anki) {
    let text = anki.error;
    const operator = negatedOperatorOf(text);
    if (operator !== undefined) {
      // What Anki answers for the bare operator, its misplaced-operator message.
      const bare = (await driver.find(kind, [operator]))[0]!;
      if (!('error' in bare)) throw new Error(`Anki accepted the query ${operator}`);
      text = bare.error;
      count('search-negated-operator');
    }
    const asServer = searchErrorAsServer(text);
    if (asServer !== withoutIsolationMarks(text)) count('search-regex-errors');
    return { error: asServer };
  }
  if ('error' in ours) {
    const pattern = regexRefusedByServer(ours.error);
    if (pattern !== undefined) {
      // Anki found ids without running the regex; it refuses the regex itself when asked.
      try {
        await driver.call('sql', { sql: "select regexp(?, '')", args: [pattern] });
      } catch (err) {
        count('search-regex-unused');
        return { error: searchErrorAsServer((err as Error).message) };
      }
    }
  }
  return anki;
}

/**
 * Compares every query for both kinds. Queries go in small chunks, each run on Anki and then
 * on the server at once, so that terms relative to the current second (`is:due` for learning
 * cards, `prop:r`) see nearly the same "now"; a query that still differs is run once more on both
 * sides back to back, and only a difference that repeats counts.
 */
export async function compareSearches(driver: AnkiDriver, server: OurServer, queries: readonly string[], chunkSize = 40): Promise<SearchTally> {
  const tally: SearchTally = { compared: 0, valid: 0, invalid: 0, nonEmpty: 0, mismatches: [], applied: new Map() };
  for (let start = 0; start < queries.length; start += chunkSize) {
    const chunk = queries.slice(start, start + chunkSize);
    for (const kind of ['cards', 'notes'] as const) {
      const anki = await driver.find(kind, chunk);
      for (let i = 0; i < chunk.length; i++) {
        const query = chunk[i]!;
        let got = await ours(server, kind, query);
        let want = await expected(driver, kind, anki[i]!, got, tally.applied);
        if (!isDeepStrictEqual(want, got)) {
          const again = (await driver.find(kind, [query]))[0]!;
          got = await ours(server, kind, query);
          want = await expected(driver, kind, again, got, tally.applied);
        }
        tally.compared++;
        if (!isDeepStrictEqual(want, got)) {
          tally.mismatches.push({ query, kind, anki: want, ours: got });
        } else if ('ids' in want) {
          if (kind === 'cards') {
            tally.valid++;
            if (want.ids.length > 0) tally.nonEmpty++;
          }
        } else if (kind === 'cards') {
          tally.invalid++;
        }
      }
    }
  }
  return tally;
}

function describeOutcome(outcome: FindOutcome, other: FindOutcome): string {
  if ('error' in outcome) return `error ${JSON.stringify(outcome.error)}`;
  if (!('ids' in other)) return `${outcome.ids.length} ids`;
  const theirs = new Set(other.ids);
  const extra = outcome.ids.filter((id) => !theirs.has(id));
  return `${outcome.ids.length} ids (${extra.length} not in the other${extra.length > 0 ? `: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}` : ''})`;
}

/** A readable list of the first mismatches, for a failing assertion. */
export function describeMismatches(mismatches: readonly SearchMismatch[], limit = 40): string {
  const lines = mismatches
    .slice(0, limit)
    .map((m) => `${m.kind} ${JSON.stringify(m.query)}\n    anki: ${describeOutcome(m.anki, m.ours)}\n    ours: ${describeOutcome(m.ours, m.anki)}`);
  if (mismatches.length > limit) lines.push(`… and ${mismatches.length - limit} more`);
  return `${mismatches.length} searches differ from real Anki:\n${lines.join('\n')}`;
}
