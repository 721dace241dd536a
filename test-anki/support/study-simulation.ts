/**
 * Studying the same collection in real Anki and in the server, answer for answer, at the same
 * simulated seconds: the scenarios of test-anki/answers.test.ts. Both sides start from copies of
 * one file; every answer goes to both (Anki-Connect's answerCards in each), on clocks set to the
 * same second (Anki's through libfaketime); after each simulated day every card, review log,
 * note and deck row must be equal.
 */
import type { Clock } from '../../src/collection/clock.js';
import { Rng } from '../../bench/rng.js';
import type { AnkiDriver } from './anki.js';
import type { OurServer } from './server.js';

export const DAY_MS = 86_400_000;

/** A clock the test moves; minutes west as the machine's zone says, like Anki's C library. */
export class SimulatedClock implements Clock {
  constructor(private ms: number) {}

  nowMs(): number {
    return this.ms;
  }

  minutesWest(ms: number): number {
    return new Date(ms).getTimezoneOffset();
  }

  set(ms: number): void {
    this.ms = ms;
  }
}

/** The rows compared after each simulated day, by the same SQL on both sides. */
export const COMPARED_ROWS: Record<string, string> = {
  cards: 'select * from cards order by id',
  revlog: 'select * from revlog order by id',
  notes: 'select id, mod, usn, tags from notes order by id',
  decks: 'select id, name, mtime_secs, usn, hex(common), hex(kind) from decks order by id',
  config: "select KEY, cast(val as text) from config where KEY not in ('curDeck', 'activeDecks') order by KEY",
};

/** Rows as the server's connection reads them (blobs are hex in the SQL above). */
export function serverRows(server: OurServer, sql: string): unknown[][] {
  return server.col.db.prepare(sql).raw().all() as unknown[][];
}

export async function ankiRows(anki: AnkiDriver, sql: string): Promise<unknown[][]> {
  return (await anki.call('sql', { sql })) as unknown[][];
}

/** The first row that differs, for a readable failure; undefined when the lists are equal. */
export function firstDifference(ours: unknown[][], theirs: unknown[][]): { index: number; ours: unknown; anki: unknown } | undefined {
  const length = Math.max(ours.length, theirs.length);
  for (let i = 0; i < length; i++) {
    if (JSON.stringify(ours[i]) !== JSON.stringify(theirs[i])) return { index: i, ours: ours[i], anki: theirs[i] };
  }
  return undefined;
}

/** The buttons a student presses, in proportions a real review log shows. */
export function pickEase(rng: Rng): 1 | 2 | 3 | 4 {
  return ([1, 2, 3, 4] as const)[rng.weighted([14, 12, 60, 14])]!;
}

export { Rng };
