/**
 * Structural edits on a collection Anki wrote (transformerman/two_deck_collection.anki2, 16 Basic
 * notes in three decks): after every step the integrity checker passes, every note keeps its
 * values under the same field names, and every note has the cards its templates call for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Dispatcher } from '../../src/api/dispatcher.js';
import { createRegistry } from '../../src/api/actions/index.js';
import type { Collection } from '../../src/collection/collection.js';
import type { ServerState } from '../../src/api/context.js';
import { defaultSettings } from '../../src/config/settings.js';
import { CollectionGate } from '../../src/server/gate.js';
import { SyncService } from '../../src/sync/service.js';
import { ChangeEvents } from '../../src/events/hub.js';
import { GuiWindows } from '../../src/gui/windows.js';
import { assertIntegrity, openFixtureCopy } from '../support/collections.js';
import { fixture } from '../support/fixtures.js';
import { notetypeId, storedNotes } from './support.js';

/** The dispatcher over an already open collection. */
function dispatcherFor(col: Collection) {
  const settings = defaultSettings({});
  const gate = new CollectionGate();
  const notHere = (): never => {
    throw new Error('not supported here');
  };
  const host = { settings, gate, collection: () => col, collectionIfOpen: () => col, replaceCollectionNow: notHere };
  const server: ServerState = {
    ...host,
    sync: new SyncService(host),
    gui: new GuiWindows(),
    events: new ChangeEvents(),
    readers: undefined,
    requestExit: () => undefined,
    collection: () => col,
    collectionIfOpen: () => col,
    profileName: () => 'test',
    profileNames: () => ['test'],
    loadProfile: (name) => name === 'test',
    settle: () => undefined,
    hold: () => () => undefined,
    changeDone: () => undefined,
    replaceCollectionFile: notHere,
  };
  const dispatcher = new Dispatcher(createRegistry(), server);
  return async (action: string, params: Record<string, unknown>): Promise<unknown> => {
    const reply = (await dispatcher.handle({ action, version: 6, params }, { origin: '', allowed: true, local: true })) as {
      result: unknown;
      error: string | null;
    };
    if (reply.error !== null) throw new Error(`${action}: ${reply.error}`);
    return reply.result;
  };
}

test('field and template edits on a collection Anki wrote keep every note whole', async () => {
  const { col, close } = openFixtureCopy(fixture('transformerman/two_deck_collection.anki2'));
  try {
    const call = dispatcherFor(col);
    const mid = notetypeId(col, 'Basic');
    const valuesByName = async () => {
      const names = (await call('modelFieldNames', { modelName: 'Basic' })) as string[];
      return storedNotes(col, mid).map((note) => Object.fromEntries(names.map((name, i) => [name, note.fields[i]])));
    };
    const original = await valuesByName();
    assert.equal(original.length, 16);

    const steps: [string, Record<string, unknown>, (values: Record<string, string | undefined>) => Record<string, string | undefined>][] = [
      ['modelFieldRename', { oldFieldName: 'Front', newFieldName: 'Question' }, (v) => ({ Question: v['Front'], Back: v['Back'] })],
      ['modelFieldAdd', { fieldName: 'Notes', index: 0 }, (v) => ({ Notes: '', Question: v['Front'], Back: v['Back'] })],
      ['modelFieldReposition', { fieldName: 'Back', index: 0 }, (v) => ({ Back: v['Back'], Notes: '', Question: v['Front'] })],
      ['modelTemplateAdd', { template: { Name: 'Reverse', Front: '{{Back}}', Back: '{{Question}}' } }, (v) => ({ Back: v['Back'], Notes: '', Question: v['Front'] })],
      ['modelTemplateReposition', { templateName: 'Reverse', index: 0 }, (v) => ({ Back: v['Back'], Notes: '', Question: v['Front'] })],
      ['modelTemplateRemove', { templateName: 'Card 1' }, (v) => ({ Back: v['Back'], Notes: '', Question: v['Front'] })],
      ['modelFieldRemove', { fieldName: 'Notes' }, (v) => ({ Back: v['Back'], Question: v['Front'] })],
    ];
    for (const [action, params, expected] of steps) {
      await call(action, { modelName: 'Basic', ...params });
      assertIntegrity(col);
      assert.deepEqual(await valuesByName(), original.map(expected), `note values after ${action}`);
    }
    assert.deepEqual(await call('modelTemplates', { modelName: 'Basic' }), {
      Reverse: { Front: '{{Back}}', Back: '{{Question}}' },
    });
    const withBack = original.filter((values) => (values['Back'] ?? '') !== '').length;
    assert.equal(
      (col.db.prepare('select count() as n from cards where nid in (select id from notes where mid = ?)').get(mid) as { n: number }).n,
      withBack,
      'one Reverse card per note with a back',
    );
  } finally {
    close();
  }
});
