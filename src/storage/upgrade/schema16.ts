/**
 * Upgrade to schema 16 (rslib `upgrade_deck_conf_to_schema16`, `fix_low_card_eases_for_configs`):
 * the starting ease goes back from percent to a ratio (250 → 2.5). Schema 15 gave new presets a
 * starting ease of 2.5%, which the options screen raised to its minimum of 130%; so a preset left
 * at 1.3 or lower is reset to 2.5, and the cards of its decks with an ease of 200% or lower
 * (but set) get 250%, marked for the next sync.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { encodeDeckConfig } from '../../deckconfig/store.js';
import { deckFromRow, type DeckRow } from '../../decks/deck.js';
import { DeckConfigConfigSchema } from '../proto/gen/anki_storage/deck_config_pb.js';
import type { UpgradeContext } from './context.js';

/** Runs the schema-16 step. */
export function upgradeToSchema16({ col }: UpgradeContext): void {
  const update = col.db.prepare('update deck_config set config = ? where id = ?');
  const reset: number[] = [];
  for (const row of col.db.prepare('select id, config from deck_config').all() as { id: number; config: Buffer }[]) {
    // Read as stored: the range checks Anki applies when it loads a preset do not apply here.
    const config = fromBinary(DeckConfigConfigSchema, row.config);
    config.initialEase = Math.fround(config.initialEase / 100);
    if (config.initialEase <= Math.fround(1.3)) {
      config.initialEase = 2.5;
      reset.push(row.id);
    }
    update.run(encodeDeckConfig(config), row.id);
  }

  const decks = (col.db.prepare('select id, name, mtime_secs, usn, common, kind from decks').all() as DeckRow[]).map(deckFromRow);
  const affected = decks
    .filter((deck) => deck.kind.kind.case === 'normal' && reset.includes(Number(deck.kind.kind.value.configId)))
    .map((deck) => deck.id);
  col.db
    .prepare(
      `update cards set factor = 2500, usn = ?
       where factor != 0 and factor <= 2000
         and (did in (select value from json_each(?)) or odid in (select value from json_each(?)))`,
    )
    .run(col.usn(), JSON.stringify(affected), JSON.stringify(affected));
  col.db.exec('update col set ver = 16');
}
