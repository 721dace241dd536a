/**
 * Anki-Connect's permission dialog (requestPermission from an origin not yet allowed), held in
 * the server like the other windows. Upstream asks the user in a Qt dialog; here the question
 * waits for a web UI page to answer it, and only when one is open: with nobody to ask, the
 * origin is denied at once, as before.
 */
import { EventEmitter } from 'node:events';

/** The dialog's three buttons: Yes, No, and "Ignore this origin from now on". */
export type PermissionAnswer = 'grant' | 'deny' | 'ignore';

export interface PendingPermission {
  id: number;
  origin: string;
}

interface Waiting extends PendingPermission {
  settle: (answer: PermissionAnswer) => void;
  done: Promise<PermissionAnswer>;
}

export class PermissionPrompts extends EventEmitter<{ change: [] }> {
  private readonly waiting: Waiting[] = [];
  private nextId = 1;
  /** Pages that can answer (web UI event streams open). */
  private pages = 0;

  /** Whether anyone is there to ask. */
  get canAsk(): boolean {
    return this.pages > 0;
  }

  /** A page connected; the returned function disconnects it. */
  attachPage(): () => void {
    this.pages++;
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      this.pages--;
      // The last page gone: nobody can answer the questions still open.
      if (this.pages === 0) this.settleAll('deny');
    };
  }

  pending(): PendingPermission[] {
    return this.waiting.map(({ id, origin }) => ({ id, origin }));
  }

  /**
   * Asks about an origin and resolves with the answer, or 'deny' after `timeoutMs`. A second
   * request from an origin already asked about shares the open question (one dialog per origin).
   */
  ask(origin: string, timeoutMs: number): Promise<PermissionAnswer> {
    const open = this.waiting.find((entry) => entry.origin === origin);
    if (open !== undefined) return open.done;
    let settle: (answer: PermissionAnswer) => void = () => undefined;
    const done = new Promise<PermissionAnswer>((resolve) => (settle = resolve));
    const entry: Waiting = { id: this.nextId++, origin, settle, done };
    const timer = setTimeout(() => this.answer(entry.id, 'deny'), timeoutMs);
    timer.unref();
    entry.settle = (answer) => {
      clearTimeout(timer);
      settle(answer);
    };
    this.waiting.push(entry);
    this.emit('change');
    return done;
  }

  /** The user's answer to question `id`; false when it is no longer open. */
  answer(id: number, answer: PermissionAnswer): boolean {
    const index = this.waiting.findIndex((entry) => entry.id === id);
    const entry = this.waiting[index];
    if (entry === undefined) return false;
    this.waiting.splice(index, 1);
    entry.settle(answer);
    this.emit('change');
    return true;
  }

  /** Answers every open question (the server stopping, the last page closed). */
  settleAll(answer: PermissionAnswer): void {
    for (const { id } of [...this.waiting]) this.answer(id, answer);
  }
}
