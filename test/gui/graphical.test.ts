// The graphical actions on the server's model of Anki's windows, with no page open: upstream
// Anki-Connect's test_graphical, then the details its actions promise.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { addDraft } from '../../src/gui/add-dialog.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { upstreamSetup } from '../notes-edit/setup.js';

const t = useTestDispatcher({ scope: 'each' });
let noteIds: number[] = [];

/** Upstream's `setup` fixture: test_model with two templates, test_deck, two notes (4 cards). */
beforeEach(async () => {
  const setup = await upstreamSetup(t);
  noteIds = [setup.note1, setup.note2];
});

const clickAdd = () => addDraft(t.state.collection(), t.state.gui);
// Read afresh each time: the actions replace these objects.
const draft = () => t.state.gui.add;
const reviewer = () => t.state.gui.reviewer;

describe('upstream test_graphical', () => {
  test('guiBrowse, guiDeckBrowser, guiDeckOverview, guiImportFile', async () => {
    assert.deepEqual(await t.call('guiBrowse'), []);
    assert.equal(await t.call('guiDeckBrowser'), null);
    assert.equal(await t.call('guiDeckOverview', { name: 'test_deck' }), true);
    assert.equal(await t.call('guiImportFile'), null);
    assert.equal(t.state.gui.importPath, null, 'the import page waits for the user to pick a file');
  });

  const note = { deckName: 'test_deck', modelName: 'Basic', fields: { Front: 'new front1', Back: 'new back1' }, tags: ['tag1'] };
  const gif = 'R0lGODlhBQAEAHAAACwAAAAABQAEAIH///8AAAAAAAAAAAACB0QMqZcXDwoAOw==';

  test('guiAddCards without a note, and with one that the user then adds', async () => {
    assert.equal(await t.call('guiAddCards'), 0);
    assert.equal(await t.call('guiAddCards', { note }), 0);
    clickAdd();
    assert.equal(((await t.call('findCards', { query: 'new' })) as number[]).length, 1);
  });

  test('guiAddCards with a picture: the media is stored with the draft', async () => {
    await t.call('guiAddCards', { note: { ...note, picture: [{ data: gif, filename: 'smiley.gif', fields: ['Front'] }] } });
    clickAdd();
    assert.equal(((await t.call('findCards', { query: 'new' })) as number[]).length, 1);
    assert.equal(await t.call('retrieveMediaFile', { filename: 'smiley.gif' }), gif);
  });

  describe('review actions', () => {
    beforeEach(async () => {
      assert.equal(await t.call('guiDeckReview', { name: 'test_deck' }), true);
    });

    test('the timer, question and answer', async () => {
      assert.equal(await t.call('guiStartCardTimer'), true);
      assert.equal(await t.call('guiShowQuestion'), true);
      assert.equal(reviewer()?.side, 'question');
      assert.equal(await t.call('guiShowAnswer'), true);
      assert.equal(reviewer()?.side, 'answer');
      assert.equal(await t.call('guiPlayAudio'), true);
    });

    test('guiAnswerCard adds a review; guiUndo takes it back', async () => {
      const reviews = async () => ((await t.call('cardReviews', { deck: 'test_deck', startID: 0 })) as unknown[]).length;
      const card = reviewer()?.cardId;
      const before = await reviews();
      const row = t.col.db.prepare('select * from cards where id = ?').get(card);
      await t.call('guiShowAnswer');
      assert.equal(await t.call('guiAnswerCard', { ease: 4 }), true);
      assert.equal(await reviews(), before + 1);
      assert.equal(await t.call('guiUndo'), true);
      assert.equal(await reviews(), before);
      assert.deepEqual(t.col.db.prepare('select * from cards where id = ?').get(card), row, 'the card as it was');
      assert.equal(reviewer()?.cardId, card, 'shown again');
    });
  });

  test('guiSelectedNotes after guiBrowse; nothing after a search that finds nothing', async () => {
    await t.call('guiBrowse', { query: 'deck:test_deck' });
    assert.ok(noteIds.includes(((await t.call('guiSelectedNotes')) as number[])[0]!));
    await t.call('guiBrowse', { query: 'deck:invalid' });
    assert.deepEqual(await t.call('guiSelectedNotes'), []);
  });
});

describe('the windows in detail', () => {
  test('the reviewer refuses what Anki-Connect refuses', async () => {
    assert.equal(await t.call('guiReviewActive'), false);
    await assert.rejects(t.call('guiCurrentCard'), /^Error: Gui review is not currently active\.$/);
    for (const action of ['guiStartCardTimer', 'guiShowQuestion', 'guiShowAnswer', 'guiPlayAudio']) assert.equal(await t.call(action), false);
    assert.equal(await t.call('guiDeckReview', { name: 'nope' }), false);
    await t.call('guiDeckReview', { name: 'test_deck' });
    assert.equal(await t.call('guiAnswerCard', { ease: 3 }), false, 'the answer is not shown yet');
    await t.call('guiShowAnswer');
    assert.equal(await t.call('guiAnswerCard', { ease: 5 }), false);
    assert.equal(await t.call('guiAnswerCard', { ease: 0 }), false);
    const current = (await t.call('guiCurrentCard')) as Record<string, unknown>;
    assert.equal(current['modelName'], 'test_model');
    assert.equal(current['deckName'], 'test_deck');
    assert.equal(current['template'], 'Card 1');
    assert.deepEqual(current['buttons'], [1, 2, 3, 4]);
    assert.equal((current['nextReviews'] as string[]).length, 4);
    assert.deepEqual(current['fields'], { field1: { value: 'note1 field1', order: 0 }, field2: { value: 'note1 field2', order: 1 } });
    await t.call('guiDeckBrowser');
    assert.equal(await t.call('guiReviewActive'), false, 'leaving the reviewer');
  });

  test('guiAddNoteSetData: closed dialog, unknown names, fields replaced or appended, tags', async () => {
    assert.deepEqual(await t.call('guiAddNoteSetData', { note: { fields: { Front: 'x' } } }), { error: 'Add Note dialog is not open', code: 1 });
    await t.call('guiAddCards', { note: { deckName: 'test_deck', modelName: 'Basic', fields: { Front: 'a', back: 'ignored: names match exactly' }, tags: ['one'] } });
    assert.deepEqual(draft()?.fields, ['a', '']);
    await assert.rejects(t.call('guiAddNoteSetData', { note: { deckName: 'nope' } }), /^Error: Deck "nope" not found$/);
    await assert.rejects(t.call('guiAddNoteSetData', { note: { modelName: 'nope' } }), /^Error: Model "nope" not found$/);
    await assert.rejects(t.call('guiAddNoteSetData', { note: { fields: { Nope: 'x' } } }), /^Error: Field "Nope" not found in current note$/);
    assert.equal(await t.call('guiAddNoteSetData', { note: { fields: { Front: 'b' }, tags: ['two'] }, append: true }), true);
    assert.deepEqual([draft()?.fields, draft()?.tags], [['ab', ''], ['one', 'two']]);
    assert.equal(await t.call('guiAddNoteSetData', { note: { modelName: 'Basic (and reversed card)', fields: { Back: 'back' }, tags: ['three'] } }), true);
    assert.deepEqual([draft()?.fields, draft()?.tags], [['ab', 'back'], ['three']]);
    const id = clickAdd();
    assert.deepEqual(((await t.call('notesInfo', { notes: [id] })) as { tags: string[]; modelName: string }[]).map((n) => [n.modelName, n.tags]), [['Basic (and reversed card)', ['three']]]);
    assert.deepEqual(draft()?.fields, ['', ''], 'the dialog stays open, emptied');
  });

  test('guiEditNote opens the editor; an unknown note is refused with Anki\'s text', async () => {
    assert.equal(await t.call('guiEditNote', { note: noteIds[0] }), null);
    assert.equal(t.state.gui.editNoteId, noteIds[0]);
    await assert.rejects(t.call('guiEditNote', { note: 123 }), /No such note: '123'/);
  });

  test('guiBrowse sorts by a shown column, refuses others with upstream\'s messages; guiSelectCard', async () => {
    const cards = (await t.call('guiBrowse', { query: 'deck:test_deck', reorderCards: { columnId: 'noteFld', order: 'descending' } })) as number[];
    assert.equal(cards.length, 4);
    const table = t.state.gui.browser?.cards ?? [];
    assert.deepEqual(new Set(table), new Set(cards));
    const sfld = (id: number) => (t.col.db.prepare('select n.sfld as s from cards c join notes n on n.id = c.nid where c.id = ?').get(id) as { s: string }).s;
    assert.ok(sfld(table[0]!) >= sfld(table[3]!), 'descending by sort field');
    await assert.rejects(t.call('guiBrowse', { reorderCards: 'x' }), /^Error: reorderCards should be a dict: x$/);
    await assert.rejects(t.call('guiBrowse', { reorderCards: { order: 'ascending' } }), /^Error: Must provide a "columnId" and a "order" property"$/);
    await assert.rejects(t.call('guiBrowse', { reorderCards: { columnId: 'noteFld', order: 'up' } }), /^Error: invalid card order: up$/);
    await assert.rejects(t.call('guiBrowse', { reorderCards: { columnId: 'cardEase', order: 'ascending' } }), /^Error: invalid columnId: cardEase$/);
    assert.equal(await t.call('guiSelectCard', { card: table[2] }), true);
    assert.deepEqual(t.state.gui.browser?.selected, [table[2]]);
    assert.equal(await t.call('guiSelectNote', { note: table[1] }), true);
    t.state.gui.reset();
    assert.equal(await t.call('guiSelectCard', { card: table[2] }), false, 'the browser is closed');
    assert.deepEqual(await t.call('guiSelectedNotes'), []);
  });

  test('guiDeckOverview makes the deck current, as Anki selects it', async () => {
    await t.call('createDeck', { deck: 'test_deck::child' });
    await t.call('guiDeckOverview', { name: 'test_deck' });
    const parent = t.col.decks.idByName('test_deck');
    assert.equal(t.col.config.get('curDeck'), parent);
    assert.deepEqual(t.col.config.get('activeDecks'), t.col.decks.withChildren(parent!));
    assert.equal(t.state.gui.screen, 'overview');
  });
});

describe("guiCheckDatabase", () => {
  test("repairs as Anki's Check Database does and answers true, as upstream", async () => {
    await t.call('guiBrowse');
    // A card of a note that no longer exists, which Anki's check deletes.
    t.col.db.prepare('delete from notes where id = ?').run(noteIds[1]);
    assert.equal(await t.call('guiCheckDatabase'), true);
    assert.deepEqual(t.col.db.prepare('select count() as n from cards where nid = ?').get(noteIds[1]), { n: 0 });
    await assert.rejects(t.call('multi', { actions: [{ action: 'guiCheckDatabase' }] }).then((replies) => {
      const [reply] = replies as { error: string | null }[];
      if (reply?.error !== null) throw new Error(reply?.error);
    }), /guiCheckDatabase cannot run inside multi/);
  });
});
