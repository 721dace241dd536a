// The page: which window is shown, and keeping it in step with the server. The server's
// windows are the truth (src/gui/windows.ts): the page asks for them after every event and
// shows them, and acts only through the API and the UI endpoints, so that a page and an
// Anki-Connect client always see the same dialogs, selection and reviewer.
import * as api from './api.js';
import { renderAdd } from './add-form.js';
import { invalidateRows, renderBrowser } from './browser.js';
import { renderDeckList, renderOverview } from './decks.js';
import { renderEdit } from './edit-form.js';
import { renderPermissions } from './permissions.js';
import { renderReviewer, reviewerKey } from './reviewer.js';
import { renderCheck, renderFiles, renderStats } from './tools.js';

const view = document.getElementById('view');
const statusLine = document.getElementById('status');

/** The server's windows as last read (POST /_/ui/state). */
let state = null;
/** The view shown: `main` (deck list, overview or reviewer, as the server's screen says) or a window. */
let current = 'main';

function status(text, error = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', error);
}

/** Runs an action for the user: its error is shown rather than thrown. */
async function act(run) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof api.ApiError && err.keyRefused) askForKey();
    status(err instanceof Error ? err.message : String(err), true);
    return undefined;
  }
}

const ctx = { invoke: api.invoke, ui: api.ui, uploadPackage: api.uploadPackage, mediaBase: api.mediaBase, act, status };

async function renderView() {
  for (const button of document.querySelectorAll('nav button')) {
    button.setAttribute('aria-current', String(button.dataset.view === current));
  }
  view.dataset.view = current;
  if (current === 'main') {
    view.dataset.screen = state.screen;
    if (state.screen === 'review') await renderReviewer(view, ctx, state.reviewer);
    else if (state.screen === 'overview') await renderOverview(view, ctx, state.currentDeckId);
    else await renderDeckList(view, ctx);
  } else if (current === 'browser') await renderBrowser(view, ctx, state.browser);
  else if (current === 'add') await renderAdd(view, ctx, state.add);
  else if (current === 'edit') await renderEdit(view, ctx, state.editNoteId);
  else if (current === 'files') await renderFiles(view, ctx, state);
  else if (current === 'check') renderCheck(view, ctx);
  else if (current === 'stats') await renderStats(view, ctx);
}

/** Which view a window's change brings forward, if the window is open. */
function windowView(window) {
  if (window === 'main' || window === 'reviewer') return 'main';
  if (window === 'browser') return state.browser !== null ? 'browser' : null;
  if (window === 'add') return state.add !== null ? 'add' : null;
  if (window === 'edit') return state.editNoteId !== null ? 'edit' : null;
  if (window === 'import') return state.importOpen ? 'files' : null;
  return null;
}
const VIEW_OF_WINDOW = { browser: 'browser', add: 'add', edit: 'edit', import: 'files' };

async function loadState() {
  state = await api.ui('state');
  document.getElementById('profile').textContent = state.profile === null ? '' : `Profile: ${state.profile}`;
  renderPermissions(document.getElementById('permissions'), ctx, state);
}

/**
 * One update at a time, in order: events arrive faster than a view renders (a selection sends
 * one, the draft one per pause in typing), and a view must not be drawn over itself.
 */
let queue = Promise.resolve();
function update(work) {
  queue = queue.then(() => act(work));
  return queue;
}

function onEvent(type, data) {
  void update(async () => {
    await loadState();
    if (type === 'gui') {
      const next = windowView(data);
      if (next !== null) current = next;
      else if (VIEW_OF_WINDOW[data] === current) current = 'main';
      await renderView();
    } else if (type === 'collection') {
      invalidateRows();
      // Forms the user is filling in are not redrawn under them.
      if (current !== 'check' && current !== 'files') await renderView();
    } else if (type === 'open') {
      // Connected: from now on the server may ask this page about permissions.
      document.body.dataset.live = 'true';
      await renderView();
    }
  });
}

function askForKey() {
  const dialog = document.getElementById('key-dialog');
  if (dialog.open) return;
  dialog.addEventListener('close', () => {
    api.setApiKey(new FormData(dialog.querySelector('form')).get('key'));
    location.reload();
  }, { once: true });
  dialog.showModal();
}

for (const button of document.querySelectorAll('nav button')) {
  button.addEventListener('click', () => void update(async () => {
    current = button.dataset.view;
    status('');
    // The Decks button shows the deck list, as Anki's does from any screen.
    if (current === 'main' && state.screen !== 'deckBrowser') await api.invoke('guiDeckBrowser');
    else await renderView();
  }));
}

document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (typing || current !== 'main' || state?.screen !== 'review') return;
  // Buttons are clicked by the shortcuts, not by the focus: space must not press a button twice.
  if (target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) target.blur();
  reviewerKey(event, ctx);
});

await update(async () => {
  try {
    await loadState();
  } catch (err) {
    if (err instanceof api.ApiError && err.keyRefused) {
      askForKey();
      return;
    }
    throw err;
  }
  await renderView();
  api.followEvents(onEvent);
});
