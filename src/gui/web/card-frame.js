// A card rendered as Anki's reviewer shows it, in a frame of its own: the card's HTML (which
// starts with the note type's CSS in a <style>) in a srcdoc document whose <base> is the media
// route, so images, sounds and fonts named by the card load from the media folder. The frame is
// sandboxed without scripts: a card's JavaScript does not run (a shared deck cannot reach the
// page or the API through it), while the page itself can still wire its replay buttons.

/** Escapes text for an HTML attribute value. */
function attr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const FRAME_CSS = `
html { height: 100%; }
body { margin: 0; padding: 16px; overflow-wrap: break-word; }
.replay-button { display: inline-block; cursor: pointer; width: 1.6em; height: 1.6em; line-height: 1.6em; text-align: center;
  border-radius: 50%; background: #e3ecfa; color: #2f6fd0; font-size: 80%; vertical-align: middle; text-decoration: none; }
`;

/**
 * Puts a card side into `frame`. `html` holds `[anki:play:q:N]` placeholders where the card
 * plays sounds; they become replay buttons and `onReplay(side, n)` hears their clicks.
 */
export function renderCardFrame(frame, { html, ord, mediaBase, onReplay, onKey }) {
  const body = html.replace(/\[anki:play:([qa]):(\d+)\]/g, (_all, side, n) => `<a class="replay-button" data-side="${side}" data-n="${n}" title="Replay">&#9654;</a>`);
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"><base href="${attr(mediaBase)}"><style>${FRAME_CSS}</style></head>` +
    `<body class="card card${ord + 1}">${body}</body></html>`;
  frame.onload = () => {
    const doc = frame.contentDocument;
    if (doc === null) return;
    doc.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('.replay-button') : null;
      if (button !== null) onReplay(button.getAttribute('data-side'), Number(button.getAttribute('data-n')));
    });
    // Keys pressed while the frame has the focus still reach the reviewer's shortcuts.
    doc.addEventListener('keydown', onKey);
  };
}
