/**
 * Lets one long task own the collection across `await`s — a sync, which holds a SQLite
 * transaction while it talks to the server. Requests wait for it before they run, so none reads
 * a half-synced collection or writes into the sync's transaction, and none is refused: they run,
 * in order, as soon as the task is done (as Anki-Connect's requests wait while Anki syncs).
 */
export class CollectionGate {
  private current: Promise<void> | undefined;

  /** `drain` resolves once nothing else reads the collection (the reader threads' jobs). */
  constructor(private readonly drain: () => Promise<void> = () => Promise.resolve()) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Resolves once no task owns the collection. */
  async idle(): Promise<void> {
    while (this.current !== undefined) await this.current;
  }

  /** Runs `task` once the collection is free, owning it until the task settles. */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    await this.idle();
    let release = (): void => undefined;
    this.current = new Promise<void>((resolve) => (release = resolve));
    try {
      // Reads already on reader threads finish first: a full sync replaces the file under them.
      await this.drain();
      return await task();
    } finally {
      this.current = undefined;
      release();
    }
  }
}
