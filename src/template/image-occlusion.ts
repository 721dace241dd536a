/**
 * Image occlusion shapes inside cloze deletions, `{{c1::image-occlusion:rect:left=.1:top=.2:…}}`,
 * turned into the `data-*` attributes Anki's image occlusion script reads
 * (anki-semantics.md §2.5, rslib `image_occlusion/imageocclusion.rs`).
 */
import { encodeAttribute } from './html-escape.js';

/** A parsed shape: its kind and its `name=value` properties in written order. */
export interface OcclusionShape {
  readonly shape: string;
  readonly properties: readonly (readonly [name: string, value: string])[];
}

/**
 * Parses `shape:name=value:name=value…`. A value may contain `\:` for a colon. Parsing stops
 * silently at the first property that does not fit the grammar (no `=`, an empty value followed
 * by more text, a backslash before anything but `:`), keeping the properties before it, as
 * Anki's parser does. Text without any `:` is not a shape.
 */
export function parseOcclusionShape(text: string): OcclusionShape | null {
  const colon = text.indexOf(':');
  if (colon === -1) return null;
  const properties: [string, string][] = [];
  let pos = colon;
  while (pos < text.length && text[pos] === ':') {
    const equals = text.indexOf('=', pos + 1);
    // The name is one or more characters other than `=`; it may contain `:`.
    if (equals === -1 || equals === pos + 1) break;
    const value = readValue(text, equals + 1);
    if (value === null) break;
    properties.push([text.slice(pos + 1, equals), value.text.replaceAll('\\:', ':')]);
    pos = value.end;
  }
  return { shape: text.slice(0, colon), properties };
}

/**
 * A value runs to the next unescaped `:` or the end. It may be empty only at the very end of the
 * text; a backslash must be followed by `:`.
 */
function readValue(text: string, start: number): { text: string; end: number } | null {
  let pos = start;
  while (pos < text.length) {
    const char = text[pos];
    if (char === ':') break;
    if (char === '\\') {
      if (text[pos + 1] !== ':') return null;
      pos += 2;
    } else {
      pos++;
    }
  }
  if (pos === start && pos < text.length) return null;
  return { text: text.slice(start, pos), end: pos };
}

const KNOWN_SHAPES = new Set(['rect', 'ellipse', 'polygon', 'text']);

const isEmptyOrZero = (value: string): boolean => value === '' || value === '0';

/**
 * The attributes for a shape, each followed by one space: `data-shape="rect" data-left="10" …`.
 * Unknown shapes get no `data-shape`, unknown properties are dropped, sizes of 0 are left out.
 */
export function occlusionDataAttributes(text: string): string {
  const parsed = parseOcclusionShape(text);
  if (parsed === null) return '';
  let out = KNOWN_SHAPES.has(parsed.shape) ? `data-shape="${parsed.shape}" ` : '';
  for (const [name, value] of parsed.properties) {
    switch (name) {
      case 'left':
      case 'top':
      case 'angle':
      case 'fill':
        if (value !== '') out += `data-${name}="${value}" `;
        break;
      case 'width':
      case 'height':
      case 'rx':
      case 'ry':
      case 'scale':
        if (!isEmptyOrZero(value)) out += `data-${name}="${value}" `;
        break;
      case 'points': {
        const points = value
          .split(' ')
          .filter((pair) => pair.includes(','))
          .join(' ');
        if (points !== '') out += `data-points="${points}" `;
        break;
      }
      case 'oi':
        if (value !== '') out += `data-occludeInactive="${value}" `;
        break;
      case 'text':
        if (value !== '') out += `data-text="${encodeAttribute(value)}" `;
        break;
      case 'fs':
        if (value !== '') out += `data-font-size="${value}" `;
        break;
      default:
        break;
    }
  }
  return out;
}
