/**
 * The `hint` filter (anki-semantics.md §2.4): a link that reveals the field's text when clicked.
 */
import { trimRust } from '../text/rust-whitespace.js';
import { blake3, toHex } from './blake3.js';

const encoder = new TextEncoder();

/**
 * The DOM id suffix of a hint: hex of the first 8 bytes of BLAKE3 over the text's UTF-8 bytes
 * followed by the field name's. Anki derives it from the content so that two hints on one card
 * get different ids while re-rendering the same card keeps them stable.
 */
export function hintId(text: string, fieldName: string): string {
  return toHex(blake3(encoder.encode(text + fieldName), 8));
}

/**
 * Anki's hint filter. Text that is blank after trimming is returned unchanged; otherwise the
 * output is Anki's markup exactly, newlines included, with the field name as the link text.
 */
export function hintFilter(text: string, fieldName: string): string {
  if (trimRust(text) === '') return text;
  const id = hintId(text, fieldName);
  return (
    '\n<a class=hint href="#"\n' +
    `onclick="this.style.display='none';\n` +
    `document.getElementById('hint${id}').style.display='block';\n` +
    'return false;" draggable=false>\n' +
    `${fieldName}</a>\n` +
    `<div id="hint${id}" class=hint style="display: none">${text}</div>\n`
  );
}
