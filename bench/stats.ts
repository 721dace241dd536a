/** Order statistics for repeated measurements. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no measurements');
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0–100), nearest-rank: always one of the measured values. */
export function percentile(values: readonly number[], p: number): number {
  const list = sorted(values);
  const rank = Math.min(list.length, Math.max(1, Math.ceil((p / 100) * list.length)));
  return list[rank - 1]!;
}

export function median(values: readonly number[]): number {
  const list = sorted(values);
  const mid = list.length >> 1;
  return list.length % 2 === 1 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
}

export function min(values: readonly number[]): number {
  return sorted(values)[0]!;
}

export function max(values: readonly number[]): number {
  return sorted(values).at(-1)!;
}
