/**
 * The change events of GET /events: numbered, kept for a bounded window so that a client that
 * lost its connection resumes where it was (Last-Event-ID), and sent to every listener.
 *
 * An event id is `<run>-<n>`: the run is random per server start, so an id from an earlier run
 * (whose events are gone) is told apart from one of this run. A client that cannot resume (its id
 * is of another run, or older than the window) gets a `reset` event: it must read again whatever
 * it keeps, as it must after `reset` for a profile switch or a replaced collection file.
 */
import { randomBytes } from 'node:crypto';
import type { ChangeSet } from './change-set.js';

/** Events kept for resuming, at most; and at most this much of their text. */
export const EVENT_WINDOW_COUNT = 10_000;
export const EVENT_WINDOW_CHARS = 32 * 1024 * 1024;

export type ResetReason = 'profile' | 'replaced' | 'missed';

export interface ChangeEvent {
  id: string;
  /** `change` (data: the action and what it changed) or `reset` (data: the reason). */
  type: 'change' | 'reset';
  data: string;
}

type Listener = (event: ChangeEvent) => void;

export class ChangeEvents {
  private readonly run = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly window: { seq: number; event: ChangeEvent }[] = [];
  private windowStart = 0;
  private windowChars = 0;
  private readonly listeners = new Set<Listener>();
  private wanted = false;
  /** Called once, when the first listener comes: from then on writes must be recorded. */
  onFirstListener: (() => void) | undefined;

  /** Whether anyone has listened since the server started (and so changes are recorded). */
  get active(): boolean {
    return this.wanted;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** A committed write changed `changes`; `action` is the Anki-Connect action, null for the server's own (a timed sync). */
  changed(action: string | null, changes: ChangeSet): void {
    this.emit('change', JSON.stringify({ action, ...changes }));
  }

  /** What clients know may no longer hold: another profile or collection file is served. */
  reset(reason: ResetReason): void {
    if (this.wanted) this.emit('reset', JSON.stringify({ reason }));
  }

  /**
   * Adds a listener. With `lastEventId` (the Last-Event-ID a reconnecting client sends), the
   * events after it are sent first, or a `reset` when they are not all kept. Returns the removal.
   */
  listen(listener: Listener, lastEventId: string | undefined): () => void {
    if (!this.wanted) {
      this.wanted = true;
      this.onFirstListener?.();
    }
    if (lastEventId !== undefined && lastEventId !== '') {
      const missed = this.since(lastEventId);
      if (missed === undefined) listener({ id: this.currentId(), type: 'reset', data: JSON.stringify({ reason: 'missed' }) });
      else for (const event of missed) listener(event);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kept events after `id`, or undefined when some of them are not kept (or `id` is not this run's). */
  private since(id: string): ChangeEvent[] | undefined {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(id);
    if (match === null || match[1] !== this.run) return undefined;
    const seq = Number(match[2]);
    if (seq > this.seq) return undefined;
    // The event right after `id` must still be kept (or be the next one to come).
    if (seq + 1 < this.windowStart) return undefined;
    return this.window.filter((entry) => entry.seq > seq).map((entry) => entry.event);
  }

  /** The id of the newest event: a `reset` carries it, so a client resuming from it misses nothing. */
  private currentId(): string {
    return `${this.run}-${this.seq}`;
  }

  private emit(type: ChangeEvent['type'], data: string): void {
    const seq = ++this.seq;
    const event: ChangeEvent = { id: `${this.run}-${seq}`, type, data };
    this.window.push({ seq, event });
    this.windowChars += data.length;
    while (this.window.length > EVENT_WINDOW_COUNT || (this.windowChars > EVENT_WINDOW_CHARS && this.window.length > 1)) {
      const dropped = this.window.shift();
      if (dropped === undefined) break;
      this.windowChars -= dropped.event.data.length;
    }
    this.windowStart = this.window[0]?.seq ?? seq + 1;
    for (const listener of this.listeners) listener(event);
  }
}
