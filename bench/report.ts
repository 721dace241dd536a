/** Formatting of the benchmark's table and notes. */

/** One measured figure beside its floor. */
export interface Row {
  name: string;
  ours: string;
  floor: string;
  /** ours ÷ floor, as the target states it. */
  ratio: string;
  target: string;
  /** Whether the target was met; undefined for a figure reported without a target. */
  pass: boolean | undefined;
}

export function formatRate(perSecond: number, unit: string): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} ${unit}/s`;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** The results as a fixed-width text table. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['measurement', 'ours', 'floor', 'ratio', 'target', 'result'];
  const cells = rows.map((row) => [row.name, row.ours, row.floor, row.ratio, row.target, row.pass === undefined ? '—' : row.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]) => values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
