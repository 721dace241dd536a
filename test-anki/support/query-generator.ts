/**
 * Random Anki searches for the reference suite: queries built from Anki's search grammar
 * (reference/anki-semantics.md §1) with words, names and ids taken from the collection under
 * test, so that most terms find something, plus a share of deliberately invalid queries. The
 * same seed and vocabulary give the same queries.
 */
import type { Rng } from '../../bench/rng.js';

/** What a collection holds that queries can name. */
export interface SearchVocabulary {
  /** Words of the field texts (HTML removed). */
  words: string[];
  /** Two neighbouring words of one field, as typed in a phrase search. */
  phrases: string[];
  /** Whole field values as stored (raw HTML), with the name of their field. */
  fieldValues: { field: string; value: string }[];
  fieldNames: string[];
  notetypeNames: string[];
  templateNames: string[];
  /** Human deck names (`A::B`). */
  deckNames: string[];
  tags: string[];
  presetNames: string[];
  /** Keys of cards' custom data. */
  customDataKeys: string[];
  noteIds: number[];
  cardIds: number[];
  deckIds: number[];
  notetypeIds: number[];
  /** Note types with the first field of one of their notes, for `dupe:`. */
  firstFields: { notetypeId: number; text: string }[];
}

/** A generated query and whether the generator meant it to be invalid. */
export interface GeneratedQuery {
  query: string;
  invalid: boolean;
}

const OPERATORS = ['<', '>', '<=', '>=', '=', '!='];
const STATES = ['new', 'learn', 'review', 'due', 'suspended', 'buried', 'buried-sibling', 'buried-manually'];
const ODD_NUMBERS = [
  '0', '+1', '-0', '+0', '01', '007', '1e2', '1E2', '.5', '5.', '-.5', '+.5', '1.5', '00.50', '-1', '1e-3', 'e5', '1e',
  '255', '256', '65535', '65536', '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967295', '4294967296',
  '9223372036854775807', '9223372036854775808', '99999999999999999999', '1_0', '0x10', '1,5', '\uff11', '\u0663',
];
const SEPARATORS = [' ', ' ', ' ', ' and ', ' or ', ' AND ', ' OR ', '  ', '\u3000', ' Or '];

/** `text` with every character Anki's parser or wildcards would read as syntax backslash-escaped. */
export function escapeText(text: string): string {
  return text.replace(/[\\"():*_-]/g, (c) => `\\${c}`);
}

/** `key:value` (`value` already escaped), quoted after the key when the value holds a space. */
function keyed(key: string, value: string): string {
  return /[ \u3000]/.test(value) ? `${key}:"${value}"` : `${key}:${value}`;
}

/** A term in double quotes; the caller has escaped any `"` in it. */
function quotedRaw(text: string): string {
  return `"${text}"`;
}

/** A raw term (a regex, a dupe text; `"` escaped) unquoted when the parser allows it, else quoted. */
function rawTerm(text: string): string {
  return /[ ()\u3000]/.test(text.replace(/\\./g, '')) ? quotedRaw(text) : text;
}

export class QueryGenerator {
  constructor(
    private readonly rng: Rng,
    private readonly vocab: SearchVocabulary,
  ) {}

  /** `count` queries, about `invalidShare` of them invalid. */
  queries(count: number, invalidShare = 0.15): GeneratedQuery[] {
    const out: GeneratedQuery[] = [];
    const seen = new Set<string>();
    let attempts = 0;
    while (out.length < count && attempts < count * 20) {
      attempts++;
      const invalid = this.rng.chance(invalidShare);
      const query = invalid ? this.invalidQuery() : this.query(0);
      if (seen.has(query)) continue;
      seen.add(query);
      out.push({ query, invalid });
    }
    return out;
  }

  /** A valid query: terms joined by implicit or explicit operators, groups nested a little. */
  query(depth: number): string {
    const terms = this.rng.weighted([5, 4, 2, 1]) + 1;
    const parts: string[] = [];
    for (let i = 0; i < terms; i++) {
      if (i > 0) parts.push(this.rng.pick(SEPARATORS));
      parts.push(this.node(depth));
    }
    return parts.join('');
  }

  private node(depth: number): string {
    const negate = this.rng.chance(0.2) ? '-' : '';
    if (depth < 3 && this.rng.chance(0.15)) return `${negate}(${this.query(depth + 1)})`;
    return negate + this.atom();
  }

  /** One search term of any kind. */
  atom(): string {
    const kinds: [number, () => string][] = [
      [10, () => this.textTerm()],
      [3, () => this.phrase()],
      [8, () => this.fieldTerm()],
      [5, () => this.deckTerm()],
      [3, () => this.notetypeTerm()],
      [3, () => this.cardTerm()],
      [5, () => this.tagTerm()],
      [4, () => `is:${this.rng.pick(STATES)}`],
      [2, () => `flag:${this.rng.int(8)}`],
      [8, () => this.propTerm()],
      [5, () => this.dayTerm()],
      [2, () => this.idTerm()],
      [2, () => this.dupeTerm()],
      [3, () => this.regexTerm()],
      [2, () => `nc:${escapeText(withoutAccents(this.word()))}`],
      [2, () => this.clozeStrippedTerm()],
      [3, () => `w:${this.wordPattern()}`],
      [1, () => this.presetTerm()],
      [1, () => `has-cd:${this.customKey()}`],
      [4, () => this.oddNumberTerm()],
      [1, () => this.rng.pick(['deck:*', 'tag:*', 'note:*', 'card:*', '*:*', 'deck:current', 'deck:filtered', 'tag:none'])],
    ];
    const index = this.rng.weighted(kinds.map(([weight]) => weight));
    return kinds[index]![1]();
  }

  // ---- text ----

  private word(): string {
    return this.vocab.words.length > 0 ? this.rng.pick(this.vocab.words) : 'word';
  }

  /** A word as a user might type it (escaped): changed case, a part, a `*` or `_` wildcard. */
  private wordPattern(): string {
    const word = this.word();
    const chars = Array.from(word);
    switch (this.rng.int(8)) {
      case 0:
        return escapeText(word.toUpperCase());
      case 1:
        return escapeText(word.toLowerCase());
      case 2:
        return `${escapeText(chars.slice(0, Math.max(1, chars.length - 2)).join(''))}*`;
      case 3:
        return `*${escapeText(chars.slice(Math.min(2, chars.length - 1)).join(''))}`;
      case 4: {
        const at = this.rng.int(chars.length);
        return chars.map((c, i) => (i === at ? '_' : escapeText(c))).join('');
      }
      case 5:
        return escapeText(chars.slice(1, Math.max(2, chars.length - 1)).join(''));
      default:
        return escapeText(word);
    }
  }

  private textTerm(): string {
    switch (this.rng.int(10)) {
      case 0:
        // NFD input: Anki normalises search text to NFC.
        return escapeText(this.word().normalize('NFD'));
      case 1:
        return `"${escapeText(this.word())}"`;
      case 2:
        // Escapes the parser knows, next to a word.
        return `${this.rng.pick(['\\-', '\\(', '\\)', '\\"', '\\:', '\\*', '\\_', '\\\\'])}${escapeText(this.word())}`;
      case 3:
        return this.rng.pick(['*', '_', '__', '*a*', 'a_c', '%', '100%', '&amp;', '<b>', '\\\\', '"a*b"', '"and"', '"OR"', '-', 'andy', '"(paren)"', '*\\_*']);
      default:
        return this.wordPattern();
    }
  }

  private phrase(): string {
    const phrase = this.vocab.phrases.length > 0 ? this.rng.pick(this.vocab.phrases) : 'a b';
    const words = phrase.split(' ').map(escapeText);
    return `"${words.join(this.rng.chance(0.3) ? '*' : ' ')}"`;
  }

  // ---- fields ----

  /** A field name as typed after the key (escaped): exact, other case, or a glob. */
  private fieldName(name: string): string {
    switch (this.rng.int(8)) {
      case 0:
        return escapeText(name.toLowerCase());
      case 1:
        return `${escapeText(Array.from(name).slice(0, 2).join(''))}*`;
      case 2:
        return this.rng.pick(['*', '_*', 'nosuchfield', 'b*k', 'f_ont', '*a*']);
      default:
        return escapeText(name);
    }
  }

  private fieldTerm(): string {
    const entry = this.vocab.fieldValues.length > 0 ? this.rng.pick(this.vocab.fieldValues) : { field: 'Front', value: 'a' };
    const key = this.fieldName(entry.field);
    let value: string;
    switch (this.rng.int(12)) {
      case 0:
        value = '';
        break;
      case 1:
        value = '_*';
        break;
      case 2:
        value = '*';
        break;
      case 3:
        value = `re:${regexOf(this.rng, this.word()).replace(/"/g, '\\"')}`;
        break;
      case 4:
        value = `nc:${withoutAccents(escapeText(this.word()))}*`;
        break;
      case 5:
        value = `*${escapeText(this.word())}*`;
        break;
      case 6:
        value = this.wordPattern();
        break;
      default:
        // The whole value as stored: spaces, quotes and HTML included.
        value = escapeText(entry.value);
    }
    // A key with a space only works inside a wholly quoted term.
    if (/ /.test(key)) return `"${key}:${value}"`;
    if (/[ ()"\u3000]/.test(value.replace(/\\./g, ''))) {
      return this.rng.chance(0.5) ? `${key}:"${value}"` : `"${key}:${value}"`;
    }
    return `${key}:${value}`;
  }

  // ---- names ----

  /** A name as a user might write it after `key:`: exact, other case, a glob, a part. */
  private nameTerm(key: string, names: string[], fallback: string): string {
    const name = names.length > 0 ? this.rng.pick(names) : fallback;
    const chars = Array.from(name);
    let value: string;
    switch (this.rng.int(8)) {
      case 0:
        value = escapeText(name.toLowerCase());
        break;
      case 1:
        value = `${escapeText(chars.slice(0, 3).join(''))}*`;
        break;
      case 2:
        value = chars.map((c, i) => (i === 1 && c !== ' ' ? '_' : escapeText(c))).join('');
        break;
      case 3:
        value = escapeText(name.toUpperCase());
        break;
      case 4:
        value = `*${escapeText(chars.slice(-3).join(''))}`;
        break;
      default:
        value = escapeText(name);
    }
    return this.rng.chance(0.2) && !/ /.test(value) ? `"${key}:${value}"` : keyed(key, value);
  }

  private deckTerm(): string {
    if (this.rng.chance(0.2)) {
      const name = this.vocab.deckNames.length > 0 ? this.rng.pick(this.vocab.deckNames) : 'Default';
      const top = escapeText(name.split('::')[0] ?? name);
      const parts = name.split('::').map((part) => escapeText(part));
      return this.rng.pick([
        keyed('deck', `${top}::*`),
        keyed('deck', `${top}*`),
        keyed('deck', parts.join('::').toLowerCase()),
        keyed('deck', parts.slice(1).join('::') || top),
        'deck:nosuchdeck',
        `did:${this.pickId(this.vocab.deckIds)}`,
      ]);
    }
    return this.nameTerm('deck', this.vocab.deckNames, 'Default');
  }

  private notetypeTerm(): string {
    if (this.rng.chance(0.2)) return `mid:${this.pickId(this.vocab.notetypeIds)}`;
    return this.nameTerm('note', this.vocab.notetypeNames, 'Basic');
  }

  private cardTerm(): string {
    if (this.rng.chance(0.4)) return `card:${this.rng.pick(['0', '1', '2', '3', '4', '+2', '70000'])}`;
    return this.nameTerm('card', this.vocab.templateNames, 'Card 1');
  }

  private tagTerm(): string {
    const tag = this.vocab.tags.length > 0 ? this.rng.pick(this.vocab.tags) : 'tag';
    const top = tag.split('::')[0] ?? tag;
    switch (this.rng.int(10)) {
      case 0:
        return `tag:${escapeText(top)}`;
      case 1:
        return `tag:${escapeText(top)}::*`;
      case 2:
        return rawTerm(`tag:re:${this.rng.pick(['^', '', ''])}${escapeRegex(tag.slice(0, 3))}${this.rng.pick(['$', '', ''])}`);
      case 3:
        return `tag:nc:${escapeText(withoutAccents(tag))}`;
      case 4:
        return `tag:${escapeText(tag.toUpperCase())}`;
      case 5:
        return `tag:*${escapeText(tag.slice(-3))}`;
      case 6:
        return `tag:${Array.from(tag).map((c, i) => (i === 2 ? '_' : escapeText(c))).join('')}`;
      default:
        return `tag:${escapeText(tag)}`;
    }
  }

  private presetTerm(): string {
    // preset: values are taken raw: no escapes.
    const name = this.vocab.presetNames.length > 0 ? this.rng.pick(this.vocab.presetNames) : 'Default';
    const value = this.rng.chance(0.3) ? name.toLowerCase() : name;
    return /[ ()"]/.test(value) ? `preset:${quotedRaw(value)}` : `preset:${value}`;
  }

  // ---- scheduling ----

  private propTerm(): string {
    const op = this.rng.pick(OPERATORS);
    switch (this.rng.int(13)) {
      case 0:
        return `prop:ivl${op}${this.rng.range(0, 40)}`;
      case 1:
        return `prop:due${op}${this.rng.range(-10, 20)}`;
      case 2:
        return `prop:reps${op}${this.rng.range(0, 6)}`;
      case 3:
        return `prop:lapses${op}${this.rng.range(0, 3)}`;
      case 4:
        return `prop:ease${op}${this.rng.pick(['1.3', '2.5', '2', '2.3', '2.50', '3'])}`;
      case 5:
        return `prop:pos${op}${this.rng.range(0, 400)}`;
      case 6:
        return `prop:rated${op}${-this.rng.range(0, 30)}${this.rng.chance(0.3) ? `:${this.rng.range(1, 4)}` : ''}`;
      case 7:
        return `prop:resched${op}${-this.rng.range(0, 30)}`;
      case 8:
        return `prop:s${op}${this.rng.pick(['0.5', '1', '3', '10', '100'])}`;
      case 9:
        return `prop:d${op}${this.rng.pick(['0.1', '0.3', '0.5', '0.9'])}`;
      case 10:
        return `prop:r${op}${this.rng.pick(['0.5', '0.8', '0.9', '0.95', '0.99'])}`;
      case 11:
        return `prop:cdn:${this.customKey()}${op}${this.rng.range(0, 10)}`;
      default:
        return `prop:cds:${this.customKey()}${op}${this.rng.pick(['x', 'a', 'zzz', ''])}`;
    }
  }

  /**
   * A term whose number is written oddly: signs, leading zeros, exponents, fractions, bounds of
   * u8/u16/i32/u32/i64, non-ASCII digits. Anki parses each with Rust's `from_str` for its type.
   */
  private oddNumberTerm(): string {
    const n = this.rng.pick(ODD_NUMBERS);
    const op = this.rng.pick(OPERATORS);
    const prop = this.rng.pick(['ivl', 'due', 'reps', 'lapses', 'ease', 'pos', 'rated', 'resched', 's', 'd', 'r', `cdn:${this.customKey()}`]);
    return this.rng.pick([
      `prop:${prop}${op}${n}`,
      `prop:rated${op}${n}:${this.rng.pick(['1', '+2', '04', '4', '5'])}`,
      `${this.rng.pick(['added', 'edited', 'introduced', 'rated', 'resched'])}:${n}`,
      `rated:${this.rng.range(1, 5)}:${n}`,
      `flag:${n}`,
      `card:${n}`,
      `mid:${n}`,
      `${this.rng.pick(['nid', 'cid', 'did'])}:${n.replace(/[^0-9]/g, '') || '0'}`,
      `dupe:${n},${escapeText(this.word())}`,
    ]);
  }

  private dayTerm(): string {
    const days = this.rng.pick([0, 1, 1, 2, 3, 5, 7, 10, 14, 30, 31, 60, 365]);
    switch (this.rng.int(6)) {
      case 0:
        return `added:${days}`;
      case 1:
        return `edited:${days}`;
      case 2:
        return `introduced:${days}`;
      case 3:
        return `rated:${days}:${this.rng.range(1, 4)}`;
      case 4:
        return `resched:${days}`;
      default:
        return `rated:${days}`;
    }
  }

  private idTerm(): string {
    switch (this.rng.int(4)) {
      case 0:
        return `nid:${this.idList(this.vocab.noteIds)}`;
      case 1:
        return `cid:${this.idList(this.vocab.cardIds)}`;
      case 2:
        return `did:${this.idList(this.vocab.deckIds)}`;
      default:
        return `mid:${this.pickId(this.vocab.notetypeIds)}`;
    }
  }

  private pickId(ids: number[]): number {
    return ids.length > 0 && this.rng.chance(0.9) ? this.rng.pick(ids) : this.rng.range(1, 99_999);
  }

  private idList(ids: number[]): string {
    const n = this.rng.range(1, 4);
    return Array.from({ length: n }, () => this.pickId(ids)).join(',');
  }

  private dupeTerm(): string {
    const entry = this.vocab.firstFields.length > 0 ? this.rng.pick(this.vocab.firstFields) : { notetypeId: 1, text: 'a' };
    // dupe: text is raw but for `\"` and `\\`.
    const text = entry.text.replace(/[\\"]/g, (c) => `\\${c}`);
    return rawTerm(`dupe:${entry.notetypeId},${text}`);
  }

  private regexTerm(): string {
    return rawTerm(`re:${regexOf(this.rng, this.word())}`);
  }

  private clozeStrippedTerm(): string {
    if (this.rng.chance(0.3) && this.vocab.phrases.length > 0) {
      return keyed('sc', this.rng.pick(this.vocab.phrases).split(' ').map(escapeText).join(' '));
    }
    return `sc:${this.wordPattern()}`;
  }

  private customKey(): string {
    return this.vocab.customDataKeys.length > 0 && this.rng.chance(0.8) ? this.rng.pick(this.vocab.customDataKeys) : this.rng.pick(['foo', 'nokey', 'x1']);
  }

  // ---- invalid queries ----

  /** A query Anki refuses: a broken valid query or an invalid term inside one. */
  invalidQuery(): string {
    const valid = this.query(1);
    const broken: (() => string)[] = [
      () => `(${valid}`,
      () => `${valid})`,
      () => `(${valid} ()`,
      () => `"${valid}`,
      () => `${valid} ""`,
      () => `${valid} and`,
      () => `or ${valid}`,
      () => `${valid} and or ${this.atom()}`,
      () => `${valid} :${this.word()}`,
      () => `${valid} \\`,
      () => `${valid} ${this.rng.pick(['\\x', '\\d', '\\%', '\\ '])}${escapeText(this.word())}`,
      () => `${valid} is:${this.rng.pick(['foo', 'DUE', 'New', 'new-sibling', '', 'learning'])}`,
      () => `${valid} flag:${this.rng.pick(['8', 'x', '-1', '', '1.0', '07a'])}`,
      () => `prop:${this.rng.pick(['ivl', 'due', 'reps', 'ease', 'pos', 's', 'r', 'cdn:foo', 'cds:foo'])}${this.rng.pick(['~', '=>', '', '<>', '=<', '!'])}3 ${valid}`,
      () => `${valid} prop:${this.rng.pick(['foo', 'interval', 'cdn:', 'cdn:a-b', ''])}>1`,
      () => `${valid} prop:${this.rng.pick(['ivl', 'reps', 'lapses', 'pos'])}${this.rng.pick(OPERATORS)}${this.rng.pick(['-1', 'x', '1.5', '', '=3'])}`,
      () => `${valid} prop:${this.rng.pick(['ease', 's', 'd', 'r'])}${this.rng.pick(OPERATORS)}${this.rng.pick(['x', '', '1,5', '2.5.1'])}`,
      () => `${valid} prop:${this.rng.pick(['rated', 'resched'])}${this.rng.pick(OPERATORS)}${this.rng.pick(['1', 'x', '-1:5', '-1:0', '-2:x'])}`,
      () => `${valid} prop:due${this.rng.pick(OPERATORS)}${this.rng.pick(['x', '1.5', ''])}`,
      () => `${valid} ${this.rng.pick(['added', 'edited', 'introduced', 'rated', 'resched'])}:${this.rng.pick(['-1', 'x', '', '1.5', '99999999999'])}`,
      () => `${valid} rated:${this.rng.range(1, 5)}:${this.rng.pick(['0', '5', 'x', ''])}`,
      () => `${valid} ${this.rng.pick(['nid', 'cid', 'did'])}:${this.rng.pick(['x', '1,,2', ',1', '1,', '', '1 ,2', '-1'])}`,
      () => `${valid} mid:${this.rng.pick(['x', '', '1.5', '99999999999999999999'])}`,
      () => `${valid} dupe:${this.rng.pick(['x', '123', 'x,a', ''])}`,
      () => `${valid} ${this.rng.pick(['re', 'w', 'nc', 'sc', 'tag', 'deck', 'note', 'card', 'front'])}:${this.rng.pick(['a\\x', 'a\\'])}`,
    ];
    return this.rng.pick(broken)();
  }
}

/** A regular expression built around `word`: anchors, classes, repetition, alternation. */
function regexOf(rng: Rng, word: string): string {
  const w = escapeRegex(word);
  const head = escapeRegex(Array.from(word).slice(0, 2).join(''));
  return rng.pick([
    w,
    `^${w}`,
    `${w}$`,
    `\\b${w}\\b`,
    `${head}.`,
    `${head}\\w+`,
    `(?-i)${w}`,
    `${w}|${head}x`,
    `[a-z]{3}\\d`,
    '\\d+',
    '\\x1f$',
    '^\\x1f',
    '.{40}',
    '\\p{Han}',
    '\\s\\S+\\s',
    '[^a-z]{2}',
    `${head}[[:alpha:]]`,
    '\\w+é',
  ]);
}

/** `text` with regex metacharacters escaped (Rust's regex accepts `\` before any of them). */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}#&~-]/g, (c) => `\\${c}`).replace(/[ "]/g, '.');
}

function withoutAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}
