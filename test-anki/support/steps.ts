/**
 * Tests that build on each other: each step runs only if the ones before it passed (the later
 * ones are skipped, naming the failed step), and a failure carries the sync server's log.
 */
import { test } from 'node:test';
import type { AnkiSyncServer } from './sync-server.js';

export function stepper(server: () => AnkiSyncServer | undefined): (name: string, body: (server: AnkiSyncServer) => Promise<void>) => void {
  let failed: string | undefined;
  return (name, body) => {
    test(name, async (t) => {
      const running = server();
      if (running === undefined) throw new Error('the sync server did not start');
      if (failed !== undefined) {
        t.skip(`after the failed step "${failed}"`);
        return;
      }
      try {
        await body(running);
      } catch (err) {
        failed = name;
        if (err instanceof Error) {
          const log = `\n--- Anki's sync server (${running.url}):\n${running.log()}`;
          err.message += log;
          // Some errors have their stack (which reporters print) written out already.
          if (err.stack !== undefined && !err.stack.includes(log)) err.stack += log;
        }
        throw err;
      }
    });
  };
}
