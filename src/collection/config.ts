import type { Collection } from './collection.js';

/** JSON-representable config values. */
export type ConfigValue = null | boolean | number | string | ConfigValue[] | { [key: string]: ConfigValue };

interface ConfigRow {
  key: string;
  val: Buffer;
}

/**
 * The collection's `config` table: one row per key, the value stored as the JSON text of the
 * value in a BLOB (Anki reads it with `as_blob()`, so TEXT would break it). Reads are cached;
 * a write only happens when the value changes, as in Anki, and stamps usn -1 and mtime now.
 */
export class ConfigStore {
  private cache: Map<string, string> | undefined;

  constructor(private readonly col: Collection) {
    col.onRollback(() => (this.cache = undefined));
  }

  private all(): Map<string, string> {
    if (this.cache === undefined) {
      const rows = this.col.stmt<[], ConfigRow>('select KEY as key, val from config').all();
      this.cache = new Map(rows.map((row) => [row.key, Buffer.from(row.val).toString('utf8')]));
    }
    return this.cache;
  }

  /** The parsed value of `key`, or undefined when it is missing or not valid JSON. */
  get(key: string): ConfigValue | undefined {
    const raw = this.all().get(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as ConfigValue;
    } catch {
      return undefined;
    }
  }

  /** A number setting, or `fallback` when missing or of another type (Anki's defaults rule). */
  getNumber(key: string, fallback: number): number {
    const value = this.get(key);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  }

  getBool(key: string, fallback: boolean): boolean {
    const value = this.get(key);
    return typeof value === 'boolean' ? value : fallback;
  }

  /** Writes `key` if its JSON differs from what is stored; true if a row was written. */
  set(key: string, value: ConfigValue): boolean {
    const json = JSON.stringify(value);
    const cache = this.all();
    if (cache.get(key) === json) return false;
    this.col
      .stmt('insert or replace into config (KEY, usn, mtime_secs, val) values (?, ?, ?, ?)')
      .run(key, this.col.usn(), this.col.nowSecs(), Buffer.from(json, 'utf8'));
    cache.set(key, json);
    return true;
  }

  /** Deletes `key`; true if it was there. */
  remove(key: string): boolean {
    const cache = this.all();
    if (!cache.has(key)) return false;
    this.col.stmt('delete from config where KEY = ?').run(key);
    cache.delete(key);
    return true;
  }

  keys(): string[] {
    return [...this.all().keys()];
  }
}
