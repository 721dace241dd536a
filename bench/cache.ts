/**
 * Generated collections cached under bench/.cache/ (not committed), keyed by every option that
 * changes their content, so repeated runs skip generation. Benchmarks that write get a fresh copy.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCollection, type GenerateOptions, type GeneratedSummary } from './generate.js';

/** Bump when the generator's output changes, so stale cached files are not reused. */
const GENERATOR_VERSION = 2;

const CACHE_DIR = join(import.meta.dirname, '.cache');

/** A cached collection file; `generated` is set when this call had to build it. */
export interface CachedCollection {
  path: string;
  generated: GeneratedSummary | undefined;
}

/** The cached collection for `options`, generating it first when missing. */
export function cachedCollection(options: GenerateOptions): CachedCollection {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `col-v${GENERATOR_VERSION}-n${options.notes}-d${options.decks}-s${options.seed}.anki2`);
  if (existsSync(path)) return { path, generated: undefined };
  // Generated under another name and renamed, so an interrupted run leaves no half file behind.
  const partial = `${path}.partial`;
  const generated = generateCollection(partial, options);
  renameSync(partial, path);
  return { path, generated };
}

/** A scratch folder for one benchmark, removed by `remove`. */
export interface Scratch {
  dir: string;
  remove(): void;
}

export function scratchDir(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies `source` to `target`, creating the target's folder: benchmarks never write the cache. */
export function copyCollection(source: string, target: string): void {
  mkdirSync(join(target, '..'), { recursive: true });
  copyFileSync(source, target);
}
