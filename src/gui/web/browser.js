// The card browser: a search (guiBrowse, as an API client opens it), Anki's default columns,
// sorting by a header click, and selection by click, Ctrl/⌘-click and Shift-click. The
// selection is the server's (guiSelectedNotes reports it), so the table shows what the server
// holds after every change, wherever it came from.
import { h, show } from './dom.js';

const COLUMNS = [
  ['noteFld', 'Sort Field', 'sortField'],
  ['template', 'Card', 'card'],
  ['cardDue', 'Due', 'due'],
  ['deck', 'Deck', 'deck'],
];
/** Rows shown at once; the rest are counted, as a huge search should not build a huge table. */
const PAGE = 500;

let cache = { signature: '', rows: [] };
/** Where a Shift-click range starts. */
let anchor = null;

export function invalidateRows() {
  cache = { signature: '', rows: [] };
}

async function loadRows(api, browser) {
  const signature = JSON.stringify([browser.query, browser.sort, browser.total]);
  if (cache.signature !== signature) cache = { signature, rows: await api.ui('rows', { offset: 0, limit: PAGE }) };
  return cache.rows;
}

function selectionAfterClick(event, rows, selected, cardId) {
  const ids = rows.map((row) => row.cardId);
  if (event.shiftKey && anchor !== null && ids.includes(anchor)) {
    const [from, to] = [ids.indexOf(anchor), ids.indexOf(cardId)].sort((a, b) => a - b);
    return ids.slice(from, to + 1);
  }
  anchor = cardId;
  if (event.ctrlKey || event.metaKey) return selected.includes(cardId) ? selected.filter((id) => id !== cardId) : [...selected, cardId];
  return [cardId];
}

export async function renderBrowser(container, api, browser) {
  if (browser === null) {
    await api.act(() => api.invoke('guiBrowse', { query: 'deck:current' }));
    return;
  }
  const rows = await loadRows(api, browser);
  const selected = new Set(browser.selected);
  const search = h('input', { type: 'search', name: 'query', value: browser.query, 'aria-label': 'Search' });
  const header = COLUMNS.map(([column, label]) => {
    const active = browser.sort.column === column;
    const arrow = active ? (browser.sort.descending ? ' ▼' : ' ▲') : '';
    return h('th', { 'data-column': column, onclick: () => api.act(() => api.ui('sort', { column, descending: active ? !browser.sort.descending : false })) }, label + arrow);
  });
  const body = rows.map((row) => h('tr', {
    'data-card': row.cardId,
    'data-note': row.noteId,
    'aria-selected': selected.has(row.cardId) ? 'true' : 'false',
    onclick: (event) => api.act(() => api.ui('select', { cards: selectionAfterClick(event, rows, browser.selected, row.cardId) })),
    ondblclick: () => api.act(() => api.invoke('guiEditNote', { note: row.noteId })),
  }, COLUMNS.map(([, , key]) => h('td', {}, row[key]))));
  const selectedNotes = new Set(rows.filter((row) => selected.has(row.cardId)).map((row) => row.noteId));
  const firstNote = rows.find((row) => selected.has(row.cardId))?.noteId;
  const hadFocus = document.activeElement?.getAttribute('name') === 'query';
  show(container, h('div', { class: 'browser' },
    h('form', { onsubmit: (event) => { event.preventDefault(); void api.act(() => api.invoke('guiBrowse', { query: search.value })); } },
      search, h('button', { class: 'primary' }, 'Search'),
      h('button', { type: 'button', class: 'secondary', disabled: firstNote === undefined, onclick: () => api.act(() => api.invoke('guiEditNote', { note: firstNote })) }, 'Edit'),
      h('button', { type: 'button', class: 'secondary', onclick: () => api.act(() => api.ui('close', { window: 'browser' })) }, 'Close')),
    h('p', { class: 'info' }, `${browser.total} cards shown${browser.total > rows.length ? ` (the first ${rows.length} listed)` : ''}; ${selected.size} selected (${selectedNotes.size} notes)`),
    h('table', {}, h('thead', {}, h('tr', {}, header)), h('tbody', {}, body))));
  if (hadFocus) search.focus();
}
