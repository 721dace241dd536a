// Import and export (a file on the server by path, or a package uploaded from this browser),
// Check Database and the statistics report: each through the API action a client would call.
import { h, show } from './dom.js';

export async function renderFiles(container, api, state) {
  const decks = Object.keys(await api.invoke('deckNamesAndIds')).sort();
  const importPath = h('input', { type: 'text', name: 'import-path', placeholder: '/path/to/deck.apkg', value: state.importPath ?? '' });
  const upload = h('input', { type: 'file', name: 'upload', accept: '.apkg,.colpkg' });
  const deck = h('select', { name: 'export-deck' }, decks.map((name) => h('option', { value: name }, name)));
  const exportPath = h('input', { type: 'text', name: 'export-path', placeholder: '/path/to/export.apkg' });
  const scheduling = h('input', { type: 'checkbox', name: 'include-sched' });
  const imported = async (run) => {
    const result = await api.act(run);
    if (result === undefined) return;
    api.status('Imported.');
    if (state.importOpen) await api.act(() => api.ui('close', { window: 'import' }));
  };
  show(container, h('div', { class: 'files' },
    state.importOpen ? h('p', {}, 'An Anki-Connect client asked to import a file: pick one below.') : null,
    h('section', {},
      h('h3', {}, 'Import'),
      h('label', {}, 'A package on the server (importPackage)'), importPath,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => imported(() => api.invoke('importPackage', { path: importPath.value })) }, 'Import')),
      h('label', {}, 'Or a package from this computer'), upload,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => upload.files?.[0] === undefined ? api.status('Choose a file first.', true) : imported(() => api.uploadPackage(upload.files[0])) }, 'Upload and import'))),
    h('section', {},
      h('h3', {}, 'Export'),
      h('label', {}, 'Deck'), deck,
      h('label', {}, 'To a file on the server (exportPackage)'), exportPath,
      h('label', { style: 'font-weight: normal' }, scheduling, ' Include scheduling information'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: async () => {
        const done = await api.act(() => api.invoke('exportPackage', { deck: deck.value, path: exportPath.value, includeSched: scheduling.checked }));
        if (done === true) api.status(`Exported ${deck.value} to ${exportPath.value}.`);
        else if (done === false) api.status(`No deck named ${deck.value}.`, true);
      } }, 'Export')))));
}

export function renderCheck(container, api) {
  const report = h('pre', { class: 'report', hidden: true });
  const run = async () => {
    report.hidden = true;
    const result = await api.act(() => api.invoke('guiCheckDatabase'));
    if (result === undefined) return;
    // guiCheckDatabase answers true as upstream does; the server logs what it repaired.
    report.textContent = result === true ? 'Check Database finished: the collection was checked, repaired where needed, rebuilt and optimized.' : JSON.stringify(result, null, 2);
    report.hidden = false;
    api.status('Database checked.');
  };
  show(container, h('div', {},
    h('h2', {}, 'Check Database'),
    h('p', {}, "Checks the collection and repairs what Anki's Check Database repairs."),
    h('button', { type: 'button', class: 'primary', id: 'check-database', onclick: run }, 'Check Database'),
    report));
}

export async function renderStats(container, api) {
  const html = await api.invoke('getCollectionStatsHTML', { wholeCollection: true });
  // A frame with every sandbox restriction: the report is HTML and SVG, it needs no script.
  const frame = h('iframe', { title: 'Statistics', sandbox: '' });
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">${html}</body></html>`;
  show(container, h('div', { class: 'stats' }, frame));
}
