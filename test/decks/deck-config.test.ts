import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deckConfigId } from '../../src/decks/deck.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { addFilteredDeck } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });

type Dict = Record<string, unknown> & { new: Record<string, unknown>; rev: Record<string, unknown>; lapse: Record<string, unknown> };
const getConfig = async (deck = 'Default') => (await t.call('getDeckConfig', { deck })) as Dict;
const presetOf = (deck: string) => {
  const found = t.col.decks.byName(deck);
  return found === undefined ? undefined : deckConfigId(found);
};

describe('getDeckConfig and saveDeckConfig', () => {
  test("the default preset in the seed README's shape", async () => {
    const config = await getConfig();
    for (const key of ['lapse', 'dyn', 'autoplay', 'mod', 'id', 'maxTaken', 'new', 'name', 'rev', 'timer', 'replayq', 'usn']) {
      assert.ok(key in config, key);
    }
    assert.deepEqual(Object.keys(config.new).sort(), ['bury', 'delays', 'initialFactor', 'ints', 'order', 'perDay']);
    assert.deepEqual(Object.keys(config.rev).sort(), ['bury', 'ease4', 'hardFactor', 'ivlFct', 'maxIvl', 'perDay']);
    assert.deepEqual(Object.keys(config.lapse).sort(), ['delays', 'leechAction', 'leechFails', 'minInt', 'mult']);
    assert.deepEqual([config['id'], config['name'], config['dyn'], config.new['initialFactor'], config.rev['ease4']], [1, 'Default', false, 2500, 1.3]);
  });

  test('a saved dict reads back with new mod and usn; the protobuf holds Anki’s units', async () => {
    const config = await getConfig();
    t.clock.advance(7000);
    const edited = { ...config, maxTaken: 30, new: { ...config.new, initialFactor: 2300, delays: [2, 20, 60], perDay: 5 }, rev: { ...config.rev, perDay: 150, fuzz: 0.05 } };
    assert.equal(await t.call('saveDeckConfig', { config: edited }), true);
    const back = await getConfig();
    assert.deepEqual(back, { ...edited, mod: t.col.nowSecs(), usn: -1 });
    const stored = t.col.deckConfigs.get(1)?.config;
    assert.equal(stored?.initialEase, Math.fround(2.3));
    assert.deepEqual(stored.learnSteps, [2, 20, 60]);
    assert.equal(stored.capAnswerTimeToSecs, 30);
  });

  test('false for an unknown preset or a dict Anki cannot read; nothing changes then', async () => {
    const config = await getConfig();
    assert.equal(await t.call('saveDeckConfig', { config: { ...config, id: 999 } }), false);
    const { maxTaken: _maxTaken, ...noMaxTaken } = config;
    assert.equal(await t.call('saveDeckConfig', { config: { ...noMaxTaken, name: 'changed' } }), false);
    assert.equal(await t.call('saveDeckConfig', { config: { ...config, autoplay: 'yes', name: 'changed' } }), false);
    assert.equal((await getConfig())['name'], 'Default');
    await assert.rejects(t.call('saveDeckConfig', { config: { name: 'x' } }), /^Error: 'id'$/);
    await assert.rejects(t.call('saveDeckConfig', { config: { ...config, id: 'one' } }), /invalid literal for int\(\) with base 10/);
  });

  test('unknown deck gives false; a filtered deck gives its own dict', async () => {
    assert.equal(await t.call('getDeckConfig', { deck: 'Nope' }), false);
    addFilteredDeck(t.col, 'Cram', []);
    const filtered = (await t.call('getDeckConfig', { deck: 'cram' })) as Record<string, unknown>;
    assert.equal(filtered['dyn'], 1);
    assert.equal(filtered['name'], 'Cram');
    assert.deepEqual(filtered['terms'], [['deck:x', 100, 0]]);
    assert.equal(filtered['resched'], true);
  });
});

describe('presets', () => {
  test('clone, assign, remove: decks of a removed preset go back to preset 1; the schema is marked modified', async () => {
    await t.call('createDeck', { deck: 'A' });
    await t.call('createDeck', { deck: 'B' });
    const id = (await t.call('cloneDeckConfigId', { name: 'Copy of Default' })) as number;
    assert.equal(typeof id, 'number');
    const clone = await getConfig();
    assert.equal(await t.call('setDeckConfigId', { decks: ['A', 'b'], configId: id }), true);
    const copy = await getConfig('A');
    assert.deepEqual({ ...copy, id: 1, name: 'Default', mod: 0, usn: 0 }, { ...clone, mod: 0, usn: 0 });
    assert.equal(copy['name'], 'Copy of Default');
    assert.deepEqual([presetOf('A'), presetOf('B'), presetOf('Default')], [id, id, 1]);
    t.clock.advance(1000);
    assert.equal(await t.call('removeDeckConfigId', { configId: id }), true);
    assert.deepEqual([presetOf('A'), presetOf('B')], [1, 1]);
    assert.equal((t.col.db.prepare('select scm from col').get() as { scm: number }).scm, t.col.nowMs());
    assert.equal(await t.call('removeDeckConfigId', { configId: id }), false);
    assert.equal(await t.call('removeDeckConfigId', { configId: 1 }), false);
  });

  test('cloneFrom and configId may be strings; unknown sources and presets give false', async () => {
    const id = (await t.call('cloneDeckConfigId', { name: 'x', cloneFrom: '1' })) as number;
    assert.equal((await t.call('cloneDeckConfigId', { name: 'y', cloneFrom: String(id) })) !== false, true);
    assert.equal(await t.call('cloneDeckConfigId', { name: 'z', cloneFrom: 4242 }), false);
    assert.equal(await t.call('setDeckConfigId', { decks: ['Default'], configId: String(id) }), true);
    assert.equal(await t.call('setDeckConfigId', { decks: ['Default'], configId: 4242 }), false);
  });

  test('setDeckConfigId changes nothing when a deck is missing or filtered', async () => {
    await t.call('createDeck', { deck: 'A' });
    const id = (await t.call('cloneDeckConfigId', { name: 'x' })) as number;
    assert.equal(await t.call('setDeckConfigId', { decks: ['A', 'Missing'], configId: id }), false);
    addFilteredDeck(t.col, 'Cram', []);
    assert.equal(await t.call('setDeckConfigId', { decks: ['A', 'Cram'], configId: id }), false);
    assert.equal(presetOf('A'), 1);
  });
});
