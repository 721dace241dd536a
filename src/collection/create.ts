import { create } from '@bufbuild/protobuf';
import { encodeDeckConfig } from '../deckconfig/store.js';
import { defaultDeckConfig } from '../deckconfig/defaults.js';
import { encodeDeckCommon, encodeDeckKind } from '../decks/deck.js';
import { stockNotetypes } from '../notetypes/stock.js';
import { DeckCommonSchema, DeckKindSchema, NormalDeckSchema } from '../storage/proto/gen/anki_storage/decks_pb.js';
import { SCHEMA_18_DDL, SCHEMA_VERSION } from '../storage/schema18.js';
import type { Collection } from './collection.js';
import type { ConfigValue } from './config.js';
import { adoptMachineTime } from './local-time.js';
import { creationStamp } from './timing.js';

/**
 * Fills an empty database with a new collection exactly as modern Anki creates one
 * (anki-format.md §2.5): the schema-18 tables, the `col` row, the config keys of a schema-11
 * collection upgraded to 18, options preset 1, deck 1 and the six stock note types, then the
 * keys Anki desktop writes on first open (current note type, rollover hour, UTC offset unless
 * it is UTC).
 */
export function initializeCollection(col: Collection): void {
  const nowMs = col.nowMs();
  const nowSecs = Math.floor(nowMs / 1000);
  const crt = creationStamp(nowSecs, col.clock.minutesWest(nowMs));
  const creationOffset = col.clock.minutesWest(crt * 1000);

  col.db.exec(SCHEMA_18_DDL);
  col.transact(() => {
    col
      .stmt('insert into col values (1, ?, 0, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)')
      .run(crt, nowMs, SCHEMA_VERSION, '', '', '', '', '');

    // Keys carried over from the schema-11 `col.conf` JSON keep usn 0 and mtime 0, as Anki's
    // upgrade writes them.
    const initialConfig: [string, ConfigValue][] = [
      ['activeDecks', [1]],
      ['curDeck', 1],
      ['newSpread', 0],
      ['collapseTime', 1200],
      ['timeLim', 0],
      ['estTimes', true],
      ['dueCounts', true],
      ['curModel', null],
      ['nextPos', 1],
      ['sortType', 'noteFld'],
      ['sortBackwards', false],
      ['addToCur', true],
      ['dayLearnFirst', false],
      ['schedVer', 2],
      ['creationOffset', creationOffset],
      ['sched2021', true],
    ];
    const insertConfig = col.stmt('insert into config (KEY, usn, mtime_secs, val) values (?, 0, 0, ?)');
    for (const [key, value] of initialConfig) insertConfig.run(key, Buffer.from(JSON.stringify(value), 'utf8'));
    col.resetCaches();

    col
      .stmt('insert into deck_config (id, name, mtime_secs, usn, config) values (1, ?, 0, 0, ?)')
      .run('Default', encodeDeckConfig(defaultDeckConfig()));
    const common = create(DeckCommonSchema, { studyCollapsed: true, browserCollapsed: true });
    const kind = create(DeckKindSchema, { kind: { case: 'normal', value: create(NormalDeckSchema, { configId: 1n }) } });
    col
      .stmt('insert into decks (id, name, mtime_secs, usn, common, kind) values (1, ?, 0, 0, ?, ?)')
      .run('Default', encodeDeckCommon(common), encodeDeckKind(kind));

    let basicId: number | undefined;
    for (const notetype of stockNotetypes()) {
      const added = col.notetypes.add(notetype);
      basicId ??= added.id;
    }
    if (basicId !== undefined) col.config.set('curModel', basicId);
    // What Anki writes when it first works out "today" (its deck list, at once): the rollover
    // hour, and the UTC offset unless it is UTC, which a missing offset means anyway.
    adoptMachineTime(col, col.clock.minutesWest(nowMs));
  });
  // A collection Anki creates has never been modified: mod 0 until the first change, so that a
  // first sync sees no local changes to keep (the transaction above stamped it).
  col.stmt('update col set mod = 0').run();
  // Anki leaves planner statistics in every collection it creates.
  col.db.exec('analyze');
}
