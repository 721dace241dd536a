import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openCollection } from '../../collection/open.js';
import { newTestDispatcher } from '../../../test/support/dispatch.js';
import { unicaseExtensionPath } from '../database.js';
import { downgradeToSchema11 } from './schema11.js';

/** The rows the downgrade moves into JSON, as comparable text. */
function rows(db: Database.Database): Record<string, unknown[]> {
  {
    const all = (sql: string): unknown[] => db.prepare(sql).raw().all().map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    return {
      notetypes: all('select * from notetypes order by id'),
      fields: all('select * from fields order by ntid, ord'),
      templates: all('select * from templates order by ntid, ord'),
      decks: all('select * from decks order by id'),
      deck_config: all('select * from deck_config order by id'),
      tags: all('select tag, usn from tags order by tag'),
      config: all('select KEY, cast(val as text) from config order by KEY'),
    };
  }
}

function rowsOf(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  db.loadExtension(unicaseExtensionPath());
  try {
    return rows(db);
  } finally {
    db.close();
  }
}

test('downgraded to schema 11 and opened again (upgraded as Anki upgrades), the collection has the same objects', async () => {
  const server = newTestDispatcher();
  try {
    await server.call('createModel', {
      modelName: 'Custom',
      inOrderFields: ['A', 'B'],
      css: '.x {}',
      cardTemplates: [{ Name: 'One', Front: '{{A}}', Back: '{{B}}' }],
    });
    await server.call('createDeck', { deck: 'Parent::Child' });
    await server.call('addNote', { note: { deckName: 'Parent::Child', modelName: 'Custom', fields: { A: 'a', B: 'b' }, tags: ['t1', 'x::y'] } });
    const configId = (await server.call('cloneDeckConfigId', { name: 'Other', cloneFrom: 1 })) as number;
    await server.call('setDeckConfigId', { decks: ['Parent'], configId });
    const path = server.col.path;
    const before = rows(server.col.db);
    downgradeToSchema11(server.col);
    server.state.close();
    const bytes = new Database(path, { readonly: true });
    try {
      assert.equal(bytes.prepare('select ver from col').pluck().get(), 11);
      assert.equal(bytes.pragma('journal_mode', { simple: true }), 'delete');
      assert.deepEqual(
        bytes.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all(),
        ['cards', 'col', 'graves', 'notes', 'revlog'],
      );
    } finally {
      bytes.close();
    }
    const col = openCollection(path, { mediaDir: join(server.base, 'media'), log: () => undefined, backup: false });
    col.close();
    const after = rowsOf(path);
    for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], table);
  } finally {
    server.close();
  }
});
