/**
 * Where the server deliberately answers differently from Anki-Connect on real Anki: the one
 * place the reference suite declares it, each with its reason (the README's deviations table
 * gives the user's view of the same list). A comparison applies the adjustment of a difference
 * to real Anki's answer before comparing, so everything else must still be equal.
 */

export interface KnownDifference {
  id: string;
  /** What differs. */
  what: string;
  /** Why the server differs. */
  reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: 'isolation-marks',
    what: "Anki wraps names and numbers inside its messages in Unicode isolation marks (U+2068 … U+2069); the server's texts have none",
    reason: 'plain text in JSON replies; clients match on the words',
  },
  {
    id: 'next-reviews',
    what: 'cardsInfo has no nextReviews',
    reason: 'the answer-button intervals come with the scheduler (issue "Answering cards as Anki\'s v3 scheduler does")',
  },
  // The schema upgrade (test-anki/upgrade.test.ts applies these to Anki's rows, see upgrade/row-rules.ts).
  {
    id: 'upgrade-other-key-order',
    what:
      'the top-level keys of the `other` JSON of note type, field, template, deck and preset blobs (legacy keys Anki does not ' +
      'know): Anki writes them in hash order, a new order on each run (a Rust HashMap); the server sorts them by code point, ' +
      "as Anki's serde_json sorts every nested object",
    reason: 'one of the orders Anki writes, and the same on every run',
  },
  {
    id: 'json-numbers',
    what:
      'numbers with a fraction or an exponent in config values and in the `other` JSON: Anki keeps `4.0` as written; the ' +
      'server writes them as JavaScript does (`4`)',
    reason: 'JSON numbers are read as JavaScript numbers and the value is the same (README deviations: whole numbers written `4.0`)',
  },
  {
    id: 'getDecks-unknown-cards',
    what: 'getDecks leaves out card ids that do not exist, where Anki-Connect lists them under "Default"; the comparisons ask it about existing cards only',
    reason: 'a card that does not exist is in no deck',
  },
];

/** Anki's message without its isolation marks. */
export function withoutIsolationMarks(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '');
}

/**
 * Real Anki's cardsInfo entry as the server answers it today (see `next-reviews`), with the
 * isolation marks of Anki's messages inside the question and answer removed (see
 * `isolation-marks` and `renderedSideAsServer`).
 */
export function cardInfoAsServer(entry: Record<string, unknown>): Record<string, unknown> {
  const { nextReviews: _nextReviews, ...rest } = entry;
  for (const side of ['question', 'answer'] as const) {
    if (typeof rest[side] === 'string') rest[side] = renderedSideAsServer(rest[side]);
  }
  return rest;
}

// ---- search ----
// Differences in what findCards/findNotes answer (test-anki/search.test.ts); each one is a row
// of the README's deviations table.

/** Real Anki's error text for an invalid search as the server gives it (see `isolation-marks`). */
export function searchErrorAsServer(text: string): string {
  return withoutIsolationMarks(text);
}

// ---- rendering ----
// Anki's own messages inside rendered card sides (cardsInfo question/answer; test-anki/render.test.ts).
// Only these lose their isolation marks (see `isolation-marks`): marks a note's own text holds
// must still come back from the server exactly.

/** A template error page: the header, the message, then the help link (rslib template.rs). */
const TEMPLATE_ERROR_PAGE =
  /(?:Front|Back) template has a problem:<br>[\s\S]*?<br><a href='https:\/\/docs\.ankiweb\.net\/templates\/errors\.html#template-syntax-error'>/g;
/** The message of a cloze card whose number no field holds (ftl card-template-rendering-missing-cloze). */
const MISSING_CLOZE = /No cloze \u2068(\d+)\u2069 found on card\./g;

/** One rendered side of real Anki's with its messages as the server gives them (see `isolation-marks`). */
export function renderedSideAsServer(html: string): string {
  return html.replace(TEMPLATE_ERROR_PAGE, withoutIsolationMarks).replace(MISSING_CLOZE, 'No cloze $1 found on card.');
}
