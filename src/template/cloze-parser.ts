/**
 * Parses cloze deletions in a field value into a tree (anki-semantics.md §2.5). Number
 * extraction uses it now; cloze rendering can use it later.
 */

/** Field text outside or inside a cloze. */
export interface ClozeTextNode {
  readonly type: 'text';
  readonly text: string;
}

/** A closed `{{cN::…}}` deletion. */
export interface ClozeDeletionNode {
  readonly type: 'cloze';
  /** The numbers written after `c`, de-duplicated and ascending; may contain 0. */
  readonly ordinals: readonly number[];
  /** Content with the hint removed; may contain nested deletions. */
  readonly children: readonly ClozeNode[];
  /** Text after the first `::` of the last text run that had one, or null. */
  readonly hint: string | null;
}

/** A node of a parsed field. */
export type ClozeNode = ClozeTextNode | ClozeDeletionNode;

/** Deeper openings are ignored (their `}}` then closes the tenth). */
const MAX_OPEN_CLOZES = 10;
const MAX_ORDINAL = 0xffff; // Anki parses numbers as u16; larger ones are not numbers at all.
const OPEN = '{{c';
const CLOSE = '}}';
const IMAGE_OCCLUSION_PREFIX = 'image-occlusion:';

/**
 * Reads a cloze opening at `start`, where the text has `{{c`: a run of digits and commas with at
 * least one valid number, then `::`. Returns the ordinals and the index after `::`, or null.
 */
function readOpening(text: string, start: number): { ordinals: number[]; end: number } | null {
  let pos = start + OPEN.length;
  const found = new Set<number>();
  let value = -1; // -1: no digits in the current comma-separated segment yet
  for (; pos < text.length; pos++) {
    const code = text.charCodeAt(pos);
    if (code >= 0x30 && code <= 0x39) {
      // Once past the u16 range the segment is invalid; keep it pinned above the limit.
      value = value < 0 ? code - 0x30 : Math.min(value * 10 + (code - 0x30), MAX_ORDINAL + 1);
    } else if (code === 0x2c /* , */) {
      if (value >= 0 && value <= MAX_ORDINAL) found.add(value);
      value = -1;
    } else {
      break;
    }
  }
  if (value >= 0 && value <= MAX_ORDINAL) found.add(value);
  if (found.size === 0 || !text.startsWith('::', pos)) return null;
  return { ordinals: [...found].sort((a, b) => a - b), end: pos + 2 };
}

/** A deletion still waiting for its `}}`. */
interface OpenCloze {
  readonly ordinals: readonly number[];
  readonly children: ClozeNode[];
  hint: string | null;
}

/**
 * Parses a field value. `}}` outside any deletion stays as text. A deletion that is never closed
 * is dropped together with its content, as Anki does, so its numbers do not count.
 */
export function parseClozes(text: string): ClozeNode[] {
  const output: ClozeNode[] = [];
  const open: OpenCloze[] = [];

  const addText = (run: string): void => {
    const cloze = open.at(-1);
    if (cloze === undefined) {
      output.push({ type: 'text', text: run });
      return;
    }
    const separator = run.startsWith(IMAGE_OCCLUSION_PREFIX) ? -1 : run.indexOf('::');
    if (separator === -1) {
      cloze.children.push({ type: 'text', text: run });
    } else {
      cloze.hint = run.slice(separator + 2);
      cloze.children.push({ type: 'text', text: run.slice(0, separator) });
    }
  };

  let pos = 0;
  let textStart = 0;
  let nextOpen = text.indexOf(OPEN);
  let nextClose = text.indexOf(CLOSE);
  while (nextOpen !== -1 || nextClose !== -1) {
    if (nextOpen !== -1 && (nextClose === -1 || nextOpen < nextClose)) {
      const opening = readOpening(text, nextOpen);
      if (opening === null) {
        nextOpen = text.indexOf(OPEN, nextOpen + 1);
        continue;
      }
      if (nextOpen > textStart) addText(text.slice(textStart, nextOpen));
      if (open.length < MAX_OPEN_CLOZES) open.push({ ordinals: opening.ordinals, children: [], hint: null });
      pos = textStart = opening.end;
    } else {
      if (nextClose > textStart) addText(text.slice(textStart, nextClose));
      const cloze = open.pop();
      if (cloze === undefined) {
        output.push({ type: 'text', text: CLOSE });
      } else {
        const node: ClozeDeletionNode = {
          type: 'cloze',
          ordinals: cloze.ordinals,
          children: cloze.children,
          hint: cloze.hint,
        };
        (open.at(-1)?.children ?? output).push(node);
      }
      pos = textStart = nextClose + CLOSE.length;
    }
    if (nextOpen !== -1 && nextOpen < pos) nextOpen = text.indexOf(OPEN, pos);
    if (nextClose !== -1 && nextClose < pos) nextClose = text.indexOf(CLOSE, pos);
  }
  if (textStart < text.length) addText(text.slice(textStart));
  return output;
}
