/**
 * Long requests take turns with the others. Node runs one piece of JavaScript at a time and the
 * collection's connection is synchronous, so a `multi` of 100,000 items, or the planning of one,
 * would otherwise hold every other client until it is done. Work is cut into slices of about
 * SLICE_MS; between slices the event loop reads and answers whatever else has arrived.
 */
export const SLICE_MS = 20;

/** Tracks the current slice: `due` once it has run its time, `pause` to let others in. */
export class Turns {
  private started = performance.now();

  get due(): boolean {
    return performance.now() - this.started >= SLICE_MS;
  }

  /** Lets pending I/O (other clients' requests) run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }

  /** Pauses when the slice has run its time. */
  async maybePause(): Promise<void> {
    if (this.due) await this.pause();
  }
}
