/** Messages between the server and its reader threads (pool.ts, thread.ts). */

/** One read action to run on a connection of the reader's own. */
export interface ReadJob {
  /** The collection file and its media folder, as the server has them open. */
  path: string;
  mediaDir: string;
  profile: string;
  action: string;
  /** Params already checked by the action's schema on the server. */
  params: Record<string, unknown>;
  /**
   * The server clock's "now", and its offset from UTC when it is fixed (null: the machine's time
   * zone, at every instant), so that both sides count days and weekdays alike.
   */
  nowMs: number;
  fixedMinutesWest: number | null;
}

export type ReadOutcome = { ok: true; result: unknown } | { ok: false; error: string };

export interface JobMessage {
  id: number;
  job: ReadJob;
}

export interface OutcomeMessage {
  id: number;
  outcome: ReadOutcome;
}

/** Sent once by a thread when its code is loaded and it can take jobs. */
export interface ReadyMessage {
  ready: true;
}
