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

  /** The preset with `id`, or preset 1 when it is missing: Anki's fallback for dangling ids. */
  getOrDefault(id: number): DeckConfig {
    const config = this.get(id) ?? this.get(1);
    if (config === undefined) throw new Error('the collection has no default options preset (id 1)');
    return config;
  }
}
