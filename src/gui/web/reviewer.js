// The reviewer: the card from guiCurrentCard in a frame, Show Answer, then the four answer
// buttons labelled with their next intervals (nextReviews). Keys as in Anki: space or Enter
// shows the answer and then answers Good, 1–4 answer, r replays the sounds, e edits the note,
// Ctrl+Z (⌘Z) undoes the last answer. Every step is the graphical action an API client would use.
import { h, show } from './dom.js';
import { renderCardFrame } from './card-frame.js';

const LABELS = ['Again', 'Hard', 'Good', 'Easy'];

/** What is on screen, so that an event that changes nothing does not reload the frame. */
let shown = { key: '', card: null, sounds: null, api: null };
let busy = false;

/** Runs one reviewer step at a time: a key held down must not answer the next card too. */
async function step(api, action) {
  if (busy) return;
  busy = true;
  try {
    await api.act(action);
  } finally {
    busy = false;
  }
}

function play(side, n) {
  const files = shown.sounds === null ? [] : side === 'q' ? shown.sounds.question : shown.sounds.answer;
  const list = n === undefined ? files : [files[n]];
  const api = shown.api;
  // One after the other, as Anki plays a side's sounds; autoplay rules may refuse the first.
  let chain = Promise.resolve();
  for (const file of list) {
    if (typeof file !== 'string' || api === null) continue;
    chain = chain.then(() => new Promise((resolve) => {
      const audio = new Audio(api.mediaBase() + encodeURIComponent(file));
      audio.onended = () => resolve();
      audio.onerror = () => resolve();
      audio.play().catch(() => resolve());
    }));
  }
}

export async function renderReviewer(container, api, reviewer) {
  if (reviewer === null || reviewer.cardId === null) {
    shown = { key: '', card: null, sounds: null, api };
    show(container, h('div', { class: 'congrats' },
      h('h2', {}, 'Congratulations! You have finished this deck for now.'),
      h('button', { type: 'button', class: 'primary', onclick: () => api.act(() => api.invoke('guiDeckBrowser')) }, 'Decks')));
    return;
  }
  const key = `${reviewer.cardId}:${reviewer.side}`;
  if (key === shown.key && container.querySelector('.reviewer') !== null) return;
  const card = await api.invoke('guiCurrentCard');
  const sounds = shown.card?.cardId === card.cardId ? shown.sounds : await api.ui('sounds', { cardId: card.cardId });
  shown = { key, card, sounds, api };
  const answer = reviewer.side === 'answer';
  const frame = h('iframe', { title: 'Card', id: 'card-frame' });
  const bar = answer
    ? LABELS.map((label, i) => h('button', { type: 'button', class: i === 2 ? 'primary' : 'secondary', 'data-ease': i + 1, onclick: () => answerCard(api, i + 1) },
        h('small', {}, card.nextReviews[i] ?? ''), label))
    : [h('button', { type: 'button', class: 'primary', id: 'show-answer', onclick: () => showAnswer(api) }, 'Show Answer')];
  show(container, h('div', { class: 'reviewer', 'data-card': card.cardId, 'data-side': reviewer.side },
    frame, h('div', { class: 'answer-bar' }, bar)));
  renderCardFrame(frame, {
    html: answer ? card.answer : card.question,
    ord: card.fieldOrder,
    mediaBase: api.mediaBase(),
    onReplay: play,
    onKey: (event) => reviewerKey(event, api),
  });
  // Anki plays a side's sounds when it is shown.
  play(answer ? 'a' : 'q');
}

const showAnswer = (api) => step(api, () => api.invoke('guiShowAnswer'));
const answerCard = (api, ease) => step(api, () => api.invoke('guiAnswerCard', { ease }));

/** guiCurrentCard does not name the note: cardsInfo does. */
async function editNote(api, cardId) {
  const [info] = await api.invoke('cardsInfo', { cards: [cardId] });
  await api.invoke('guiEditNote', { note: info.note });
}

/** The reviewer's shortcuts; true when the key was one of them. */
export function reviewerKey(event, api) {
  if (shown.card === null || event.altKey) return false;
  const answer = shown.key.endsWith(':answer');
  const key = event.key;
  let handled = true;
  if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'z') void step(api, () => api.invoke('guiUndo'));
  else if (event.ctrlKey || event.metaKey) handled = false;
  else if (key === ' ' || key === 'Enter') void (answer ? answerCard(api, 3) : showAnswer(api));
  else if (answer && ['1', '2', '3', '4'].includes(key)) void answerCard(api, Number(key));
  else if (key === 'r' || key === 'F5') play(answer ? 'a' : 'q');
  else if (key === 'e') void step(api, () => editNote(api, shown.card.cardId));
  else handled = false;
  if (handled) event.preventDefault();
  return handled;
}
