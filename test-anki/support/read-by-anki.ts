/**
 * The core step of "written by the server, read by Anki": the server answers the read calls on
 * a collection and closes it; real Anki opens the file, answers the same calls, runs Check
 * Database and closes it. Anki must find nothing to repair, change no row (but for what every
 * check rewrites) and answer as the server did.
 */
import assert from 'node:assert/strict';
import type { AnkiDriver } from './anki.js';
import { checkInAnki } from './check-database.js';
import { ankiReads, assertSameReads, readCalls, serverReads, type Focus, type ReadCall } from './read-surface.js';
import { OurServer, type Outcome } from './server.js';

export interface ServerAnswers {
  calls: ReadCall[];
  ours: Outcome[];
}

/**
 * Opens the collection at `path` in the server, runs `writes` (if any), answers the read calls
 * for what they touched, and closes it again.
 */
export async function serverAnswers(
  path: string,
  writes?: (server: OurServer) => Promise<Focus>,
  options: Parameters<typeof readCalls>[2] = {},
): Promise<ServerAnswers> {
  const server = OurServer.open(path);
  try {
    const focus = writes === undefined ? {} : await writes(server);
    const calls = await readCalls(server, focus, options);
    return { calls, ours: await serverReads(server, calls) };
  } finally {
    server.close();
  }
}

/** Anki reads the (closed) collection at `path`; returns how many calls were compared. */
export async function assertAnkiReadsAsServer(anki: AnkiDriver, path: string, answers: ServerAnswers, label: string): Promise<number> {
  let theirs: Outcome[] = [];
  const result = await checkInAnki(anki, path, async () => {
    theirs = await ankiReads(anki, answers.calls);
  });
  assert.deepEqual(result.problems, [], `${label}: Check Database found problems`);
  assert.deepEqual(result.changes, [], `${label}: opening and checking in Anki changed rows`);
  return assertSameReads(answers.calls, answers.ours, theirs, label);
}
