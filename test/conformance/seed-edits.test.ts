// The seed README's samples (shared/seed/) for the note, card, deck and options actions of
// issue #5, each with its documented result, in order against one fresh profile: once through
// the dispatcher and once over HTTP. The README's ids belong to the author's collection, so the
// samples run on notes and cards created first, with the sample ids replaced by theirs. Where a
// documented result cannot be literally true, the check says why and asserts what is answered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection } from '../../src/collection/collection.js';
import { assertIntegrity } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';
import { startFileServer } from '../support/file-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ok } from './seed-cases.js';
import { SEED_DECK_CONFIG } from '../support/seed-samples.js';

interface Env {
  send(request: Record<string, unknown>): Promise<unknown>;
  filesUrl: string;
  /** Ids of the notes and cards standing in for the README's. */
  ids: Map<string, number>;
}

interface Step {
  name: string;
  request: (env: Env) => Record<string, unknown>;
  check: (reply: unknown, env: Env) => void | Promise<void>;
}

const id = (env: Env, key: string): number => {
  const value = env.ids.get(key);
  if (value === undefined) throw new Error(`no id for ${key}`);
  return value;
};
const call = async (env: Env, action: string, params: Record<string, unknown> = {}): Promise<unknown> =>
  ok(await env.send({ action, version: 6, params }));
const isNull = (reply: unknown) => assert.equal(ok(reply), null);

const SAMPLE_CONFIG = SEED_DECK_CONFIG;

const STEPS: Step[] = [
  {
    name: 'setup: three notes give the cards and notes the samples name',
    request: () => ({
      action: 'addNotes',
      version: 6,
      params: {
        notes: ['a', 'b', 'c'].map((front) => ({ deckName: 'Default', modelName: 'Basic', fields: { Front: front, Back: '' }, tags: ['european-languages'] })),
      },
    }),
    check: async (reply, env) => {
      const notes = ok(reply) as number[];
      const infos = (await call(env, 'notesInfo', { notes })) as { cards: number[] }[];
      notes.forEach((note, i) => {
        env.ids.set(`note${i}`, note);
        env.ids.set(`card${i}`, infos[i]?.cards[0] ?? 0);
      });
    },
  },
  {
    name: 'setEaseFactors',
    request: (env) => ({ action: 'setEaseFactors', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')], easeFactors: [4100, 3900] } }),
    check: (reply) => assert.deepEqual(ok(reply), [true, true]),
  },
  {
    name: 'getEaseFactors',
    request: (env) => ({ action: 'getEaseFactors', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')] } }),
    check: (reply) => assert.deepEqual(ok(reply), [4100, 3900]),
  },
  {
    name: 'setSpecificValueOfCard (the sample sets the protected key odue without warning_check)',
    request: (env) => ({ action: 'setSpecificValueOfCard', version: 6, params: { card: id(env, 'card0'), keys: ['flags', 'odue'], newValues: ['1', '-100'] } }),
    // Documented [true, true], but odue needs warning_check: Anki-Connect answers a bare false.
    check: (reply) => assert.equal(ok(reply), false),
  },
  {
    name: 'setSpecificValueOfCard (the sample with a key it may set) gives one true per key',
    request: (env) => ({ action: 'setSpecificValueOfCard', version: 6, params: { card: id(env, 'card0'), keys: ['flags', 'factor'], newValues: ['1', '2100'] } }),
    check: (reply) => assert.deepEqual(ok(reply), [true, true]),
  },
  {
    name: 'suspend',
    request: (env) => ({ action: 'suspend', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')] } }),
    check: (reply) => assert.equal(ok(reply), true),
  },
  {
    name: 'unsuspend (a boolean, as documented)',
    request: (env) => ({ action: 'unsuspend', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')] } }),
    check: (reply) => assert.equal(ok(reply), true),
  },
  {
    name: 'suspended (after suspending the sample card again)',
    request: (env) => ({ action: 'suspend', version: 6, params: { cards: [id(env, 'card1')] } }),
    check: async (reply, env) => {
      assert.equal(ok(reply), true);
      assert.equal(await call(env, 'suspended', { card: id(env, 'card1') }), true);
    },
  },
  {
    name: 'areSuspended',
    request: (env) => ({ action: 'areSuspended', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1'), 1234567891234] } }),
    check: (reply) => assert.deepEqual(ok(reply), [false, true, null]),
  },
  {
    name: 'cardsModTime',
    request: (env) => ({ action: 'cardsModTime', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')] } }),
    // The sample shows one entry for two ids; there is one per id, each with the card's mod.
    check: (reply, env) => {
      const result = ok(reply) as { cardId: number; mod: number }[];
      assert.deepEqual(result.map((entry) => entry.cardId), [id(env, 'card0'), id(env, 'card1')]);
      assert.ok(result.every((entry) => Number.isInteger(entry.mod) && entry.mod > 1_600_000_000));
    },
  },
  {
    name: 'changeDeck (creating the deck)',
    request: (env) => ({ action: 'changeDeck', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1')], deck: 'Japanese::JLPT N3' } }),
    check: isNull,
  },
  {
    name: 'getDecks',
    request: (env) => ({ action: 'getDecks', version: 6, params: { cards: [id(env, 'card0'), id(env, 'card1'), id(env, 'card2')] } }),
    check: (reply, env) =>
      assert.deepEqual(ok(reply), { Default: [id(env, 'card2')], 'Japanese::JLPT N3': [id(env, 'card0'), id(env, 'card1')] }),
  },
  {
    name: 'deleteDecks (of two decks made for it)',
    request: () => ({ action: 'deleteDecks', version: 6, params: { decks: ['Japanese::JLPT N5', 'Easy Spanish'], cardsToo: true } }),
    check: isNull,
  },
  {
    name: 'saveDeckConfig',
    request: () => ({ action: 'saveDeckConfig', version: 6, params: { config: SAMPLE_CONFIG } }),
    check: (reply) => assert.equal(ok(reply), true),
  },
  {
    name: 'getDeckConfig (the saved sample comes back; mod is the time of saving)',
    request: () => ({ action: 'getDeckConfig', version: 6, params: { deck: 'Default' } }),
    check: (reply) => {
      const result = ok(reply) as Record<string, unknown>;
      for (const [key, value] of Object.entries(SAMPLE_CONFIG)) {
        if (key === 'mod') continue;
        if (typeof value === 'object') {
          // Anki stores two graduating intervals and writes the third as 0.
          const expected = key === 'new' ? { ...value, ints: [1, 4, 0] } : value;
          for (const [inner, innerValue] of Object.entries(expected)) {
            assert.deepEqual((result[key] as Record<string, unknown>)[inner], innerValue, `${key}.${inner}`);
          }
        } else {
          assert.deepEqual(result[key], value, key);
        }
      }
      assert.equal(typeof result['mod'], 'number');
    },
  },
  {
    name: 'setDeckConfigId',
    request: () => ({ action: 'setDeckConfigId', version: 6, params: { decks: ['Default'], configId: 1 } }),
    check: (reply) => assert.equal(ok(reply), true),
  },
  {
    name: 'cloneDeckConfigId',
    request: () => ({ action: 'cloneDeckConfigId', version: 6, params: { name: 'Copy of Default', cloneFrom: 1 } }),
    check: (reply, env) => {
      const result = ok(reply);
      assert.equal(typeof result, 'number');
      env.ids.set('preset', result as number);
    },
  },
  {
    name: 'removeDeckConfigId',
    request: (env) => ({ action: 'removeDeckConfigId', version: 6, params: { configId: id(env, 'preset') } }),
    check: (reply) => assert.equal(ok(reply), true),
  },
  {
    name: 'updateCompleteDeck',
    request: () => ({
      action: 'updateCompleteDeck',
      version: 6,
      params: {
        data: {
          deck: 'test3',
          cards: {
            '1485369472028': { id: 1485369472028, nid: 1485369340204, ord: 0, type: 0, queue: 0, due: 1186031, factor: 0, ivl: 0, reps: 0, lapses: 0, left: 0 },
          },
          notes: { '1485369340204': { id: 1485369340204, mid: 1375786181313, fields: ['frontValue', 'backValue'], tags: ['aTag'] } },
          models: { '1375786181313': { id: 1375786181313, name: 'anotherModel', fields: ['Front', 'Back'], templateNames: ['Card 1'] } },
        },
      },
    }),
    check: async (reply, env) => {
      isNull(reply);
      assert.deepEqual(await call(env, 'getDecks', { cards: [1485369472028] }), { test3: [1485369472028] });
      const [info] = (await call(env, 'notesInfo', { notes: [1485369340204] })) as { modelName: string; tags: string[] }[];
      assert.equal(info?.modelName, 'anotherModel');
      assert.deepEqual(info.tags, ['aTag']);
    },
  },
  {
    name: 'updateNoteFields (with audio from a URL)',
    request: (env) => ({
      action: 'updateNoteFields',
      version: 6,
      params: {
        note: {
          id: id(env, 'note0'),
          fields: { Front: 'new front content', Back: 'new back content' },
          audio: [
            {
              url: `${env.filesUrl}/dictionary/japanese/audiomp3.php?kanji=猫&kana=ねこ`,
              filename: 'yomichan_ねこ_猫.mp3',
              skipHash: '7e2c2f954ef6051373ba916f000168dc',
              fields: ['Front'],
            },
          ],
        },
      },
    }),
    check: async (reply, env) => {
      isNull(reply);
      const [info] = (await call(env, 'notesInfo', { notes: [id(env, 'note0')] })) as { fields: Record<string, { value: string }> }[];
      assert.equal(info?.fields['Front']?.value, 'new front content[sound:yomichan_ねこ_猫.mp3]');
      assert.equal(info.fields['Back']?.value, 'new back content');
    },
  },
  {
    name: 'addTags',
    request: (env) => ({ action: 'addTags', version: 6, params: { notes: [id(env, 'note0'), id(env, 'note1')], tags: 'idioms' } }),
    check: isNull,
  },
  {
    name: 'removeTags',
    request: (env) => ({ action: 'removeTags', version: 6, params: { notes: [id(env, 'note0'), id(env, 'note1')], tags: 'european-languages' } }),
    check: isNull,
  },
  {
    name: 'getTags (every tag is still registered)',
    request: () => ({ action: 'getTags', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), ['aTag', 'european-languages', 'idioms']),
  },
  {
    name: 'replaceTags',
    request: (env) => ({
      action: 'replaceTags',
      version: 6,
      params: { notes: [id(env, 'note0'), id(env, 'note1')], tag_to_replace: 'idioms', replace_with_tag: 'french-languages' },
    }),
    check: isNull,
  },
  {
    name: 'replaceTagsInAllNotes',
    request: () => ({
      action: 'replaceTagsInAllNotes',
      version: 6,
      params: { tag_to_replace: 'european-languages', replace_with_tag: 'french-languages' },
    }),
    check: async (reply, env) => {
      isNull(reply);
      const infos = (await call(env, 'notesInfo', { notes: [0, 1, 2].map((i) => id(env, `note${i}`)) })) as { tags: string[] }[];
      assert.deepEqual(infos.map((info) => info.tags), [['french-languages'], ['french-languages'], ['french-languages']]);
    },
  },
  {
    name: 'clearUnusedTags',
    request: () => ({ action: 'clearUnusedTags', version: 6 }),
    check: async (reply, env) => {
      isNull(reply);
      assert.deepEqual(await call(env, 'getTags'), ['aTag', 'french-languages']);
    },
  },
  {
    name: 'deleteNotes',
    request: (env) => ({ action: 'deleteNotes', version: 6, params: { notes: [id(env, 'note2')] } }),
    check: async (reply, env) => {
      isNull(reply);
      assert.deepEqual(await call(env, 'notesInfo', { notes: [id(env, 'note2')] }), [{}]);
    },
  },
  {
    name: 'removeEmptyNotes (after emptying a note)',
    request: (env) => ({ action: 'updateNoteFields', version: 6, params: { note: { id: id(env, 'note1'), fields: { Front: '', Back: '' } } } }),
    check: async (reply, env) => {
      isNull(reply);
      assert.equal(await call(env, 'removeEmptyNotes'), null);
      assert.deepEqual(await call(env, 'notesInfo', { notes: [id(env, 'note1'), id(env, 'note0')] }).then((r) => (r as object[]).map((o) => Object.keys(o).length > 0)), [false, true]);
    },
  },
];

let files: Awaited<ReturnType<typeof startFileServer>>;
before(async () => {
  files = await startFileServer({ '/dictionary/japanese/audiomp3.php': Buffer.from('fake mp3 of 猫') });
});
after(async () => {
  await files.stop();
});

function runSteps(title: string, open: () => Promise<{ env: Omit<Env, 'filesUrl' | 'ids'>; col: () => Collection; close: () => Promise<void> }>): void {
  describe(title, () => {
    let env: Env;
    let col: () => Collection;
    let close: () => Promise<void>;
    before(async () => {
      const opened = await open();
      env = { ...opened.env, filesUrl: files.url, ids: new Map() };
      col = opened.col;
      close = opened.close;
      await call(env, 'createDeck', { deck: 'Japanese::JLPT N5' });
      await call(env, 'createDeck', { deck: 'Easy Spanish' });
    });
    after(async () => {
      assertIntegrity(col());
      await close();
    });
    for (const step of STEPS) {
      test(step.name, async () => {
        await step.check(await env.send(step.request(env)), env);
        assertIntegrity(col());
      });
    }
  });
}

runSteps('seed README samples of issue #5, through the dispatcher', () => {
  const t: TestDispatcher = newTestDispatcher();
  const close = () => {
    t.close();
    return Promise.resolve();
  };
  return Promise.resolve({ env: { send: (request) => t.request(request) }, col: () => t.col, close });
});

runSteps('seed README samples of issue #5, over HTTP', async () => {
  const server: TestServer = await startTestServer();
  return {
    env: { send: async (request) => (await server.post(request)).json },
    col: () => server.app.state.collection(),
    close: () => server.stop(),
  };
});
