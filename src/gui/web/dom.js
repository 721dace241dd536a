// Small DOM helpers: building elements without HTML strings (so no data is ever parsed as
// markup by accident), and the cleaning of note HTML before it is shown in an editor.

/**
 * `h('button', {class: 'primary', onclick}, 'Add')`: attributes starting with `on` become
 * listeners, `true` becomes an empty attribute, false/null/undefined are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Empties `container` and puts `children` in it. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

// Elements that could run code, load documents or restyle the whole page if a note's HTML
// were put into the page as it is. Card frames do not need this: they run no script at all.
const DROPPED = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'link', 'meta', 'base', 'template', 'noscript', 'form', 'input', 'button', 'textarea', 'select']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'data']);

/** A relative media reference (`a.jpg`), not a URL with a scheme or an absolute path. */
function isMediaName(value) {
  return value !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('/') && !value.startsWith('#');
}

/**
 * Note HTML made safe to edit in the page: dangerous elements and every event handler removed,
 * script URLs dropped, and media names pointed at the media route so images show.
 */
export function toEditorHtml(html, mediaBase) {
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  for (const element of [...doc.body.querySelectorAll('*')]) {
    if (DROPPED.has(element.localName)) {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim();
      if (name.startsWith('on') || (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data:text)/i.test(value))) {
        element.removeAttribute(attribute.name);
      }
    }
    const src = element.getAttribute('src');
    if (src !== null && isMediaName(src)) element.setAttribute('src', mediaBase + src);
  }
  return doc.body.innerHTML;
}

/** The editor's HTML as a field value: media references back to plain names. */
export function fromEditorHtml(html, mediaBase) {
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  for (const element of doc.body.querySelectorAll('[src]')) {
    const src = element.getAttribute('src') ?? '';
    if (src.startsWith(mediaBase)) element.setAttribute('src', src.slice(mediaBase.length));
  }
  return doc.body.innerHTML;
}
