/**
 * The two sides of a sync test: the server on one profile and real Anki on another, both
 * clients of one Anki sync server, set up before the suite and taken down after it. Steps run
 * in order (see steps.ts), with the sync server's log on a failure.
 */
import { after, before } from 'node:test';
import { AnkiDriver } from './anki.js';
import { tempProfile, type TempProfile } from './profile.js';
import { OurServer } from './server.js';
import { stepper } from './steps.js';
import { AnkiSyncServer } from './sync-server.js';

export interface SyncPair {
  readonly anki: AnkiDriver;
  readonly ours: TempProfile;
  readonly theirs: TempProfile;
  readonly step: ReturnType<typeof stepper>;
  /** The server on `ours` (open from the suite's start). */
  readonly server: () => OurServer;
}

/** Registers the suite's hooks; call inside `describe`. */
export function useSyncPair(prefix: string): SyncPair {
  const anki = new AnkiDriver();
  const ours = tempProfile(`${prefix}-ours-`);
  const theirs = tempProfile(`${prefix}-anki-`);
  let syncServer: AnkiSyncServer | undefined;
  let server: OurServer | undefined;
  before(async () => {
    syncServer = await AnkiSyncServer.start();
    server = OurServer.open(ours.path);
    await anki.open(theirs.path);
  });
  after(async () => {
    server?.close();
    await anki.stop();
    await syncServer?.stop();
    ours.remove();
    theirs.remove();
  });
  return {
    anki,
    ours,
    theirs,
    step: stepper(() => syncServer),
    server: () => {
      if (server === undefined) throw new Error('the sync pair is not set up');
      return server;
    },
  };
}
