// cardsInfo through the dispatcher, over HTTP and on collections Anki wrote.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cardInfo } from '../../src/cards/info.js';
import { stockNotetypes } from '../../src/notetypes/stock.js';
import { assertIntegrity, openFixtureCopy } from '../support/collections.js';
import { newTestDispatcher } from '../support/dispatch.js';
import { fixture } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';

const CARD_CSS =
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    line-height: 1.5;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n';

/** Anki-Connect's key order. */
const KEYS = [
  'cardId',
  'fields',
  'fieldOrder',
  'question',
  'answer',
  'modelName',
  'ord',
  'deckName',
  'css',
  'factor',
  'interval',
  'note',
  'type',
  'queue',
  'due',
  'reps',
  'lapses',
  'left',
  'mod',
  'nextReviews',
  'flags',
];

void describe('cardsInfo through the dispatcher', () => {
  void it('reports every column of a card, in order, and {} for unknown ids', async () => {
    const d = newTestDispatcher();
    try {
      await d.call('createDeck', { deck: 'Words' });
      const nid = (await d.call('addNote', {
        note: { deckName: 'Words', modelName: 'Basic (and reversed card)', fields: { Front: 'chien', Back: 'dog' }, tags: ['fr'] },
      })) as number;
      const [note] = (await d.call('notesInfo', { notes: [nid] })) as { cards: number[] }[];
      const [first, second] = note?.cards ?? [];
      assert.ok(first !== undefined && second !== undefined);
      // Scheduling columns are reported raw.
      d.col.db.prepare('update cards set type = 2, queue = 2, due = 42, ivl = 7, factor = 2500, reps = 3, lapses = 1, left = 0, flags = 1 where id = ?').run(second);
      assertIntegrity(d.col);

      const result = (await d.call('cardsInfo', { cards: [second, 12345, first, second] })) as Record<string, unknown>[];
      assert.equal(result.length, 4);
      assert.deepEqual(result[1], {});
      assert.deepEqual(Object.keys(result[0] ?? {}), KEYS);
      assert.deepEqual(result[0], {
        cardId: second,
        fields: { Front: { value: 'chien', order: 0 }, Back: { value: 'dog', order: 1 } },
        fieldOrder: 1,
        question: `<style>${CARD_CSS}</style>dog`,
        answer: `<style>${CARD_CSS}</style>dog\n\n<hr id=answer>\n\nchien`,
        modelName: 'Basic (and reversed card)',
        ord: 1,
        deckName: 'Words',
        css: CARD_CSS,
        factor: 2500,
        interval: 7,
        note: nid,
        type: 2,
        queue: 2,
        due: 42,
        reps: 3,
        lapses: 1,
        left: 0,
        mod: Math.floor(d.clock.nowMs() / 1000),
        // A 7-day review due later: outside a filtered deck Anki answers it as due today; the
        // intervals are fuzzed (seeded by the card id).
        nextReviews: ['<10m', '9d', '17d', '23d'],
        flags: 1,
      });
      assert.deepEqual(result[3], result[0]);
      assert.equal((result[2] as { question?: string }).question, `<style>${CARD_CSS}</style>chien`);
    } finally {
      d.close();
    }
  });

  void it('keeps the request order over several batches of ids', async () => {
    const d = newTestDispatcher();
    try {
      const cards: number[] = [];
      for (let k = 0; k < 3; k++) {
        const nid = (await d.call('addNote', { note: { deckName: 'Default', modelName: 'Basic', fields: { Front: `n${k}`, Back: '' } } })) as number;
        const [note] = (await d.call('notesInfo', { notes: [nid] })) as { cards: number[] }[];
        cards.push(...(note?.cards ?? []));
      }
      // 600 entries with 303 distinct ids: unknown ids, repeats, and known cards spread over batches.
      const ids = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? (cards[i % 3] ?? 0) : 10_000 + (i % 300)));
      const result = (await d.call('cardsInfo', { cards: ids })) as { cardId?: number; question?: string }[];
      assert.equal(result.length, 600);
      result.forEach((entry, i) => {
        if (i % 2 === 0) {
          assert.equal(entry.cardId, cards[i % 3]);
          assert.ok(entry.question?.endsWith(`</style>n${cards.indexOf(entry.cardId ?? 0)}`));
        } else {
          assert.deepEqual(entry, {});
        }
      });
    } finally {
      d.close();
    }
  });

  void it('reports a field called __proto__ as an ordinary key', async () => {
    const d = newTestDispatcher();
    try {
      const [basic] = stockNotetypes();
      const first = basic?.fields[0];
      assert.ok(basic !== undefined && first !== undefined);
      first.name = '__proto__';
      const template = basic.templates[0];
      assert.ok(template !== undefined);
      template.config.qFormat = '{{__proto__}}';
      d.col.transact(() => d.col.notetypes.add({ ...basic, name: 'Proto' }));
      // Parsed, as a request body is: in an object literal `__proto__` would set the prototype.
      const fields = JSON.parse('{"__proto__": "p", "Back": "b"}') as Record<string, string>;
      const nid = (await d.call('addNote', { note: { deckName: 'Default', modelName: 'Proto', fields } })) as number;
      assertIntegrity(d.col);
      const [note] = (await d.call('notesInfo', { notes: [nid] })) as { cards: number[] }[];
      const [info] = (await d.call('cardsInfo', { cards: note?.cards ?? [] })) as { fields: object; question: string }[];
      assert.ok(info !== undefined);
      assert.equal(JSON.stringify(info.fields), '{"__proto__":{"value":"p","order":0},"Back":{"value":"b","order":1}}');
      assert.equal(Object.getPrototypeOf(info.fields), Object.prototype);
      assert.ok(info.question.endsWith('</style>p'));
    } finally {
      d.close();
    }
  });

  void it('answers [] for no cards and refuses a missing or malformed list', async () => {
    const d = newTestDispatcher();
    try {
      assert.deepEqual(await d.call('cardsInfo', { cards: [] }), []);
      await assert.rejects(d.call('cardsInfo', {}), /cards/);
      await assert.rejects(d.call('cardsInfo', { cards: 'x' }), /cards/);
    } finally {
      d.close();
    }
  });
});

void describe('cardsInfo over HTTP', () => {
  void it('returns rendered cards in the version 6 envelope', async () => {
    const server = await startTestServer();
    try {
      const added = await server.invoke('addNote', {
        note: { deckName: 'Default', modelName: 'Cloze', fields: { Text: '{{c1::Paris}} [sound:p.mp3]', 'Back Extra': '' } },
      });
      assert.equal(added.error, null);
      const notes = await server.invoke('notesInfo', { notes: [added.result] });
      const cards = (notes.result as { cards: number[] }[])[0]?.cards ?? [];
      const reply = await server.invoke('cardsInfo', { cards: [...cards, 1] });
      assert.equal(reply.error, null);
      const [card, missing] = reply.result as { question: string; answer: string; modelName: string }[];
      assert.equal(card?.modelName, 'Cloze');
      assert.ok(card.question.endsWith('</style><span class="cloze" data-cloze="Paris" data-ordinal="1">[...]</span> [anki:play:q:0]'));
      assert.ok(card.answer.endsWith('</style><span class="cloze" data-ordinal="1">Paris</span> [anki:play:a:0]<br>\n'));
      assert.deepEqual(missing, {});
    } finally {
      await server.stop();
    }
  });
});

void describe('cardsInfo on collections written by Anki', () => {
  void it('renders the Basic cards of a desktop collection', () => {
    const { col, close } = openFixtureCopy(fixture('transformerman/two_deck_collection.anki2'));
    try {
      const info = cardInfo(col, 1701890146289);
      assert.ok(info !== null);
      const css = col.notetypes.byName('Basic')?.config.css;
      assert.ok(css !== undefined);
      assert.equal(info.question, `<style>${css}</style>aaa aa car&nbsp;hello car`);
      assert.equal(info.answer, `<style>${css}</style>aaa aa car&nbsp;hello car\n\n<hr id=answer>\n\naaa`);
      assert.equal(info.deckName, 'decka');
      assert.equal(info.modelName, 'Basic');
    } finally {
      close();
    }
  });

  void it('gives nothing for a card whose note is gone, as Anki-Connect gives {}', () => {
    const { col, close } = openFixtureCopy(fixture('transformerman/empty_collection.anki2'));
    try {
      assert.equal(col.db.prepare('select count() as n from cards where id = 0').pluck().get(), 1);
      assert.equal(cardInfo(col, 0), null);
    } finally {
      close();
    }
  });
});
