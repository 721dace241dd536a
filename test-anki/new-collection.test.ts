// A new collection as the server creates it and as real Anki creates it (and opens it, working
// out "today" as its deck list does): the same tables and indexes, the same col row, config,
// deck 1, options preset 1 and six stock note types, byte for byte, apart from what each draws
// when it writes (note type ids and the random ids of fields and templates, times); and Anki
// reads the same config from both.
import assert from 'node:assert/strict';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import Database from 'better-sqlite3';
import { after, describe, test } from 'node:test';
import { unicaseExtensionPath } from '../src/storage/database.js';
import { FieldConfigSchema, TemplateConfigSchema } from '../src/storage/proto/gen/anki_storage/notetypes_pb.js';
import { AnkiDriver } from './support/anki.js';
import { withoutSqlComments } from './support/differences.js';
import { tempProfile } from './support/profile.js';
import { OurServer } from './support/server.js';

/** What can be compared of a new collection: drawn ids and times replaced by their order. */
function snapshot(path: string): Record<string, unknown> {
  const db = new Database(path, { readonly: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    const all = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
    const notetypeIds = all('select id from notetypes order by id').map((row) => row[0]);
    const ntid = (id: unknown) => `notetype ${notetypeIds.indexOf(id)}`;
    const withoutId = (schema: typeof FieldConfigSchema | typeof TemplateConfigSchema, blob: Buffer) =>
      Buffer.from(toBinary(schema as typeof FieldConfigSchema, { ...fromBinary(schema as typeof FieldConfigSchema, blob), id: 0n })).toString('hex');
    return {
      // Without SQL comments: see `schema-comments` in support/differences.ts.
      schema: all("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name").map(
        (row) => row.map((value, i) => (i === 3 ? withoutSqlComments(String(value)) : value)),
      ),
      col: all('select id, crt, mod, ver, dty, usn, ls, conf, models, decks, dconf, tags from col'),
      config: all('select KEY, usn, cast(val as text) from config order by KEY').map(([key, usn, val]) => [
        key,
        usn,
        key === 'curModel' ? ntid(Number(val)) : val,
      ]),
      decks: all('select id, name, mtime_secs, usn, hex(common), hex(kind) from decks'),
      deckConfig: all('select id, name, mtime_secs, usn, hex(config) from deck_config'),
      notetypes: all('select id, name, usn, hex(config) from notetypes order by id').map(([id, ...rest]) => [ntid(id), ...rest]),
      fields: all('select ntid, ord, name, config from fields order by ntid, ord').map(([id, ord, name, config]) => [
        ntid(id),
        ord,
        name,
        withoutId(FieldConfigSchema, config as Buffer),
      ]),
      templates: all('select ntid, ord, name, mtime_secs, usn, config from templates order by ntid, ord').map(
        ([id, ord, name, mtime, usn, config]) => [ntid(id), ord, name, mtime, usn, withoutId(TemplateConfigSchema, config as Buffer)],
      ),
      counts: all("select (select count() from notes), (select count() from cards), (select count() from revlog), (select count() from tags), (select count() from graves)"),
    };
  } finally {
    db.close();
  }
}

describe('a new collection', () => {
  const anki = new AnkiDriver();
  after(() => anki.stop());

  test('is what Anki creates', async () => {
    const ours = tempProfile();
    const theirs = tempProfile();
    try {
      OurServer.open(ours.path).close();
      await anki.open(theirs.path);
      await anki.ac('getDeckStats', { decks: ['Default'] });
      await anki.close();
      const mine = snapshot(ours.path);
      const real = snapshot(theirs.path);
      for (const key of Object.keys(real)) assert.deepEqual(mine[key], real[key], key);
      // And Anki reads the server's config as its own (the current note type is Basic in both).
      const config = async (path: string) => {
        await anki.open(path);
        try {
          const all = (await anki.call('config')) as Record<string, unknown>;
          const basic = ((await anki.ac('modelNamesAndIds')) as Record<string, number>)['Basic'];
          return { ...all, curModel: all['curModel'] === basic ? 'Basic' : all['curModel'] };
        } finally {
          await anki.close();
        }
      };
      assert.deepEqual(await config(ours.path), await config(theirs.path));
    } finally {
      ours.remove();
      theirs.remove();
    }
  });
});
