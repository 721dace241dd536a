// The Add dialog: the server's draft (guiAddCards opens it, guiAddNoteSetData fills it) shown
// as a form. What the user types goes back into the draft with guiAddNoteSetData, so an API
// client sees it too; the Add button is the UI endpoint that adds the draft as Anki's does.
import { h, show } from './dom.js';
import { fieldEditor, formatToolbar } from './field-editor.js';

/** The form on screen, updated in place while its note type stays the same. */
let form = null;

const tagText = (tags) => tags.join(' ');

function byId(map, id) {
  return Object.keys(map).find((name) => map[name] === id) ?? '';
}

/** Sends typed fields to the draft a moment after typing stops. */
function scheduleSync(api) {
  const current = form;
  current.dirty = true;
  clearTimeout(current.timer);
  current.timer = setTimeout(() => void syncFields(api, current), 300);
}

async function syncFields(api, current) {
  clearTimeout(current.timer);
  if (!current.dirty) return current.inflight;
  current.dirty = false;
  const fields = Object.fromEntries(current.editors.map((editor) => [editor.name, editor.value()]));
  const tags = current.tags.value.split(/\s+/).filter((tag) => tag !== '');
  current.inflight = api.act(() => api.invoke('guiAddNoteSetData', { note: { fields, tags } }));
  await current.inflight;
  current.inflight = null;
  return null;
}

export async function renderAdd(container, api, draft) {
  if (draft === null) {
    // Opening the window is what guiAddCards does; the event it sends shows the form.
    await api.act(() => api.invoke('guiAddCards'));
    return;
  }
  if (form !== null && form.notetypeId === draft.notetypeId && container.contains(form.root)) {
    form.deck.value = String(draft.deckId);
    // While the user's typing is on its way, the draft is older than the form.
    if (form.dirty || form.inflight !== null) return;
    form.editors.forEach((editor, i) => {
      if (editor.value() !== (draft.fields[i] ?? '')) editor.set(draft.fields[i] ?? '');
    });
    if (document.activeElement !== form.tags) form.tags.value = tagText(draft.tags);
    return;
  }
  const [decks, models] = await Promise.all([api.invoke('deckNamesAndIds'), api.invoke('modelNamesAndIds')]);
  const modelName = byId(models, draft.notetypeId);
  const fieldNames = await api.invoke('modelFieldNames', { modelName });
  const next = { notetypeId: draft.notetypeId, dirty: false, inflight: null, timer: undefined, editors: [], root: null, deck: null, tags: null };
  next.editors = fieldNames.map((name, i) => fieldEditor(api, name, draft.fields[i] ?? '', () => scheduleSync(api)));
  const option = (name, id, selected) => h('option', { value: id, selected: selected }, name);
  next.deck = h('select', { name: 'deck', onchange: () => api.act(() => api.invoke('guiAddNoteSetData', { note: { deckName: byId(decks, Number(next.deck.value)) } })) },
    Object.keys(decks).sort().map((name) => option(name, decks[name], decks[name] === draft.deckId)));
  const model = h('select', { name: 'notetype', onchange: async () => { await syncFields(api, next); await api.act(() => api.invoke('guiAddNoteSetData', { note: { modelName: model.value } })); } },
    Object.keys(models).sort().map((name) => option(name, name, models[name] === draft.notetypeId)));
  next.tags = h('input', { type: 'text', name: 'tags', value: tagText(draft.tags), oninput: () => scheduleSync(api) });
  const add = async () => {
    await syncFields(api, next);
    const noteId = await api.act(() => api.ui('add'));
    if (noteId !== undefined) {
      api.status(`Added note ${noteId}.`);
      next.editors[0]?.editor.focus();
    }
  };
  next.root = h('div', { class: 'editor', 'data-window': 'add' },
    h('h2', {}, 'Add'),
    h('label', {}, 'Type'), model,
    h('label', {}, 'Deck'), next.deck,
    formatToolbar(),
    next.editors.map((editor) => editor.element),
    h('label', {}, 'Tags'), next.tags,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'add-note', title: 'Add (Ctrl+Enter)', onclick: add }, 'Add'),
      h('button', { type: 'button', class: 'secondary', onclick: () => api.act(() => api.ui('close', { window: 'add' })) }, 'Close')));
  next.root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void add();
    }
  });
  form = next;
  show(container, next.root);
}
