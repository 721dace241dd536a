/**
 * One step of measurement i in a process of its own, so that its peak memory (maxRSS) is the
 * step's alone: our server's `sync` action through the dispatcher, on the profile "User 1" under
 * `<base>`, media off.
 *
 *   upload <base> <endpoint> <user> <password>   syncLogin (not timed), then `sync` with fullSync "upload"
 *   edit <base> <edits.json>                     a `multi` of updateNoteFields (not timed)
 *   sync <base>                                  a normal `sync`
 *
 * Prints one JSON line: {ms, maxRssMb}; ms is the `sync` action alone (0 for edit).
 */
import { readFileSync } from 'node:fs';
import { createRegistry } from '../src/api/actions/index.js';
import { Dispatcher } from '../src/api/dispatcher.js';
import { defaultSettings } from '../src/config/settings.js';
import { ProfileServerState } from '../src/server/state.js';

/** A note edit of the measurement: the same list is given to real Anki. */
export interface SyncEdit {
  id: number;
  fields: Record<string, string>;
}

const [job, base, ...args] = process.argv.slice(2);
if (base === undefined) throw new Error('usage: sync-job.ts upload|edit|sync <base> …');

// No sync on its own (start-up, stop, timer) and no media: only the syncs asked for here.
const state = new ProfileServerState({ ...defaultSettings({}), base, syncMedia: false, syncOnStartStop: false, syncIntervalMinutes: 0 });
state.openProfile('User 1');
const dispatcher = new Dispatcher(createRegistry(), state);

async function call(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const reply = (await dispatcher.handle({ action, version: 6, params }, { origin: '', allowed: true, local: true })) as {
    result: unknown;
    error: string | null;
  };
  if (reply.error !== null) throw new Error(`${action}: ${reply.error}`);
  return reply.result;
}

async function timedSync(params: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  await call('sync', { ...params, media: false });
  return performance.now() - started;
}

let ms = 0;
try {
  switch (job) {
    case 'upload': {
      const [endpoint, user, password] = args;
      await call('syncLogin', { username: user, password, endpoint });
      ms = await timedSync({ fullSync: 'upload' });
      break;
    }
    case 'edit': {
      const edits = JSON.parse(readFileSync(args[0]!, 'utf8')) as SyncEdit[];
      const results = (await call('multi', {
        actions: edits.map((note) => ({ action: 'updateNoteFields', version: 6, params: { note } })),
      })) as { error: string | null }[];
      const failed = results.filter((item) => item.error !== null);
      if (failed.length > 0) throw new Error(`updateNoteFields: ${failed.length} of ${edits.length} failed: ${failed[0]?.error}`);
      break;
    }
    case 'sync':
      ms = await timedSync({});
      break;
    default:
      throw new Error(`unknown job ${String(job)}`);
  }
} finally {
  state.close();
}
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
