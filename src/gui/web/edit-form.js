// The Edit dialog on the note guiEditNote opened: its fields in editors, saved with
// updateNoteFields (only the fields the user changed, so a field's HTML is never rewritten by
// the editor's cleaning) and updateNoteTags.
import { h, show } from './dom.js';
import { fieldEditor, formatToolbar } from './field-editor.js';

let form = null;

export async function renderEdit(container, api, noteId, force = false) {
  if (noteId === null) {
    form = null;
    show(container, h('p', {}, 'No note is being edited: double-click a card in the browser, or press e in the reviewer.'));
    return;
  }
  if (!force && form !== null && form.noteId === noteId && container.contains(form.root)) return;
  const [info] = await api.invoke('notesInfo', { notes: [noteId] });
  if (info === undefined || info.noteId === undefined) {
    show(container, h('p', {}, `Note ${noteId} no longer exists.`));
    return;
  }
  const names = Object.keys(info.fields).sort((a, b) => info.fields[a].order - info.fields[b].order);
  const editors = names.map((name) => fieldEditor(api, name, info.fields[name].value, () => undefined));
  const tags = h('input', { type: 'text', name: 'tags', value: info.tags.join(' ') });
  const save = async () => {
    const fields = Object.fromEntries(editors.filter((editor) => editor.changed()).map((editor) => [editor.name, editor.value()]));
    const done = await api.act(async () => {
      if (Object.keys(fields).length > 0) await api.invoke('updateNoteFields', { note: { id: noteId, fields } });
      if (tags.value !== info.tags.join(' ')) await api.invoke('updateNoteTags', { note: noteId, tags: tags.value.split(/\s+/).filter((tag) => tag !== '') });
      return true;
    });
    if (done === true) {
      api.status(`Saved note ${noteId}.`);
      await renderEdit(container, api, noteId, true);
    }
  };
  const root = h('div', { class: 'editor', 'data-window': 'edit', 'data-note': noteId },
    h('h2', {}, `Edit — ${info.modelName}`),
    formatToolbar(),
    editors.map((editor) => editor.element),
    h('label', {}, 'Tags'), tags,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'save-note', onclick: save }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => api.act(() => api.ui('close', { window: 'edit' })) }, 'Close')));
  form = { noteId, root };
  show(container, root);
}
