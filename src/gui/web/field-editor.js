// One rich-text editor per field, as in Anki's editor: bold, italic and underline (buttons and
// Ctrl/⌘+B/I/U, the browser's own editing commands), and images pasted or dropped into a
// field stored in the media folder with storeMediaFile and inserted as <img>.
import { fromEditorHtml, h, toEditorHtml } from './dom.js';

const EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Stores each image and inserts it where the caret is. */
async function insertImages(api, editor, files) {
  for (const file of files) {
    const extension = EXTENSIONS[file.type] ?? 'png';
    const stamp = new Date().toISOString().replace(/[-:.TZ]/g, '');
    const name = await api.invoke('storeMediaFile', { filename: `paste-${stamp}.${extension}`, data: await base64Of(file) });
    const image = h('img', { src: api.mediaBase() + name });
    const selection = getSelection();
    if (selection !== null && selection.rangeCount > 0 && editor.contains(selection.anchorNode)) {
      const range = selection.getRangeAt(0);
      range.deleteContents();
      range.insertNode(image);
      range.setStartAfter(image);
      range.collapse(true);
    } else {
      editor.append(image);
    }
    editor.dispatchEvent(new Event('input'));
  }
}

const imagesIn = (transfer) => [...(transfer?.files ?? [])].filter((file) => file.type.startsWith('image/'));

/**
 * A field's editor. `value()` is the field's HTML as it would be saved; `set(html)` shows a
 * value from the server; `changed()` says whether the user edited it since, so that a field
 * left alone is saved exactly as it was (the editor's cleaning never rewrites it).
 */
export function fieldEditor(api, name, html, onInput) {
  const editor = h('div', { class: 'field', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': name, 'data-field': name });
  let original = html;
  let shownHtml = '';
  const set = (value) => {
    original = value;
    editor.innerHTML = toEditorHtml(value, api.mediaBase());
    shownHtml = editor.innerHTML;
  };
  set(html);
  editor.addEventListener('input', () => onInput());
  editor.addEventListener('paste', (event) => {
    const images = imagesIn(event.clipboardData);
    if (images.length === 0) return;
    event.preventDefault();
    void api.act(() => insertImages(api, editor, images));
  });
  editor.addEventListener('drop', (event) => {
    const images = imagesIn(event.dataTransfer);
    if (images.length === 0) return;
    event.preventDefault();
    void api.act(() => insertImages(api, editor, images));
  });
  editor.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const command = { b: 'bold', i: 'italic', u: 'underline' }[event.key.toLowerCase()];
    if (command === undefined) return;
    event.preventDefault();
    document.execCommand(command);
  });
  const changed = () => editor.innerHTML !== shownHtml;
  return {
    element: h('div', {}, h('label', {}, name), editor),
    editor,
    name,
    set,
    changed,
    value: () => (changed() ? fromEditorHtml(editor.innerHTML, api.mediaBase()) : original),
  };
}

/** Bold, italic and underline for whichever field has the focus. */
export function formatToolbar() {
  // mousedown, not click: the field keeps its selection.
  const button = (command, label, title) => h('button', { type: 'button', title, onmousedown: (event) => { event.preventDefault(); document.execCommand(command); } }, label);
  return h('div', { class: 'toolbar' },
    button('bold', h('b', {}, 'B'), 'Bold (Ctrl+B)'),
    button('italic', h('i', {}, 'I'), 'Italic (Ctrl+I)'),
    button('underline', h('u', {}, 'U'), 'Underline (Ctrl+U)'));
}
