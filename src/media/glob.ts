/**
 * Python `glob.glob` within one directory, which is what Anki-Connect's getMediaFilesNames
 * runs. Matching follows CPython's `fnmatch.translate` (3.9+) on POSIX: case-sensitive, on code
 * points, no escape character, `*` also matches newlines.
 */

const STAR = 0x2a; // *
const QUESTION = 0x3f; // ?
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const BANG = 0x21; // !
const HYPHEN = 0x2d; // -
const DOT = 0x2e; // .

type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'one' } // `?`, or `[!…]` that lost all its members: any character
  | { readonly kind: 'none' } // a set that lost all its members: matches nothing
  | { readonly kind: 'literal'; readonly cp: number }
  | {
      readonly kind: 'set';
      readonly negated: boolean;
      readonly chars: ReadonlySet<number>;
      readonly ranges: readonly (readonly [number, number])[];
    };

function indexOfCp(cps: readonly number[], cp: number, from: number, to: number): number {
  for (let k = from; k < to; k++) if (cps[k] === cp) return k;
  return -1;
}

/**
 * Parses `[…]` whose content starts at `i` (just after `[`). Returns null when there is no
 * closing `]`, in which case `[` is an ordinary character. `nextClose[k]` is the index of the
 * first `]` at or after `k` (the pattern's length when none): looking for it afresh from every
 * `[` would make a pattern of many unclosed `[` quadratic.
 */
function parseSet(cps: readonly number[], i: number, nextClose: Int32Array): { token: Token; next: number } | null {
  const n = cps.length;
  let j = i;
  if (j < n && cps[j] === BANG) j++;
  // A `]` right after `[` or `[!` is a member, not the end.
  if (j < n && cps[j] === CLOSE) j++;
  j = j < n ? (nextClose[j] ?? n) : n;
  if (j >= n) return null;

  // CPython splits the content at the hyphens that form ranges into "chunks": a range joins the
  // last character of one chunk to the first of the next; every other character, hyphens
  // included, is a member by itself. A hyphen first in the set (after `!`) is a member, and
  // after a range `a-c` the next range can only start after at least one more character.
  let chunks: number[][];
  const content = cps.slice(i, j);
  if (!content.includes(HYPHEN)) {
    chunks = [content];
  } else {
    chunks = [];
    let start = i;
    let k = cps[i] === BANG ? i + 2 : i + 1;
    for (;;) {
      k = indexOfCp(cps, HYPHEN, k, j);
      if (k < 0) break;
      chunks.push(cps.slice(start, k));
      start = k + 1;
      k += 3;
    }
    const last = cps.slice(start, j);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1]?.push(HYPHEN); // a trailing hyphen is a member
    // Reversed ranges like `z-a` are dropped together with their two end characters.
    for (let m = chunks.length - 1; m > 0; m--) {
      const prev = chunks[m - 1] ?? [];
      const cur = chunks[m] ?? [];
      if ((prev[prev.length - 1] ?? -1) > (cur[0] ?? -1)) {
        chunks[m - 1] = [...prev.slice(0, -1), ...cur.slice(1)];
        chunks.splice(m, 1);
      }
    }
  }

  const next = j + 1;
  const first = chunks[0] ?? [];
  const negated = first[0] === BANG;
  if (negated) chunks[0] = first.slice(1);
  const members = chunks.reduce((sum, c) => sum + c.length, 0);
  // Everything was dropped: `[z-a]` matches nothing, `[!z-a]` any one character.
  if (members === 0) return { token: negated ? { kind: 'one' } : { kind: 'none' }, next };

  const chars = new Set<number>();
  const ranges: [number, number][] = [];
  chunks.forEach((chunk, m) => {
    // The first character of every chunk but the first ends a range, the last character of
    // every chunk but the last starts one.
    const from = m > 0 ? 1 : 0;
    const to = m < chunks.length - 1 ? chunk.length - 1 : chunk.length;
    for (let k = from; k < to; k++) chars.add(chunk[k] ?? 0);
    if (m > 0) ranges.push([chunks[m - 1]?.at(-1) ?? 0, chunk[0] ?? 0]);
  });
  return { token: { kind: 'set', negated, chars, ranges }, next };
}

function tokenize(pattern: string): Token[] {
  const cps = Array.from(pattern, (c) => c.codePointAt(0) ?? 0);
  const nextClose = new Int32Array(cps.length + 1);
  nextClose[cps.length] = cps.length;
  for (let k = cps.length - 1; k >= 0; k--) nextClose[k] = cps[k] === CLOSE ? k : (nextClose[k + 1] ?? cps.length);
  const tokens: Token[] = [];
  let i = 0;
  while (i < cps.length) {
    const cp = cps[i] ?? 0;
    i++;
    if (cp === STAR) {
      // Consecutive stars are one star (so `**` is `*`: glob without recursive=True).
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (cp === QUESTION) {
      tokens.push({ kind: 'one' });
    } else if (cp === OPEN) {
      const set = parseSet(cps, i, nextClose);
      if (set === null) {
        tokens.push({ kind: 'literal', cp });
      } else {
        tokens.push(set.token);
        i = set.next;
      }
    } else {
      tokens.push({ kind: 'literal', cp });
    }
  }
  return tokens;
}

function matchesOne(token: Token, cp: number): boolean {
  switch (token.kind) {
    case 'one':
      return true;
    case 'none':
      return false;
    case 'literal':
      return token.cp === cp;
    case 'set': {
      const member = token.chars.has(cp) || token.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
      return member !== token.negated;
    }
    case 'star':
      return false;
  }
}

/** How many characters a name needs at least: one per token that is not a star. */
function charsNeeded(tokens: readonly Token[]): number {
  let needed = 0;
  for (const token of tokens) if (token.kind !== 'star') needed++;
  return needed;
}

/**
 * Wildcard matching with backtracking to the last star: at most the name's length times the
 * pattern's, and a pattern needing more characters than the name has is refused before that
 * (names are short; patterns may not be).
 */
function matchTokens(tokens: readonly Token[], cps: readonly number[], needed = charsNeeded(tokens)): boolean {
  if (needed > cps.length) return false;
  let t = 0;
  let c = 0;
  let starT = -1;
  let starC = 0;
  while (c < cps.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starT = t++;
      starC = c;
    } else if (token !== undefined && matchesOne(token, cps[c] ?? 0)) {
      t++;
      c++;
    } else if (starT >= 0) {
      // Let the last star swallow one more character and retry from there.
      t = starT + 1;
      c = ++starC;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** A compiled pattern: `matches(name)` tests one directory entry name. */
export interface GlobMatcher {
  /** The pattern as given. */
  readonly pattern: string;
  /** True if Python's `glob` would return an entry called `name` for this pattern. */
  matches(name: string): boolean;
}

/**
 * Compiles a Python glob pattern for names in one directory (`*`, `?`, `[seq]`, `[!seq]`;
 * an unclosed `[` is literal; `**` is just `*`). As in `glob.glob`, names starting with `.` only
 * match when the pattern itself starts with `.`. The pattern is not a path: a `/` in it matches
 * nothing (callers decide what to do with such patterns).
 */
export function compileGlob(pattern: string): GlobMatcher {
  const tokens = tokenize(pattern);
  const needed = charsNeeded(tokens);
  const includeHidden = pattern.codePointAt(0) === DOT;
  return {
    pattern,
    matches(name: string): boolean {
      if (name === '' || (!includeHidden && name.codePointAt(0) === DOT)) return false;
      if (name.includes('/')) return false;
      return matchTokens(tokens, Array.from(name, (ch) => ch.codePointAt(0) ?? 0), needed);
    },
  };
}

/** `fnmatch.fnmatchcase(name, pattern)` on POSIX, without glob's hidden-file rule. */
export function fnmatchCase(name: string, pattern: string): boolean {
  const cps = Array.from(name, (ch) => ch.codePointAt(0) ?? 0);
  return matchTokens(tokenize(pattern), cps);
}
