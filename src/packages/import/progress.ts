/**
 * Progress of a long import on standard error: how many of the package's notes are done, at most
 * once a second, starting once the import has run for a second (short imports print nothing).
 */
const INTERVAL_MS = 1000;

export class ImportProgress {
  private readonly started = Date.now();
  private last = this.started;
  private printed = false;

  constructor(
    private readonly label: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`anki-connect-server: ${line}\n`),
  ) {}

  notes(done: number, total: number): void {
    const now = Date.now();
    if (now - this.last < INTERVAL_MS && done !== total) return;
    if (done === total && !this.printed) return;
    this.last = now;
    this.printed = true;
    this.write(`importing ${this.label}: ${done} of ${total} notes`);
  }

  /** A closing line, printed only when progress was shown. */
  finished(summary: string): void {
    if (this.printed) this.write(`imported ${this.label}: ${summary}`);
  }
}
