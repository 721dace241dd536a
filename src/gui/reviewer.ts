/**
 * The reviewer: a deck's cards one after the other, question then answer, answered through the
 * same scheduler as answerCards (so a session through the graphical actions writes what
 * answerCards with the same answers writes), with Anki's undo of the last answer.
 */
import { AnswerBatch, type Ease } from '../cards/answer.js';
import { cardsInfo, type CardInfo } from '../cards/info.js';
import type { Collection } from '../collection/collection.js';
import { AnkiConnectError } from '../errors.js';
import { isCloze } from '../notetypes/notetype.js';
import { nextStudyCard } from './study-queue.js';
import type { GuiWindows, UndoEntry } from './windows.js';

/** What guiCurrentCard answers. */
export interface CurrentCard {
  cardId: number;
  fields: CardInfo['fields'];
  fieldOrder: number;
  question: string;
  answer: string;
  buttons: number[];
  nextReviews: string[];
  modelName: string;
  deckName: string;
  css: string;
  template: string;
}

/** Shows the deck's next card (or nothing is left), question side, its timer started. */
export function showNextCard(col: Collection, gui: GuiWindows, deckId: number, cardId = nextStudyCard(col, deckId)): void {
  gui.reviewer = { deckId, cardId, side: 'question', shownAtMs: col.nowMs() };
  gui.changed('reviewer');
}

export function reviewActive(gui: GuiWindows): boolean {
  return gui.screen === 'review' && gui.reviewer?.cardId !== undefined;
}

export function currentCard(col: Collection, gui: GuiWindows): CurrentCard {
  const cardId = gui.screen === 'review' ? gui.reviewer?.cardId : undefined;
  if (cardId === undefined) throw new AnkiConnectError('Gui review is not currently active.');
  const info = cardsInfo(col, [cardId])[0];
  if (info === null || info === undefined) throw new AnkiConnectError('Gui review is not currently active.');
  const row = col.stmt<[number], { ord: number; mid: number }>('select c.ord, n.mid from cards c join notes n on n.id = c.nid where c.id = ?').get(cardId);
  const notetype = row === undefined ? undefined : col.notetypes.get(row.mid);
  // A cloze note type has one template for every card.
  const template = notetype?.templates[isCloze(notetype) ? 0 : (row?.ord ?? 0)]?.name ?? '';
  return {
    cardId,
    fields: info.fields,
    fieldOrder: info.fieldOrder,
    question: info.question,
    answer: info.answer,
    buttons: [1, 2, 3, 4],
    nextReviews: info.nextReviews,
    modelName: info.modelName,
    deckName: info.deckName,
    css: info.css,
    template,
  };
}

/**
 * Answers the card shown, if its answer is shown and `ease` is one of its buttons; keeps what
 * the answer changed for guiUndo; shows the next card. False otherwise, as Anki-Connect.
 */
export function answerShownCard(col: Collection, gui: GuiWindows, ease: number): boolean {
  const reviewer = gui.reviewer;
  if (!reviewActive(gui) || reviewer?.side !== 'answer' || reviewer.cardId === undefined) return false;
  if (!Number.isInteger(ease) || ease < 1 || ease > 4) return false;
  const cardId = reviewer.cardId;
  const before = snapshot(col, cardId);
  col.transact(() => {
    const batch = new AnswerBatch(col);
    batch.answer(cardId, ease as Ease, col.nowMs() - reviewer.shownAtMs);
    batch.finish();
  });
  gui.undo.push(before);
  showNextCard(col, gui, reviewer.deckId);
  return true;
}

/** The rows an answer may change: the note's cards (siblings get buried), every deck's counters. */
function snapshot(col: Collection, cardId: number): UndoEntry {
  const cards = col.stmt<[number], Record<string, unknown>>('select * from cards where nid = (select nid from cards where id = ?)').all(cardId);
  const decks = col.stmt<[], Record<string, unknown>>('select * from decks').all();
  const revlogAbove = col.stmt<[], { id: number | null }>('select max(id) as id from revlog').get()?.id ?? 0;
  return { cardId, cards, decks, revlogAbove };
}

/**
 * Undoes the last answer given in the reviewer: the cards and decks as they were, its review
 * log entry gone, and the card shown again. Anki-Connect's guiUndo answers true whatever there
 * was to undo.
 */
export function undoLastAnswer(col: Collection, gui: GuiWindows): void {
  const entry = gui.undo.pop();
  if (entry === undefined) return;
  col.transact(() => {
    col.stmt('delete from revlog where id > ?').run(entry.revlogAbove);
    for (const [table, rows] of [
      ['cards', entry.cards],
      ['decks', entry.decks],
    ] as const) {
      for (const row of rows) {
        const columns = Object.keys(row);
        col.db
          .prepare(`insert or replace into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)
          .run(...columns.map((column) => row[column]));
      }
    }
    col.resetCaches();
  });
  col.forgetMaxId('revlog');
  if (gui.reviewer !== undefined) {
    gui.screen = 'review';
    showNextCard(col, gui, gui.reviewer.deckId, entry.cardId);
  }
}
