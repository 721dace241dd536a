/**
 * The two clocks of the media database, read as Anki reads them (rslib `media/files.rs`): a
 * file's mtime in whole seconds when the scanner records it, and the folder's mtime (and a
 * downloaded file's) in whole milliseconds. Both are truncated, not rounded, so they compare
 * equal with the values Anki wrote into the same database.
 */
import { lstatSync, statSync } from 'node:fs';

/** Whole milliseconds of `path`'s mtime (symlinks followed, like Rust's `Path::metadata`). */
export function mtimeMillis(path: string): number {
  return Number(statSync(path, { bigint: true }).mtimeNs / 1_000_000n);
}

/** What the scanner needs of a directory entry, from lstat (a symlink is not a file to it). */
export interface ScanStat {
  readonly isFile: boolean;
  readonly size: number;
  /** Whole seconds. */
  readonly mtime: number;
}

export function scanStat(path: string): ScanStat {
  const stat = lstatSync(path, { bigint: true });
  return { isFile: stat.isFile(), size: Number(stat.size), mtime: Number(stat.mtimeNs / 1_000_000_000n) };
}
