/**
 * "Anki opens the collection and its Check Database finds nothing": the file's rows are read
 * before Anki opens it and after Anki has checked and closed it, and must be the same except
 * for what Anki's Check Database rewrites on every run, even on a collection it finds clean
 * (rslib/src/dbcheck.rs). Those rewrites are listed here, each as a precise rule.
 */
import { decodeNotetypeConfig } from '../../src/notetypes/notetype.js';
import { NotetypeConfig_OriginalStockKind } from '../../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import { foldCase } from '../../src/text/index.js';
import type { AnkiDriver } from './anki.js';
import { diffRows, dumpRows, type RowChangeRule, type Rows } from './rows.js';

const sameExcept = (a: unknown[], b: unknown[], columns: readonly number[]): boolean =>
  a.length === b.length && a.every((value, i) => columns.includes(i) || value === b[i]);

/** The tags the notes carry (notes.tags, the sixth column), case-folded. */
function tagsInUse(after: Rows): Set<string> {
  const used = new Set<string>();
  for (const row of after.get('notes') ?? []) {
    const tags = (JSON.parse(row) as unknown[])[5];
    for (const tag of String(tags).split(' ')) if (tag !== '') used.add(foldCase(tag));
  }
  return used;
}

const blobBytes = (value: unknown): Uint8Array => Buffer.from(String(value).replace(/^blob:/, ''), 'hex');

export const CHECK_DATABASE_REWRITES: RowChangeRule[] = [
  {
    table: 'col',
    reason: 'the check is a change: the collection is stamped modified now',
    matches: (a, b) => sameExcept(a, b, [2]),
  },
  {
    table: 'tags',
    reason: "every note is saved again and re-registers its tags with the collection's usn (-1, not yet synced)",
    matches: (a, b) => sameExcept(a, b, [1]) && b[1] === -1,
    // Registered tags outlive the notes that carried them (Anki's own note deletion keeps them,
    // as do Anki-Connect's tag replacements); the rebuilt list holds only tags in use.
    removes: (row, after) => !tagsInUse(after).has(foldCase(String(row[0]))),
  },
  {
    table: 'notetypes',
    reason:
      "Image Occlusion note types are saved again on every check (mtime now, usn -1): Anki's repair of their field markers " +
      'always finds the Comments field, which never prevents deletion, unmarked',
    matches: (a, b) =>
      sameExcept(a, b, [2, 3]) &&
      b[3] === -1 &&
      decodeNotetypeConfig(blobBytes(a[4])).originalStockKind === NotetypeConfig_OriginalStockKind.IMAGE_OCCLUSION,
  },
];

export interface CheckResult {
  /** What Anki's Check Database reported fixing (its own words); none for a clean file. */
  problems: string[];
  /** Rows it changed beyond CHECK_DATABASE_REWRITES, as readable lines. */
  changes: string[];
}

/**
 * Opens the (closed) collection at `path` in real Anki, runs `whileOpen` (Anki's reads), runs
 * Check Database and closes it again; reports what the check found and changed.
 */
export async function checkInAnki(anki: AnkiDriver, path: string, whileOpen?: () => Promise<void>): Promise<CheckResult> {
  const before = dumpRows(path);
  await anki.open(path);
  try {
    if (whileOpen !== undefined) await whileOpen();
    const problems = await anki.checkDatabase();
    await anki.close();
    return { problems, changes: diffRows(before, dumpRows(path), CHECK_DATABASE_REWRITES) };
  } catch (err) {
    await anki.close();
    throw err;
  }
}
