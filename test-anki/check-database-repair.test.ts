// Check Database with repairs (src/dbcheck/repair.ts) against real Anki's. A healthy generated
// collection (every stock note type, every card state, review history) is damaged in one way
// per case with raw SQL (support/damage.ts), plus one case with all the damage at once. Each
// damaged file is copied twice: real Anki runs its Check Database on one copy, the server runs
// its own on the other, both at the same frozen instant (Anki through libfaketime, the server on
// a fixed clock), so "now" stamps and ids taken from the clock agree. Then the report lines must
// be equal (Anki's order is fixed, so they are compared in order) and so must every row of every
// table, blobs decoded (canonical-rows.ts), after the normalisation described at `comparable`.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { GENERATOR_EPOCH_MS, generateCollection } from '../bench/generate.js';
import type { Clock } from '../src/collection/clock.js';
import { openCollection } from '../src/collection/open.js';
import { checkDatabase } from '../src/dbcheck/repair.js';
import { AnkiDriver, AnkiError } from './support/anki.js';
import { canonicalRows } from './support/canonical-rows.js';
import { ALL_DAMAGE, applyDamage, corruptRevlogIndex, DAMAGE_CASES, FUTURE_IDS_AND_GENERATED_CARDS, type DamageCase } from './support/damage.js';
import { dumpRows, type Rows } from './support/rows.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';

/** The instant both checks run at: whole seconds (libfaketime's file holds seconds), 300 days after generation. */
const NOW_MS = GENERATOR_EPOCH_MS + 300 * 86_400_000 + 3_600_000;

/** The server's clock, frozen at NOW_MS, in the machine's time zone as Anki's process sees it. */
const frozenClock: Clock = { nowMs: () => NOW_MS, minutesWest: (ms) => new Date(ms).getTimezoneOffset() };

interface Side {
  problems: string[] | { error: string };
  rows: Rows;
}

/** The note type ids a collection file holds. */
function notetypeIds(rows: Rows): Set<number> {
  return new Set((rows.get('notetypes') ?? []).map((row) => (JSON.parse(row) as unknown[])[0] as number));
}

/**
 * The rows with what may differ for a reason replaced by a marker. Two things:
 * - the ids of the fields and templates of a note type the check created (a recovery note type,
 *   or Basic when none was left): Anki draws those at random (rslib notetype `new_field` and
 *   `new_template` take a random i64), so they can never be equal;
 * - the ids of the cards the check generated (ids from NOW_MS on): Anki generates a cloze note's
 *   missing cards in the iteration order of a hash set of cloze numbers, which changes from one
 *   Anki process to the next, so which of a note's new cards gets the first id is chance. The
 *   cards themselves (note, ordinal, deck, position) are still compared.
 * Everything else Anki stamps with "now" (col.mod, col.scm, deck, note type and card mtimes, note
 * type and deck ids taken from the clock) is compared as is: both sides ran at the same frozen
 * instant.
 */
function comparable(rows: Rows, existingNotetypes: ReadonlySet<number>): Rows {
  const out: Rows = new Map(rows);
  out.set(
    'cards',
    (rows.get('cards') ?? [])
      .map((text) => {
        const row = JSON.parse(text) as unknown[];
        if (typeof row[0] === 'number' && row[0] >= NOW_MS && row[0] < NOW_MS + 86_400_000) row[0] = '<generated>';
        return JSON.stringify(row);
      })
      .sort(),
  );
  for (const table of ['fields', 'templates']) {
    const list = rows.get(table) ?? [];
    out.set(
      table,
      list
        .map((text) => {
          const row = JSON.parse(text) as unknown[];
          const config: unknown = row[table === 'fields' ? 3 : 5];
          if (!existingNotetypes.has(row[0] as number) && typeof config === 'object' && config !== null && 'id' in config) {
            (config as Record<string, unknown>)['id'] = '<random>';
          }
          return JSON.stringify(row);
        })
        .sort(),
    );
  }
  return out;
}

/** Lines that differ between two row sets, for a readable failure. */
function rowDifferences(anki: Rows, ours: Rows): string[] {
  const out: string[] = [];
  for (const table of new Set([...anki.keys(), ...ours.keys()])) {
    const a = new Set(anki.get(table) ?? []);
    const b = new Set(ours.get(table) ?? []);
    for (const row of a) if (!b.has(row)) out.push(`${table} anki   ${row}`);
    for (const row of b) if (!a.has(row)) out.push(`${table} server ${row}`);
  }
  return out;
}

describe('Check Database repairs as real Anki does', () => {
  const anki = new AnkiDriver({ fakeTime: true });
  let base: TempProfile;
  let baseNotetypes: Set<number>;
  const profiles: TempProfile[] = [];
  let compared = 0;

  before(() => {
    base = tempProfile();
    generateCollection(base.path, { notes: 80, decks: 5, seed: 23, varied: true });
    baseNotetypes = notetypeIds(dumpRows(base.path));
    anki.setTime(NOW_MS);
  });
  after(async () => {
    await anki.stop();
    for (const profile of profiles) profile.remove();
    base.remove();
    console.log(`check database: ${compared} damaged collections repaired alike by Anki and the server`);
  });

  async function runAnki(path: string): Promise<Side> {
    await anki.open(path);
    let problems: Side['problems'];
    try {
      problems = await anki.checkDatabase();
    } catch (err) {
      if (!(err instanceof AnkiError)) throw err;
      problems = { error: err.message };
    }
    await anki.close();
    return { problems, rows: comparable(canonicalRows(path), baseNotetypes) };
  }

  function runServer(path: string): Side {
    const col = openCollection(path, { clock: frozenClock });
    let problems: Side['problems'];
    try {
      problems = checkDatabase(col).problems;
    } catch (err) {
      problems = { error: err instanceof Error ? err.message : String(err) };
    } finally {
      col.close();
    }
    return { problems, rows: comparable(canonicalRows(path), baseNotetypes) };
  }

  test('a damaged file is refused with Anki\'s text, and left alone', async () => {
    const damaged = copyProfile(base.path);
    const forServer = tempProfile();
    profiles.push(damaged, forServer);
    corruptRevlogIndex(damaged.path);
    copyFileSync(damaged.path, forServer.path);
    await anki.open(damaged.path);
    const ankiError = await anki.checkDatabase().then(
      () => 'no error',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    await anki.close();
    assert.equal(ankiError, 'Collection file is corrupt. Please restore from an automatic backup.');
    const before = readFileSync(forServer.path);
    const col = openCollection(forServer.path, { clock: frozenClock });
    try {
      assert.throws(() => checkDatabase(col), { name: 'DatabaseCorruptError', message: ankiError });
    } finally {
      col.close();
    }
    assert.ok(readFileSync(forServer.path).equals(before), 'the refused file was changed');
  });

  /** Damages a copy of the base, checks one copy of it in Anki and another in the server. */
  async function compare(damage: DamageCase | undefined): Promise<{ anki: Side; server: Side }> {
    const damaged = copyProfile(base.path);
    profiles.push(damaged);
    if (damage !== undefined) applyDamage(damaged.path, damage.sql);
    const forAnki = tempProfile();
    const forServer = tempProfile();
    profiles.push(forAnki, forServer);
    copyFileSync(damaged.path, forAnki.path);
    copyFileSync(damaged.path, forServer.path);
    const ankiSide = await runAnki(forAnki.path);
    const serverSide = runServer(forServer.path);
    if (!Array.isArray(ankiSide.problems) && damage?.serverRepairsWhereAnkiFails !== undefined) {
      // A declared difference: Anki fails where the server repairs. What the server left must
      // then be a collection Anki's own check finds nothing wrong with.
      assert.ok(Array.isArray(serverSide.problems), `the server failed too: ${JSON.stringify(serverSide.problems)}`);
      // Anki's check succeeds on it. It may still add last review times: renumbering reviews
      // dated in the future changes the times the cards' last reviews were given, which Anki's
      // check records on its next run (one check of Anki's own is not idempotent here either).
      const recheck = await runAnki(forServer.path);
      assert.ok(Array.isArray(recheck.problems), `Anki's check of the server's repair failed: ${JSON.stringify(recheck.problems)}`);
      for (const line of recheck.problems) assert.match(line, /^Added last review time to/, "Anki's check of the server's repair");
      compared++;
      return { anki: ankiSide, server: serverSide };
    }
    if (Array.isArray(ankiSide.problems)) {
      assert.deepEqual(serverSide.problems, ankiSide.problems, 'report lines differ');
    } else {
      // Both refuse. Anki wraps SQLite's message in the debug form of its error type
      // (`DbError { info: "SqliteFailure(…, Some(\"UNIQUE constraint failed: cards.id\"))" … }`);
      // the server gives SQLite's message alone, which must be the one inside.
      assert.ok(!Array.isArray(serverSide.problems), `Anki failed (${ankiSide.problems.error}), the server did not`);
      assert.ok(
        ankiSide.problems.error.includes(serverSide.problems.error.replaceAll('"', '\\"')),
        `different failures: Anki ${ankiSide.problems.error}, server ${serverSide.problems.error}`,
      );
    }
    const differences = rowDifferences(ankiSide.rows, serverSide.rows);
    assert.deepEqual(differences, [], `rows differ after the check:\n${differences.join('\n')}`);
    compared++;
    return { anki: ankiSide, server: serverSide };
  }

  test('a healthy collection: no problem, and the same rewrites as Anki', async () => {
    const { anki: ankiSide } = await compare(undefined);
    assert.deepEqual(ankiSide.problems, []);
  });

  for (const damage of [...DAMAGE_CASES, FUTURE_IDS_AND_GENERATED_CARDS, ALL_DAMAGE]) {
    // Some repairs are silent in Anki (sort field and checksum, a note's mtime in the future, the
    // next position, Basic added back): those cases are checked by their rows alone.
    test(damage.name, async () => {
      await compare(damage);
    });
  }
});
