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
    id: 'upgrade-name-clash',
    what:
      'note types (or decks) stored with clashing names: which one keeps the name and which get `_` appended is hash ' +
      'order in Anki, a new outcome on each run; in the server the lower id keeps it',
    reason: 'the same result every time (README deviations: clashing deck or note type names during the schema upgrade)',
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
  {
    id: 'schema-comments',
    what: "Anki 26's table definitions carry an SQL comment (on the notes table's sfld column); the server's have none",
    reason: 'a comment changes nothing in the file format; the tables, columns, types and indexes are compared',
  },
  // Search (test-anki/search.test.ts; the adjustments are in the "search" group below).
  {
    id: 'search-regex-errors',
    what:
      "an invalid regular expression (`re:(a`, `tag:re:[`, `field:re:…`): Anki passes on the regex crate's report " +
      '(`<pre>regex parse error:\\n    (?i)(a\\n ^\\nerror: unclosed group</pre>`); the server answers ' +
      '`Invalid search: the regular expression `(a` is not valid: unclosed group.`',
    reason: 'a clear search error with the same reason (README deviations: an invalid regex)',
  },
  {
    id: 'search-regex-unused',
    what:
      'Anki compiles a regex only when SQLite first calls it on a row, so a query whose other terms leave no row to test ' +
      '(`mid:1 re:a\\x`) answers `[]`; the server checks every regex before the query runs and refuses it',
    reason: 'the same query should not be valid or not depending on the collection (README deviations: an invalid regex)',
  },
  {
    id: 'search-negated-operator',
    what:
      '`-and` and `-or` parse as a negated operator that Anki writes into SQL as `not  and`, so SQLite answers a syntax ' +
      "error (`DbError { … near \"and\": syntax error … }`); the server answers Anki's misplaced-operator message " +
      '(what Anki says for `and` alone)',
    reason: 'never an SQL error for a search (README, Search: errors)',
  },
  // Rendering (test-anki/render.test.ts; the README's deviations table, row "LaTeX").
  {
    id: 'latex-compile',
    what:
      'with LaTeX generation on (`renderLatex`), Anki compiles a LaTeX image missing from the media folder with the local ' +
      'LaTeX install and, when that fails, appends its error ("Error executing latex.<br>Generated file: …") to the side; ' +
      'the server compiles nothing and leaves the `<img>` link alone (with generation off, Anki\'s default, both append ' +
      'the same notice)',
    reason: 'headless, no LaTeX install; the images can be put in the media folder',
  },
];

/** A table definition without its `--` comment lines (see `schema-comments`). */
export function withoutSqlComments(sql: string): string {
  return sql.replace(/^ *--[^\n]*\n/gm, '');
}

/** Anki's message without its isolation marks. */
export function withoutIsolationMarks(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '');
}

/**
 * Real Anki's cardsInfo entry as the server answers it, with the isolation marks of Anki's
 * messages inside the question and answer and around the numbers of the answer-button labels
 * removed (see `isolation-marks` and `renderedSideAsServer`).
 */
export function cardInfoAsServer(entry: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...entry };
  for (const side of ['question', 'answer'] as const) {
    if (typeof rest[side] === 'string') rest[side] = renderedSideAsServer(rest[side]);
  }
  if (Array.isArray(rest['nextReviews'])) rest['nextReviews'] = (rest['nextReviews'] as string[]).map(withoutIsolationMarks);
  return rest;
}

// ---- search ----
// Differences in what findCards/findNotes answer (test-anki/search.test.ts, applied by
// support/search-comparison.ts); the `search-…` entries above say what and why.

/** The regex crate's report as Anki passes it on: the pattern with Anki's `(?i)`, then the reason. */
const REGEX_REPORT = /^<pre>regex parse error:\n {4}\(\?i\)(.*)\n[ ^]*\nerror: (.*)<\/pre>$/s;

/**
 * Real Anki's error text for an invalid search as the server gives it: without isolation marks
 * (`isolation-marks`), and a regex report as a search error (`search-regex-errors`). The server
 * shows the pattern the user wrote, with backticks as quotes like every input in Anki's messages.
 */
export function searchErrorAsServer(text: string): string {
  const plain = withoutIsolationMarks(text);
  const report = REGEX_REPORT.exec(plain);
  if (report === null) return plain;
  return `Invalid search: the regular expression \`${report[1]!.replaceAll('`', "'")}\` is not valid: ${report[2]!}.`;
}

/**
 * The pattern the server refused in `error`, as Anki would compile it (with its `(?i)`), so the
 * comparison can ask Anki whether the regex is invalid there too (`search-regex-unused`).
 */
export function regexRefusedByServer(error: string): string | undefined {
  const refused = /^Invalid search: the regular expression `(.*)` is not valid: /s.exec(error);
  return refused === null ? undefined : `(?i)${refused[1]!}`;
}

/**
 * The operator whose negation made SQLite refuse Anki's SQL (`search-negated-operator`): the
 * query Anki itself refuses with the message the server gives.
 */
export function negatedOperatorOf(ankiError: string): 'and' | 'or' | undefined {
  const nearOperator = /^DbError \{ info: "SqlInputError \{ .*msg: \\"near \\\\\\"(and|or)\\\\\\": syntax error\\"/.exec(ankiError);
  return nearOperator === null ? undefined : (nearOperator[1] as 'and' | 'or');
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

/** A `[anki:tts]` tag Anki cannot read, replaced by its message (ftl errors-bad-directive). */
const BAD_DIRECTIVE = /\[Error in directive [^\]]*\]/g;

/** One error of Anki's for LaTeX it failed to compile (pylib latex.py `_err_msg`). */
const LATEX_COMPILE_ERROR =
  'Error executing \u2068[^\u2069]*\u2069\\.<br>Generated file: \u2068[^\u2069]*\u2069<br>' +
  '(?:Have you installed latex and dvipng/dvisvgm\\?|<small><pre>[\\s\\S]*?</pre></small>)';
/** The errors end the side, appended as they are, joined by newlines. */
const LATEX_COMPILE_ERRORS = new RegExp(`${LATEX_COMPILE_ERROR}(?:\\n${LATEX_COMPILE_ERROR})*$`);

/** One rendered side of real Anki's without its LaTeX compile errors (see `latex-compile`). */
export function withoutLatexCompileErrors(html: string): string {
  return html.replace(LATEX_COMPILE_ERRORS, '');
}

/** One rendered side of real Anki's with its messages as the server gives them (see `isolation-marks`). */
export function renderedSideAsServer(html: string): string {
  return html
    .replace(TEMPLATE_ERROR_PAGE, withoutIsolationMarks)
    .replace(MISSING_CLOZE, 'No cloze $1 found on card.')
    .replace(BAD_DIRECTIVE, withoutIsolationMarks);
}
