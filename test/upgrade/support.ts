/**
 * Helpers for the schema-upgrade tests: schema-11 collections taken from the fixtures (files, or
 * the collection inside a package), copied into a temporary folder and opened there, and the
 * original read directly with better-sqlite3 to compare against.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { FixedClock } from '../../src/collection/clock.js';
import type { Collection } from '../../src/collection/collection.js';
import { openCollection } from '../../src/collection/open.js';
import { isJsonObject, parseLegacyJson, type LegacyJson } from '../../src/storage/upgrade/json.js';
import { TEST_NOW_MS, tempDir } from '../support/collections.js';
import { fixture } from '../support/fixtures.js';

/** The backup name an upgrade at TEST_NOW_MS gives a file at `version`. */
export const backupName = (version: number): string => `collection.anki2.schema${version}-20261127-100000.bak`;

/** The bytes of a fixture file, or of an entry inside a fixture package. */
export function fixtureBytes(file: string, entry?: string): Buffer {
  const bytes = readFileSync(fixture(file));
  if (entry === undefined) return bytes;
  const found = unzipSync(bytes)[entry];
  if (found === undefined) throw new Error(`${file} has no ${entry}`);
  return Buffer.from(found);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A plain JSON object of a legacy column. */
export type LegacyObject = Record<string, LegacyJson>;

/** What a schema-11 file holds, read directly (JSON with 64-bit integers exact). */
export interface LegacySnapshot {
  col: Record<string, unknown>;
  conf: LegacyObject;
  models: LegacyObject;
  decks: LegacyObject;
  dconf: LegacyObject;
  tags: LegacyObject;
  notes: unknown[];
  cards: unknown[];
  revlog: unknown[];
  graves: { oid: number; type: number; usn: number }[];
  tables: string[];
}

const object = (text: unknown): LegacyObject => {
  const parsed = parseLegacyJson(String(text));
  if (!isJsonObject(parsed)) throw new Error('not a JSON object');
  return parsed;
};

/** Reads a schema-11 collection's bytes (through a scratch copy; the bytes are not changed). */
export function readLegacy(bytes: Buffer): LegacySnapshot {
  const { dir, remove } = tempDir('acs-legacy-');
  const path = join(dir, 'legacy.anki2');
  writeFileSync(path, bytes);
  const db = new Database(path, { readonly: true });
  try {
    const col = db.prepare('select * from col').get() as Record<string, unknown>;
    return {
      col,
      conf: object(col['conf']),
      models: object(col['models']),
      decks: object(col['decks']),
      dconf: object(col['dconf']),
      tags: object(col['tags']),
      notes: db.prepare('select * from notes order by id').all(),
      cards: db.prepare('select * from cards order by id').all(),
      revlog: db.prepare('select * from revlog order by id').all(),
      graves: db.prepare('select oid, type, usn from graves').all() as LegacySnapshot['graves'],
      tables: (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    db.close();
    remove();
  }
}

/** A collection file in a temporary folder, opened (and so upgraded) on the test clock. */
export interface UpgradedCopy {
  col: Collection;
  dir: string;
  path: string;
  logs: string[];
  /** Closes the collection and opens the file again (a plain schema-18 open by then). */
  reopen(): Collection;
  files(): string[];
  close(): void;
}

/** Writes `bytes` as `collection.anki2` in a new folder and opens it. */
export function openCopy(bytes: Buffer, options: { randomNotetypeId?: () => number } = {}): UpgradedCopy {
  const { dir, remove } = tempDir('acs-upgrade-');
  const path = join(dir, 'collection.anki2');
  writeFileSync(path, bytes);
  const logs: string[] = [];
  const open = () =>
    openCollection(path, {
      clock: new FixedClock(TEST_NOW_MS),
      log: (message) => logs.push(message),
      upgrade: { randomNotetypeId: options.randomNotetypeId ?? (() => 424242) },
    });
  let col: Collection;
  try {
    col = open();
  } catch (err) {
    remove();
    throw err;
  }
  return {
    get col() {
      return col;
    },
    dir,
    path,
    logs,
    reopen() {
      col.close();
      col = open();
      return col;
    },
    files: () => readdirSync(dir).sort(),
    close() {
      col.close();
      remove();
    },
  };
}

/**
 * Runs `edit` on a scratch copy of a schema-11 collection and returns the edited bytes: a
 * variant built in the test (the fixtures themselves are never changed).
 */
export function editLegacy(bytes: Buffer, edit: (db: Database.Database) => void): Buffer {
  const { dir, remove } = tempDir('acs-variant-');
  const path = join(dir, 'variant.anki2');
  writeFileSync(path, bytes);
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
  const edited = readFileSync(path);
  remove();
  return edited;
}

/** Replaces one JSON column of the `col` row (the JSON given as text, so 64-bit ids stay exact). */
export function setColJson(db: Database.Database, column: 'conf' | 'models' | 'decks' | 'dconf' | 'tags', json: string): void {
  const statements = {
    conf: 'update col set conf = ?',
    models: 'update col set models = ?',
    decks: 'update col set decks = ?',
    dconf: 'update col set dconf = ?',
    tags: 'update col set tags = ?',
  };
  db.prepare(statements[column]).run(json);
}
