/**
 * h. exportPackage and importPackage of a 50,000-note deck with 1,000 media files (with
 * scheduling), each in a process of its own (bench/package-job.ts) so its peak memory is its own,
 * beside floors run the same way: the package's raw bytes (SQLite's own copy of the database,
 * the media zipped as stored) and taking them in (unzip, copy the notes and cards with SQL).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cachedCollection, copyCollection, scratchDir } from './cache.js';
import type { Measured } from './measure-version.js';
import { formatMs, type Row } from './report.js';
import { Rng } from './rng.js';
import { median } from './stats.js';

export interface PackagesConfig {
  notes: number;
  mediaFiles: number;
  runs: number;
  seed: number;
}

export function packagesSizes(quick: boolean): Omit<PackagesConfig, 'seed'> {
  return quick ? { notes: 5_000, mediaFiles: 100, runs: 1 } : { notes: 50_000, mediaFiles: 1_000, runs: 3 };
}

const TARGET_MS = 10_000;
const TARGET_MB = 500;

interface JobResult {
  ms: number;
  maxRssMb: number;
}

function runJob(args: string[]): JobResult {
  const script = new URL('./package-job.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as JobResult;
}

/** Media files the notes reference (images of 5–60 KB), so the export carries them. */
function writeMedia(collection: string, mediaDir: string, count: number, rng: Rng): number {
  mkdirSync(mediaDir, { recursive: true });
  const db = new Database(collection, { readonly: true });
  const names = new Set<string>();
  for (const flds of db.prepare('select flds from notes').pluck().iterate() as IterableIterator<string>) {
    for (const match of flds.matchAll(/<img src="([^"]+)"|\[sound:([^\]]+)\]/g)) names.add(match[1] ?? match[2]!);
    if (names.size >= count) break;
  }
  db.close();
  let bytes = 0;
  for (const name of [...names].slice(0, count)) {
    const data = Buffer.alloc(5_000 + rng.int(55_000));
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(rng.u32(), Math.min(i, data.length - 4));
    writeFileSync(join(mediaDir, name), data);
    bytes += data.length;
  }
  return bytes;
}

export function measurePackages(config: PackagesConfig): Measured {
  const scratch = scratchDir('acs-bench-packages-');
  try {
    // One deck (Japanese::Vocabulary, under Japanese) holds every note.
    const source = cachedCollection({ notes: config.notes, decks: 1, seed: config.seed });
    const srcBase = join(scratch.dir, 'src');
    const srcPath = join(srcBase, 'User 1', 'collection.anki2');
    copyCollection(source.path, srcPath);
    const mediaBytes = writeMedia(srcPath, join(srcBase, 'User 1', 'collection.media'), config.mediaFiles, new Rng(config.seed));

    const exported: JobResult[] = [];
    const exportFloor: JobResult[] = [];
    const imported: JobResult[] = [];
    const importFloor: JobResult[] = [];
    const pkg = join(scratch.dir, 'deck.apkg');
    const floorPkg = join(scratch.dir, 'floor.zip');
    let result = '';
    for (let run = 0; run < config.runs; run++) {
      exported.push(runJob(['export', srcBase, 'Japanese', pkg]));
      exportFloor.push(runJob(['floor-export', srcPath, join(srcBase, 'User 1', 'collection.media'), floorPkg]));
      const target = join(scratch.dir, `dst-${run}`);
      imported.push(runJob(['import', target, pkg]));
      const floorTarget = join(scratch.dir, `floor-dst-${run}`, 'collection.anki2');
      copyCollection(source.path, floorTarget);
      const empty = new Database(floorTarget);
      empty.exec('delete from cards; delete from notes');
      empty.close();
      importFloor.push(runJob(['floor-import', floorTarget, floorPkg]));
      if (run === 0) {
        const db = new Database(join(target, 'User 1', 'collection.anki2'), { readonly: true });
        const notes = db.prepare('select count() from notes').pluck().get() as number;
        db.close();
        if (notes < config.notes) throw new Error(`the import holds ${notes} notes, not ${config.notes}`);
        result = `Checked: the package is ${(statSync(pkg).size / 1e6).toFixed(1)} MB and imports ${notes.toLocaleString('en-US')} notes.`;
      }
    }
    const row = (name: string, ours: JobResult[], floor: JobResult[]): Row => {
      const ms = median(ours.map((r) => r.ms));
      const mb = Math.max(...ours.map((r) => r.maxRssMb));
      return {
        name,
        ours: `median ${formatMs(ms)}, peak ${mb.toFixed(0)} MB`,
        floor: `median ${formatMs(median(floor.map((r) => r.ms)))}, peak ${Math.max(...floor.map((r) => r.maxRssMb)).toFixed(0)} MB`,
        ratio: `${(ms / median(floor.map((r) => r.ms))).toFixed(1)}× floor`,
        target: `< ${TARGET_MS / 1000} s, < ${TARGET_MB} MB`,
        pass: ms < TARGET_MS && mb < TARGET_MB,
      };
    };
    const n = config.notes.toLocaleString('en-US');
    return {
      rows: [
        row(`h. exportPackage, ${n} notes, ${config.mediaFiles.toLocaleString('en-US')} media`, exported, exportFloor),
        row(`h. importPackage of that package into a new collection`, imported, importFloor),
      ],
      notes: [
        `h. A deck of ${n} generated notes (every note type of the generator; exported with scheduling) and ${config.mediaFiles} media files ` +
          `the notes reference (${(mediaBytes / 1e6).toFixed(0)} MB of incompressible bytes); each job runs in a process of its own ` +
          `(bench/package-job.ts, through the dispatcher), timed from opening the collection to the end, its peak memory the ` +
          `process's maxRSS; ${config.runs} runs each, alternating with the floors. Floors, run the same way: the database copied ` +
          `by SQLite (VACUUM INTO) and the media zipped as stored; and that zip taken in (unzipped, notes and cards copied with ` +
          `INSERT … SELECT into an empty copy). ${result}`,
      ],
    };
  } finally {
    scratch.remove();
  }
}
