/**
 * Progress of a long export on standard error ("notes 12000/50000"), at most once a second, so a
 * short export prints nothing and a long one shows it is moving.
 */
export type ProgressLog = (message: string) => void;

export const stderrProgress: ProgressLog = (message) => {
  process.stderr.write(`anki-connect-server: ${message}\n`);
};

/** A reporter for one kind of item: call it with done and total as work goes on. */
export function throttledProgress(log: ProgressLog, label: string, everyMs = 1000): (done: number, total: number) => void {
  const started = Date.now();
  let last = started;
  let printed: number | undefined;
  return (done, total) => {
    const now = Date.now();
    const finished = done >= total;
    if (printed === done) return;
    if (now - last >= everyMs || (finished && printed !== undefined) || (finished && now - started >= everyMs)) {
      log(`${label} ${done}/${total}`);
      last = now;
      printed = done;
    }
  };
}
