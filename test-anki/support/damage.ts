/**
 * Damage for the Check Database comparison (check-database-repair.test.ts): each case is raw SQL
 * run on a copy of a healthy collection, one kind of damage per case, chosen to reach one repair
 * of Anki's Check Database (rslib dbcheck.rs). Targets are picked by subqueries so the SQL works
 * on any generated collection. The statements are fixed texts with no values from outside.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { unicaseExtensionPath } from '../../src/storage/database.js';

export interface DamageCase {
  name: string;
  sql: string[];
  /** Why the server repairs what makes Anki's check fail (a declared difference). */
  serverRepairsWhereAnkiFails?: string;
}

/** A review card: the first by id (the generated collection has many). */
const REVIEW_CARD = '(select min(id) from cards where type = 2 and queue = 2 and odid = 0)';
/** A new card in the new queue. */
const NEW_CARD = '(select min(id) from cards where type = 0 and queue = 0)';
/** A note of the given stock note type. */
const noteOf = (notetype: string, nth = 0) =>
  `(select id from notes where mid = (select id from notetypes where name = '${notetype}') order by id limit 1 offset ${nth})`;

export const DAMAGE_CASES: DamageCase[] = [
  {
    name: 'new card position of two million and more',
    sql: [`update cards set due = 2500003 where id = ${NEW_CARD}`],
  },
  {
    name: 'review card due on an epoch timestamp',
    sql: [`update cards set due = 1700000000 where id = ${REVIEW_CARD}`],
  },
  {
    name: 'fractional due and interval, negative interval',
    sql: [
      `update cards set due = due + 0.4, ivl = 3.7 where id = ${REVIEW_CARD}`,
      'update cards set ivl = -5 where id = (select max(id) from cards where type = 2)',
    ],
  },
  {
    name: 'original due without an original deck',
    sql: [`update cards set odue = 50 where id = ${REVIEW_CARD}`],
  },
  {
    name: 'fractional modification time',
    sql: [`update cards set mod = mod + 0.5 where id = ${REVIEW_CARD}`],
  },
  {
    name: 'card ordinals out of range',
    sql: [
      `update cards set ord = 40000 where id = (select min(id) from cards where nid = ${noteOf('Basic')})`,
      `update cards set ord = -3 where id = (select max(id) from cards where nid = ${noteOf('Basic (and reversed card)')})`,
    ],
  },
  {
    name: 'cards whose note is gone',
    sql: [`delete from notes where id = ${noteOf('Basic (and reversed card)', 1)}`],
  },
  {
    name: 'cards in a deck that does not exist',
    sql: ['update cards set did = 424242 where id in (select id from cards where odid = 0 order by id limit 3)'],
  },
  {
    name: 'a deck with cards and subdecks deleted',
    sql: [
      "delete from decks where id = (select id from decks where id != 1 and instr(name, char(31)) = 0 and exists (select 1 from decks d where d.name like decks.name || char(31) || '%') and exists (select 1 from cards where did = decks.id) limit 1)",
    ],
  },
  {
    name: 'parent deck missing',
    sql: [
      "delete from decks where id = (select id from decks where id != 1 and exists (select 1 from decks d where d.name like decks.name || char(31) || '%') and not exists (select 1 from cards where did = decks.id or odid = decks.id) order by name desc limit 1)",
    ],
  },
  {
    name: 'original deck on a card outside a filtered deck',
    sql: [`update cards set odid = 1, odue = 5 where id = ${REVIEW_CARD}`],
  },
  {
    name: 'note type missing',
    sql: [
      "delete from fields where ntid = (select id from notetypes where name = 'Basic (and reversed card)')",
      "delete from templates where ntid = (select id from notetypes where name = 'Basic (and reversed card)')",
      "delete from notetypes where name = 'Basic (and reversed card)'",
    ],
  },
  {
    name: 'notes with too many and too few fields',
    sql: [
      `update notes set flds = flds || char(31) || 'extra' || char(31) || 'more' where id = ${noteOf('Basic')}`,
      `update notes set flds = 'only one' where id = ${noteOf('Basic', 1)}`,
    ],
  },
  {
    name: 'two cards of a note with the same template',
    sql: [
      `insert into cards select (select max(id) + 1 from cards), nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where id = (select min(id) from cards where nid = ${noteOf('Basic')})`,
    ],
  },
  {
    name: 'card of a template that does not exist',
    sql: [
      `insert into cards select (select max(id) + 2 from cards), nid, did, 5, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where id = (select min(id) from cards where nid = ${noteOf('Basic', 2)})`,
    ],
  },
  {
    name: 'notes without cards',
    sql: [
      `delete from cards where nid = ${noteOf('Basic (and reversed card)', 2)}`,
      // Empty front: no template qualifies, and card 1 is still made.
      `update notes set flds = '' || char(31) || 'back' where id = ${noteOf('Basic', 3)}`,
      `delete from cards where nid = ${noteOf('Basic', 3)}`,
      `delete from cards where nid = ${noteOf('Cloze', 0)}`,
    ],
  },
  {
    name: 'duplicate, badly spelled and unregistered tags',
    sql: [
      `update notes set tags = ' foo Foo  bar::baz BAR::x zed' where id = ${noteOf('Basic')}`,
      `update notes set tags = 'FOO' where id = ${noteOf('Basic', 1)}`,
      "delete from tags where tag in (select tag from tags order by tag limit 3)",
      "insert into tags (tag, usn, collapsed, config) values ('unused::tag', 0, 0, null)",
      "update tags set collapsed = 0 where tag = (select tag from tags where tag != 'unused::tag' order by tag desc limit 1)",
    ],
  },
  {
    name: 'review log entries with invalid values',
    sql: [
      'update revlog set ivl = 2.5, lastIvl = -1.5, time = -10 where id = (select min(id) from revlog)',
      'update revlog set type = 0, time = 0, ease = 0 where id = (select max(id) from revlog)',
    ],
  },
  {
    name: 'wrong checksum and sort field, unnormalised text',
    sql: [
      `update notes set csum = 0, sfld = 'wrong' where id = ${noteOf('Basic')}`,
      `update notes set flds = 'cafe' || char(769) || char(31) || '<b>x</b>' || char(1) where id = ${noteOf('Basic', 1)}`,
    ],
  },
  {
    name: 'next position behind the new cards',
    sql: ["update config set val = cast('3' as blob) where KEY = 'nextPos'"],
  },
  {
    name: 'ids in the future',
    sql: [
      `update cards set nid = 99999999999999 where nid = ${noteOf('Basic', 4)}`,
      `update notes set id = 99999999999999 where id = ${noteOf('Basic', 4)}`,
      `update revlog set cid = 99999999999998 where cid = ${REVIEW_CARD}`,
      `update cards set id = 99999999999998 where id = ${REVIEW_CARD}`,
      'update revlog set id = 99999999999990 where id = (select min(id) from revlog)',
    ],
  },
  {
    name: 'invalid UTF-8 in a note',
    sql: [`update notes set flds = cast(x'666f6fff6261721f6261636b' as text) where id = ${noteOf('Basic')}`],
  },
  {
    name: 'last review time missing or wrong',
    sql: [
      `update cards set data = '{}' where id = (select min(id) from cards where type = 2 and id in (select cid from revlog))`,
      `update cards set data = '{"lrt":5}' where id = (select max(id) from cards where type = 2 and id in (select cid from revlog))`,
    ],
  },
  {
    name: 'note modified in the future',
    sql: [`update notes set mod = 4000000000 where id = ${noteOf('Basic')}`],
  },
  {
    // Anki cannot load such a card; it loads it here because the card has a review history
    // (last review time step), so the whole check fails.
    name: 'card type out of range on a reviewed card (Anki fails)',
    sql: [`update cards set type = 9 where id = ${REVIEW_CARD}`],
  },
  {
    // A queue out of range on a card no step loads is left as it is.
    name: 'card queue out of range on a card without history',
    sql: [`update cards set queue = 7 where id = ${NEW_CARD}`],
  },
  {
    name: 'no note type and no note left',
    sql: ['delete from notes', 'delete from cards', 'delete from revlog', 'delete from fields', 'delete from templates', 'delete from notetypes'],
  },
];

const sqlOf = (name: string): string[] => DAMAGE_CASES.find((c) => c.name === name)?.sql ?? [];

/**
 * Future ids beside notes without cards. The note pass generates cards with ids from now on,
 * and the renumbering of future ids also starts at now (see fixFutureIds): real Anki fails with
 * a unique-id error and changes nothing, and so must the server.
 */
export const FUTURE_IDS_AND_GENERATED_CARDS: DamageCase = {
  name: 'ids in the future beside cards the check generates (Anki fails, the server repairs)',
  sql: [...sqlOf('notes without cards'), ...sqlOf('ids in the future')],
  serverRepairsWhereAnkiFails:
    'Anki gives a generated card the id "now", which the renumbering of future ids then hands out again (UNIQUE constraint ' +
    'failed); the server never hands out an id below one the table has had (README: deviations)',
};

/**
 * Every damage above in one file, in the order listed, but for the one that empties the
 * collection, the ones that make the check fail, and the future ids (which make it fail once
 * cards are generated, above).
 */
export const ALL_DAMAGE: DamageCase = {
  name: 'all damage at once (but future ids)',
  sql: DAMAGE_CASES.filter((c) => !['no note type and no note left', 'ids in the future'].includes(c.name) && !c.name.endsWith('(Anki fails)')).flatMap(
    (c) => c.sql,
  ),
};

/** Runs `sql` on the closed collection at `path`, with the unicase collation loaded. */
export function applyDamage(path: string, sql: readonly string[]): void {
  const db = new Database(path, { fileMustExist: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    db.transaction(() => {
      for (const statement of sql) db.prepare(statement).run();
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Breaks the b-tree header (freeblock offset and cell count) of the root page of the review
 * log's usn index, which SQLite's quick check reports. Anki reads nothing of that index when it
 * opens a collection, so the file still opens, and the damage shows only when checked.
 */
export function corruptRevlogIndex(path: string): void {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  let root: number;
  let pageSize: number;
  try {
    root = db.prepare<[], { rootpage: number }>("select rootpage from sqlite_master where name = 'ix_revlog_usn'").get()?.rootpage ?? 0;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
  if (root < 2) throw new Error('no review log index to damage');
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, (root - 1) * pageSize + 1);
  } finally {
    closeSync(fd);
  }
}
