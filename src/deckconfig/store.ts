import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { Collection } from '../collection/collection.js';
import { DeckConfigConfigSchema, type DeckConfigConfig } from '../storage/proto/gen/anki_storage/deck_config_pb.js';

/** An options preset ("deck config") as stored in schema 18. */
export interface DeckConfig {
  id: number;
  name: string;
  mtimeSecs: number;
  usn: number;
  config: DeckConfigConfig;
}

interface DeckConfigRow {
  id: number;
  name: string;
  mtime_secs: number;
  usn: number;
  config: Buffer;
}

export function encodeDeckConfig(config: DeckConfigConfig): Buffer {
  return Buffer.from(toBinary(DeckConfigConfigSchema, config));
}

/** Options presets of one collection, cached by id. */
export class DeckConfigStore {
  private byId = new Map<number, DeckConfig>();

  constructor(private readonly col: Collection) {
    col.onRollback(() => this.byId.clear());
  }

  get(id: number): DeckConfig | undefined {
    let config = this.byId.get(id);
    if (config === undefined) {
      const row = this.col
        .stmt<[number], DeckConfigRow>('select id, name, mtime_secs, usn, config from deck_config where id = ?')
        .get(id);
      if (row === undefined) return undefined;
      config = {
        id: row.id,
        name: row.name,
        mtimeSecs: row.mtime_secs,
        usn: row.usn,
        config: fromBinary(DeckConfigConfigSchema, row.config),
      };
      this.byId.set(id, config);
    }
    return config;
  }

  /** Ids of every preset, in id order. */
  ids(): number[] {
    return this.col
      .stmt<[], { id: number }>('select id from deck_config order by id')
      .all()
      .map((row) => row.id);
  }

  /**
   * Writes a preset (a new one, or over the one with its id), stamped modified now with usn -1,
   * and caches the written version. Returns it.
   */
  save(preset: Pick<DeckConfig, 'id' | 'name' | 'config'>): DeckConfig {
    const written: DeckConfig = { ...preset, mtimeSecs: this.col.nowSecs(), usn: this.col.usn() };
    this.col
      .stmt('insert or replace into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)')
      .run(written.id, written.name, written.mtimeSecs, written.usn, encodeDeckConfig(written.config));
    this.byId.set(written.id, written);
    return written;
  }

  /** Adds a preset under a new id (now in ms, or the highest id plus one when taken). */
  add(name: string, config: DeckConfigConfig): DeckConfig {
    let id = this.col.nowMs();
    if (this.get(id) !== undefined) {
      id = (this.col.stmt<[], { id: number }>('select max(id) as id from deck_config').get()?.id ?? 0) + 1;
    }
    return this.save({ id, name, config });
  }

  /** Deletes a preset's row; the decks using it are the caller's to move. */
  remove(id: number): void {
    this.col.stmt('delete from deck_config where id = ?').run(id);
    this.byId.delete(id);
  }

  /** The preset with `id`, or preset 1 when it is missing: Anki's fallback for dangling ids. */
  getOrDefault(id: number): DeckConfig {
    const config = this.get(id) ?? this.get(1);
    if (config === undefined) throw new Error('the collection has no default options preset (id 1)');
    return config;
  }
}
