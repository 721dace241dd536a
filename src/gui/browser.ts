/**
 * The card browser: a search, its cards in the table's order, a sort column, a selection. As in
 * Anki, a new search selects its first card (or nothing when it found none), and only the
 * columns the table shows can sort it: Anki's default card columns (Sort Field, Card, Due, Deck).
 */
import type { Collection } from '../collection/collection.js';
import { findCards } from '../collection/search.js';
import { AnkiConnectError } from '../errors.js';
import { pythonRepr } from '../http/python-errors.js';
import { BROWSER_COLUMNS, type BrowserWindow, type GuiWindows } from './windows.js';

/** The browser's search when it opens without one: Anki's default, the current deck. */
export const DEFAULT_BROWSER_QUERY = 'deck:current';

/** SQL ordering of each column over `cards c join notes n`, ties broken by card id. */
const ORDER: Record<string, string> = {
  noteFld: 'n.sfld collate nocase',
  template: 'c.ord',
  // Due as Anki sorts it: new cards by position after the others, then by due day or time.
  cardDue: 'c.type = 0, c.due',
  deck: '(select name from decks where id = c.did)',
};

function sortedCards(col: Collection, cards: readonly number[], sort: BrowserWindow['sort']): number[] {
  if (cards.length < 2) return [...cards];
  const direction = sort.descending ? 'desc' : 'asc';
  return col
    .stmt<[string], { id: number }>(
      `select c.id from cards c join notes n on n.id = c.nid where c.id in (select value from json_each(?)) order by ${ORDER[sort.column] ?? 'c.id'} ${direction}, c.id ${direction}`,
    )
    .all(JSON.stringify(cards))
    .map((row) => row.id);
}

/** Opens the browser (if it is not open) and runs `query` in it; an invalid query finds nothing. */
export function browse(col: Collection, gui: GuiWindows, query: string | undefined): BrowserWindow {
  const current = gui.browser ?? { query: DEFAULT_BROWSER_QUERY, sort: { column: 'noteFld', descending: false }, cards: [], selected: [] };
  const text = query ?? current.query;
  let found: number[];
  try {
    found = findCards(col, text);
  } catch {
    found = [];
  }
  const cards = sortedCards(col, found, current.sort);
  const browser: BrowserWindow = { ...current, query: text, cards, selected: cards.slice(0, 1) };
  gui.browser = browser;
  gui.changed('browser');
  return browser;
}

/** Python's str() of a JSON value, as Anki-Connect formats it into its messages. */
function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/**
 * The columns of Anki's card browser that `reorderCards.columnId` may name: those the browser
 * shows (config `activeCols`, or Anki's default set).
 */
function activeColumns(col: Collection): string[] {
  const configured = col.config.get('activeCols');
  if (Array.isArray(configured) && configured.every((column) => typeof column === 'string')) return configured;
  return [...BROWSER_COLUMNS];
}

/** guiBrowse's `reorderCards`, checked with Anki-Connect's messages in its order. */
export function readReorderCards(col: Collection, reorderCards: unknown): BrowserWindow['sort'] | undefined {
  if (reorderCards === undefined || reorderCards === null) return undefined;
  if (typeof reorderCards !== 'object' || Array.isArray(reorderCards)) {
    throw new AnkiConnectError(`reorderCards should be a dict: ${pythonStr(reorderCards)}`);
  }
  const { columnId, order } = reorderCards as Record<string, unknown>;
  if (!('columnId' in reorderCards && 'order' in reorderCards)) {
    throw new AnkiConnectError('Must provide a "columnId" and a "order" property"');
  }
  if (order !== 'ascending' && order !== 'descending') throw new AnkiConnectError(`invalid card order: ${pythonStr(order)}`);
  if (typeof columnId !== 'string' || !activeColumns(col).includes(columnId)) {
    throw new AnkiConnectError(`invalid columnId: ${pythonStr(columnId)}`);
  }
  return { column: columnId, descending: order === 'descending' };
}

/** Sorts the open browser's table by a column (one this server cannot order by leaves card id order). */
export function sortBrowser(col: Collection, gui: GuiWindows, sort: BrowserWindow['sort']): void {
  const browser = gui.browser;
  if (browser === undefined) return;
  gui.browser = { ...browser, sort, cards: sortedCards(col, browser.cards, sort) };
  gui.changed('browser');
}

/** The notes of the selected cards, in table order, each once. */
export function selectedNotes(col: Collection, gui: GuiWindows): number[] {
  const selected = gui.browser?.selected ?? [];
  if (selected.length === 0) return [];
  const byCard = new Map(
    col
      .stmt<[string], { id: number; nid: number }>('select id, nid from cards where id in (select value from json_each(?))')
      .all(JSON.stringify(selected))
      .map((row) => [row.id, row.nid]),
  );
  return [...new Set(selected.flatMap((id) => (byCard.has(id) ? [byCard.get(id) as number] : [])))];
}
