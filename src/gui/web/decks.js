// The main window's deck list (with today's due counts) and a deck's overview.
import { h, show } from './dom.js';

/** Deck names with their ids, and getDeckStats' counts, in the deck list's order. */
async function loadDecks(api) {
  const ids = await api.invoke('deckNamesAndIds');
  const names = Object.keys(ids).sort((a, b) => a.localeCompare(b));
  const stats = names.length === 0 ? {} : await api.invoke('getDeckStats', { decks: names });
  return names.map((name) => ({ name, id: ids[name], counts: stats[String(ids[name])] }));
}

const count = (value, kind) => h('td', { class: `num ${value > 0 ? kind : ''}` }, String(value ?? 0));

export async function renderDeckList(container, api) {
  const decks = await loadDecks(api);
  const rows = decks.map((deck) => {
    const parts = deck.name.split('::');
    const open = () => api.act(() => api.invoke('guiDeckOverview', { name: deck.name }));
    return h('tr', { 'data-deck': deck.name },
      h('td', { style: `padding-left: ${8 + 18 * (parts.length - 1)}px` }, h('a', { href: '#', onclick: (event) => { event.preventDefault(); open(); } }, parts[parts.length - 1])),
      count(deck.counts?.new_count, 'new'),
      count(deck.counts?.learn_count, 'learn'),
      count(deck.counts?.review_count, 'due'));
  });
  show(container, h('h2', {}, 'Decks'),
    h('table', { class: 'decks' }, h('thead', {}, h('tr', {}, h('th', {}, 'Deck'), h('th', { class: 'num' }, 'New'), h('th', { class: 'num' }, 'Learn'), h('th', { class: 'num' }, 'Due'))), h('tbody', {}, rows)));
}

export async function renderOverview(container, api, deckId) {
  const decks = await loadDecks(api);
  const deck = decks.find((entry) => entry.id === deckId) ?? decks[0];
  if (deck === undefined) return show(container, h('p', {}, 'No deck.'));
  const counts = deck.counts ?? { new_count: 0, learn_count: 0, review_count: 0 };
  const study = () => api.act(() => api.invoke('guiDeckReview', { name: deck.name }));
  show(container, h('div', { class: 'overview' },
    h('h2', {}, deck.name),
    h('table', {},
      h('tr', {}, h('td', {}, 'New:'), count(counts.new_count, 'new')),
      h('tr', {}, h('td', {}, 'Learning:'), count(counts.learn_count, 'learn')),
      h('tr', {}, h('td', {}, 'To Review:'), count(counts.review_count, 'due'))),
    h('div', { class: 'actions', style: 'justify-content: center' },
      h('button', { type: 'button', class: 'primary', id: 'study-now', onclick: study }, 'Study Now'),
      h('button', { type: 'button', class: 'secondary', onclick: () => api.act(() => api.invoke('guiDeckBrowser')) }, 'Decks'))));
  container.querySelector('#study-now')?.focus();
}
