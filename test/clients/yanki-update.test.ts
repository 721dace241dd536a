// yanki's update sequence (kitschpatrol/yanki, src/lib/utilities/anki-connect.ts; ecosystem.md
// §1.5), driven through the real yanki-connect client over HTTP: read the remote notes
// (notesInfo, getDecks, getDeckConfig), then for a note whose Markdown changed, move its cards
// (changeDeck) and rewrite model, fields and tags in one updateNoteModel carrying yanki's whole
// note object; delete the notes whose files are gone, and finally the decks left empty. findNotes
// is replaced by the ids yanki would have found, so the scenario does not depend on search.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { YankiConnect } from 'yanki-connect';
import type { Collection } from '../../src/collection/collection.js';
import { assertIntegrity } from '../support/collections.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addNotetype } from '../notes-edit/setup.js';

let server: TestServer;
let client: YankiConnect;
let col: Collection;
before(async () => {
  server = await startTestServer();
  client = new YankiConnect({ host: 'http://127.0.0.1', port: server.port });
  col = server.app.state.collection();
  // yanki creates its models with createModel; they are made directly here.
  addNotetype(col, 'Yanki - Basic', ['Front', 'Back', 'YankiNamespace'], [['{{Front}}', '{{FrontSide}}<hr id=answer>{{Back}}']], '.card {}');
  addNotetype(col, 'Yanki - Basic (and reversed card)', ['Front', 'Back', 'YankiNamespace'], [
    ['{{Front}}', '{{FrontSide}}<hr id=answer>{{Back}}'],
    ['{{Back}}', '{{FrontSide}}<hr id=answer>{{Front}}'],
  ], '.card {}');
});
after(async () => {
  assertIntegrity(col);
  await server.stop();
});

interface YankiNote {
  cards?: number[];
  deckName: string;
  fields: Record<string, string>;
  modelName: string;
  noteId?: number;
  tags?: string[];
}

/** yanki's getRemoteNotesById: notesInfo, then decks through getDecks, checked with getDeckConfig. */
async function remoteNotes(ids: number[]): Promise<(YankiNote | undefined)[]> {
  // yanki-connect types every entry as a note; an unknown id gives {}.
  const infos: { noteId?: number; cards?: number[]; fields?: Record<string, { value: string }>; modelName?: string; tags?: string[] }[] =
    await client.note.notesInfo({ notes: ids });
  const cardIds = infos.flatMap((info) => info.cards ?? []);
  const decks = await client.deck.getDecks({ cards: cardIds });
  const deckOfCard = new Map<number, string>();
  for (const [deck, cards] of Object.entries(decks)) for (const card of cards) deckOfCard.set(card, deck);
  const out: (YankiNote | undefined)[] = [];
  for (const info of infos) {
    if (info.noteId === undefined || info.cards === undefined || info.fields === undefined || info.modelName === undefined) {
      out.push(undefined);
      continue;
    }
    const deckName = deckOfCard.get(info.cards[0] ?? 0);
    assert.ok(deckName !== undefined);
    const config = await client.deck.getDeckConfig({ deck: deckName });
    assert.equal(Boolean(config.dyn), false);
    out.push({
      cards: info.cards,
      deckName,
      fields: Object.fromEntries(Object.entries(info.fields).map(([name, field]) => [name, field.value])),
      modelName: info.modelName,
      noteId: info.noteId,
      tags: info.tags,
    });
  }
  return out;
}

test("yanki's update sequence leaves the expected notes", async () => {
  const add = (front: string, deckName: string) =>
    client.note.addNote({
      note: { deckName, modelName: 'Yanki - Basic', fields: { Front: front, Back: 'old back', YankiNamespace: 'Yanki' }, tags: ['md'], options: { allowDuplicate: true } },
    });
  // yanki creates a missing deck when addNote says "deck was not found".
  await client.deck.createDeck({ deck: 'Yanki::notes' });
  await client.deck.createDeck({ deck: 'Yanki::old' });
  const kept = await add('kept', 'Yanki::notes');
  const gone = await add('gone', 'Yanki::old');
  assert.ok(kept !== null && gone !== null);

  const [remoteKept, remoteGone] = await remoteNotes([kept, gone, 404]);
  assert.ok(remoteKept !== undefined && remoteGone !== undefined);
  assert.equal(remoteKept.deckName, 'Yanki::notes');

  // The Markdown file now asks for another deck, a reversed model, new text and tags.
  const local: YankiNote = {
    deckName: 'Yanki::moved',
    fields: { Front: 'kept, edited', Back: 'new back', YankiNamespace: 'Yanki' },
    modelName: 'Yanki - Basic (and reversed card)',
    noteId: kept,
    tags: ['md', 'edited'],
  };
  await client.deck.changeDeck({ cards: remoteKept.cards ?? [], deck: local.deckName });
  const note = { ...local, id: kept, tags: local.tags ?? [] };
  await client.note.updateNoteModel({ note });
  // The file of the other note was deleted, and its deck is now empty.
  await client.note.deleteNotes({ notes: [gone] });
  await client.deck.deleteDecks({ cardsToo: true, decks: ['Yanki::old'] });
  await client.deck.deleteDecks({ cardsToo: true, decks: [] });

  const [after, missing] = await remoteNotes([kept, gone]);
  assert.equal(missing, undefined);
  assert.deepEqual({ ...after, cards: undefined }, { ...local, cards: undefined, tags: ['edited', 'md'] });
  assert.ok(after?.cards);
  assert.equal(after.cards.length, 2, 'the reversed model added card 2');
  assert.equal(after.cards[0], remoteKept.cards?.[0], 'card 1 is the same card');
  assert.deepEqual(await client.deck.getDecks({ cards: after.cards }), { 'Yanki::moved': after.cards });
  assert.deepEqual(await client.deck.deckNames(), ['Default', 'Yanki', 'Yanki::moved', 'Yanki::notes']);
  await assert.rejects(
    client.note.updateNoteModel({ note: { ...note, modelName: 'Yanki - Cloze' } }),
    { message: "Model 'Yanki - Cloze' not found" },
  );
});
