import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sample requests of the seed README (shared/seed/, Anki-Connect's README for API version 6)
 * for the actions this server implements, each with the documented result. They run in order
 * against one fresh profile, once through the dispatcher and once over HTTP.
 *
 * Where a sample's documented result cannot be literally true, the check says why and asserts
 * what Anki-Connect itself answers.
 */

export interface Env {
  /** Sends a request object, returns the raw reply. */
  send(request: Record<string, unknown>): Promise<unknown>;
  /** Base URL of a loopback file server (for `url` sources). */
  filesUrl: string;
  /** A scratch folder on the server's machine (for `path` sources). */
  scratch: string;
  /** The media folder of the profile. */
  mediaDir: string;
  /** Ids remembered between steps. */
  ids: Map<string, number>;
}

export interface SeedCase {
  name: string;
  request: (env: Env) => Record<string, unknown>;
  check: (reply: unknown, env: Env) => void;
}

/** Asserts a v6 envelope with no error and returns its result. */
export function ok(reply: unknown): unknown {
  assert.equal(typeof reply, 'object');
  assert.deepEqual(Object.keys(reply as object).sort(), ['error', 'result'], 'exactly two keys');
  const { result, error } = reply as { result: unknown; error: unknown };
  assert.equal(error, null, `unexpected error: ${String(error)}`);
  return result;
}

const HELLO = 'SGVsbG8sIHdvcmxkIQ==';

/** The rows of the seed's insertReviews sample. */
const SEED_REVIEWS = [
  [1594194095746, 1485369733217, -1, 3, 4, -60, 2500, 6157, 0],
  [1594201393292, 1485369902086, -1, 1, -60, -60, 0, 4846, 0],
];

/** Files the file server offers: the seed's addNote sample downloads three. */
export const SERVED_FILES: Record<string, Buffer> = {
  '/dictionary/japanese/audiomp3.php': Buffer.from('fake mp3 of 猫'),
  '/video/Contador_Glam_preview.mp4': Buffer.from('fake mp4'),
  '/220px-A_black_cat_named_Tilly.jpg': Buffer.from('fake jpg'),
  '/hello': Buffer.from('Hello, world!'),
};

function sampleNote(env: Env): Record<string, unknown> {
  return {
    deckName: 'Default',
    modelName: 'Basic',
    fields: { Front: 'front content', Back: 'back content' },
    options: {
      allowDuplicate: false,
      duplicateScope: 'deck',
      duplicateScopeOptions: { deckName: 'Default', checkChildren: false, checkAllModels: false },
    },
    tags: ['yomichan'],
    audio: [
      {
        url: `${env.filesUrl}/dictionary/japanese/audiomp3.php?kanji=猫&kana=ねこ`,
        filename: 'yomichan_ねこ_猫.mp3',
        skipHash: '7e2c2f954ef6051373ba916f000168dc',
        fields: ['Front'],
      },
    ],
    video: [
      {
        url: `${env.filesUrl}/video/Contador_Glam_preview.mp4`,
        filename: 'countdown.mp4',
        skipHash: '4117e8aab0d37534d9c8eac362388bbe',
        fields: ['Back'],
      },
    ],
    picture: [
      {
        url: `${env.filesUrl}/220px-A_black_cat_named_Tilly.jpg`,
        filename: 'black_cat.jpg',
        skipHash: '8d6e4646dfae812bf39651b59d7429ce',
        fields: ['Back'],
      },
    ],
  };
}

export const SEED_CASES: SeedCase[] = [
  {
    name: 'version',
    request: () => ({ action: 'version', version: 6 }),
    check: (reply) => assert.equal(ok(reply), 6),
  },
  {
    name: 'requestPermission (granted)',
    request: () => ({ action: 'requestPermission', version: 6, params: { origin: '', allowed: true } }),
    check: (reply) => {
      const result = ok(reply) as Record<string, unknown>;
      // The README spells the key requireApiKey, the add-on's code requireApikey: both are sent.
      assert.equal(result['permission'], 'granted');
      assert.equal(result['requireApiKey'], false);
      assert.equal(result['requireApikey'], false);
      assert.equal(result['version'], 6);
    },
  },
  {
    name: 'deckNames',
    request: () => ({ action: 'deckNames', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), ['Default']),
  },
  {
    name: 'deckNamesAndIds',
    request: () => ({ action: 'deckNamesAndIds', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), { Default: 1 }),
  },
  {
    name: 'createDeck',
    request: () => ({ action: 'createDeck', version: 6, params: { deck: 'Japanese::Tokyo' } }),
    check: (reply, env) => {
      const id = ok(reply);
      assert.ok(Number.isSafeInteger(id) && (id as number) > 1_000_000_000_000, 'a millisecond id');
      env.ids.set('deck', id as number);
    },
  },
  {
    name: 'createDeck created the parent too, and an existing deck keeps its id',
    request: () => ({ action: 'createDeck', version: 6, params: { deck: 'japanese::tokyo' } }),
    check: (reply, env) => assert.equal(ok(reply), env.ids.get('deck')),
  },
  {
    name: 'deckNames after createDeck',
    request: () => ({ action: 'deckNames', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), ['Default', 'Japanese', 'Japanese::Tokyo']),
  },
  {
    name: 'modelNames',
    request: () => ({ action: 'modelNames', version: 6 }),
    check: (reply) => {
      const names = ok(reply) as string[];
      // The sample shows two of them; a new collection has Anki's six stock note types.
      for (const name of ['Basic', 'Basic (and reversed card)']) assert.ok(names.includes(name));
      assert.deepEqual(names, [
        'Basic',
        'Basic (and reversed card)',
        'Basic (optional reversed card)',
        'Basic (type in the answer)',
        'Cloze',
        'Image Occlusion',
      ]);
    },
  },
  {
    name: 'modelNamesAndIds',
    request: () => ({ action: 'modelNamesAndIds', version: 6 }),
    check: (reply) => {
      const map = ok(reply) as Record<string, number>;
      for (const name of ['Basic', 'Basic (and reversed card)', 'Basic (optional reversed card)', 'Cloze']) {
        assert.ok(Number.isSafeInteger(map[name]), name);
      }
    },
  },
  {
    name: 'modelFieldNames',
    request: () => ({ action: 'modelFieldNames', version: 6, params: { modelName: 'Basic' } }),
    check: (reply) => assert.deepEqual(ok(reply), ['Front', 'Back']),
  },
  {
    name: 'storeMediaFile (data)',
    request: () => ({ action: 'storeMediaFile', version: 6, params: { filename: '_hello.txt', data: HELLO } }),
    check: (reply, env) => {
      assert.equal(ok(reply), '_hello.txt');
      assert.equal(readFileSync(join(env.mediaDir, '_hello.txt'), 'utf8'), 'Hello, world!');
    },
  },
  {
    name: 'storeMediaFile (path)',
    request: (env) => {
      const file = join(env.scratch, 'file');
      writeFileSync(file, 'Hello, world!');
      return { action: 'storeMediaFile', version: 6, params: { filename: '_hello.txt', path: file } };
    },
    check: (reply) => assert.equal(ok(reply), '_hello.txt'),
  },
  {
    name: 'storeMediaFile (url)',
    request: (env) => ({ action: 'storeMediaFile', version: 6, params: { filename: '_hello.txt', url: `${env.filesUrl}/hello` } }),
    check: (reply) => assert.equal(ok(reply), '_hello.txt'),
  },
  {
    name: 'retrieveMediaFile',
    request: () => ({ action: 'retrieveMediaFile', version: 6, params: { filename: '_hello.txt' } }),
    check: (reply) => assert.equal(ok(reply), HELLO),
  },
  {
    name: 'getMediaFilesNames',
    request: () => ({ action: 'getMediaFilesNames', version: 6, params: { pattern: '_hell*.txt' } }),
    check: (reply) => assert.deepEqual(ok(reply), ['_hello.txt']),
  },
  {
    name: 'deleteMediaFile',
    request: () => ({ action: 'deleteMediaFile', version: 6, params: { filename: '_hello.txt' } }),
    check: (reply) => assert.equal(ok(reply), null),
  },
  {
    name: 'retrieveMediaFile after delete gives false',
    request: () => ({ action: 'retrieveMediaFile', version: 6, params: { filename: '_hello.txt' } }),
    check: (reply) => assert.equal(ok(reply), false),
  },
  {
    name: 'canAddNotes',
    request: () => ({
      action: 'canAddNotes',
      version: 6,
      params: {
        notes: [{ deckName: 'Default', modelName: 'Basic', fields: { Front: 'front content', Back: 'back content' }, tags: ['yomichan'] }],
      },
    }),
    check: (reply) => assert.deepEqual(ok(reply), [true]),
  },
  {
    name: 'addNote (with audio, video and picture downloaded from urls)',
    request: (env) => ({ action: 'addNote', version: 6, params: { note: sampleNote(env) } }),
    check: (reply, env) => {
      const id = ok(reply);
      assert.ok(Number.isSafeInteger(id));
      env.ids.set('note', id as number);
      assert.equal(readFileSync(join(env.mediaDir, 'yomichan_ねこ_猫.mp3'), 'utf8'), 'fake mp3 of 猫');
      assert.equal(readFileSync(join(env.mediaDir, 'countdown.mp4'), 'utf8'), 'fake mp4');
      assert.equal(readFileSync(join(env.mediaDir, 'black_cat.jpg'), 'utf8'), 'fake jpg');
    },
  },
  {
    name: 'notesInfo',
    request: (env) => ({ action: 'notesInfo', version: 6, params: { notes: [env.ids.get('note')] } }),
    check: (reply, env) => {
      const [info] = ok(reply) as Record<string, unknown>[];
      assert.ok(info !== undefined);
      assert.equal(info['noteId'], env.ids.get('note'));
      assert.equal(info['modelName'], 'Basic');
      assert.deepEqual(info['tags'], ['yomichan']);
      assert.deepEqual(info['fields'], {
        Front: { value: 'front content[sound:yomichan_ねこ_猫.mp3]', order: 0 },
        Back: { value: 'back content[sound:countdown.mp4]<img src="black_cat.jpg">', order: 1 },
      });
      assert.equal(typeof info['mod'], 'number');
      assert.equal((info['cards'] as unknown[]).length, 1);
    },
  },
  {
    name: 'addNotes (a new note, then the same note again: a duplicate, so null)',
    request: () => ({
      action: 'addNotes',
      version: 6,
      params: {
        notes: [
          { deckName: 'Default', modelName: 'Basic', fields: { Front: 'another front', Back: 'back content' }, tags: ['yomichan'] },
          { deckName: 'Default', modelName: 'Basic', fields: { Front: 'another front', Back: 'again' } },
        ],
      },
    }),
    check: (reply) => {
      const [added, duplicate] = ok(reply) as unknown[];
      assert.ok(Number.isSafeInteger(added));
      assert.equal(duplicate, null);
    },
  },
  {
    name: 'addNote with european-languages and idioms tags',
    request: () => ({
      action: 'addNote',
      version: 6,
      params: { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: 'à la carte', Back: '' }, tags: ['european-languages', 'idioms'] } },
    }),
    check: (reply) => assert.ok(Number.isSafeInteger(ok(reply))),
  },
  {
    name: 'getTags',
    request: () => ({ action: 'getTags', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), ['european-languages', 'idioms', 'yomichan']),
  },
  {
    name: 'multi (the sample: deckNames, and "browse", which is not an action)',
    request: () => ({
      action: 'multi',
      version: 6,
      params: { actions: [{ action: 'deckNames' }, { action: 'browse', params: { query: 'deck:current' } }] },
    }),
    check: (reply) => {
      // The README's sample result shows envelopes and a deck name string; Anki-Connect answers
      // items without "version" as version 4 (bare results), and "browse" is no action.
      assert.deepEqual(ok(reply), [['Default', 'Japanese', 'Japanese::Tokyo'], { result: null, error: 'unsupported action' }]);
    },
  },
  {
    name: 'multi with version 6 items gives an envelope per item',
    request: () => ({
      action: 'multi',
      version: 6,
      params: { actions: [{ action: 'version', version: 6 }, { action: 'deckNamesAndIds', version: 6 }] },
    }),
    check: (reply) => {
      const items = ok(reply) as unknown[];
      assert.deepEqual(items[0], { result: 6, error: null });
      assert.equal(ok(items[1]) !== null, true);
    },
  },
  {
    name: 'getNumCardsReviewedToday',
    request: () => ({ action: 'getNumCardsReviewedToday', version: 6 }),
    check: (reply) => assert.equal(ok(reply), 0),
  },
  {
    name: 'insertReviews',
    request: () => ({ action: 'insertReviews', version: 6, params: { reviews: SEED_REVIEWS } }),
    check: (reply) => assert.equal(ok(reply), null),
  },
  {
    name: 'getNumCardsReviewedByDay (the two inserted reviews, 8 July 2020 in UTC)',
    request: () => ({ action: 'getNumCardsReviewedByDay', version: 6 }),
    check: (reply) => assert.deepEqual(ok(reply), [['2020-07-08', 2]]),
  },
  {
    name: 'cardReviews',
    request: () => ({ action: 'cardReviews', version: 6, params: { deck: 'default', startID: 1594194095740 } }),
    // The documented rows are reviews of cards 1485369733217 and 1485369902086, which are not
    // cards of this collection, so none is a review of a card in Default; with the cards in the
    // deck (test/reviews/reviews.test.ts) the same rows come back as documented.
    check: (reply) => assert.deepEqual(ok(reply), []),
  },
  {
    name: 'getLatestReviewID',
    request: () => ({ action: 'getLatestReviewID', version: 6, params: { deck: 'default' } }),
    // As for cardReviews: the inserted reviews belong to no card of Default.
    check: (reply) => assert.equal(ok(reply), 0),
  },
  {
    name: 'getCollectionStatsHTML',
    request: () => ({ action: 'getCollectionStatsHTML', version: 6, params: { wholeCollection: true } }),
    // The sample shows a placeholder ("<center> lots of HTML here </center>"): the report is an
    // HTML page, with Anki's sections.
    check: (reply) => {
      const html = ok(reply);
      assert.equal(typeof html, 'string');
      assert.match(html as string, /^<[a-z]/);
      for (const title of ['Today', 'Forecast', 'Card Types']) assert.ok((html as string).includes(title), title);
    },
  },
  {
    name: 'apiReflect (upstream test_misc)',
    request: () => ({
      action: 'apiReflect',
      version: 6,
      params: { scopes: ['actions', 'invalidType'], actions: ['apiReflect', 'invalidMethod'] },
    }),
    check: (reply) => assert.deepEqual(ok(reply), { scopes: ['actions'], actions: ['apiReflect'] }),
  },
];
