/**
 * The search terms that name things in the collection: decks (`deck:`, with `current` and
 * `filtered`), options presets (`preset:`), note types (`note:`), card templates by name
 * (`card:`) and tags (`tag:`). Names are resolved against the context here, so the SQL tests ids
 * and the indexes on `did` and `mid` apply.
 */
import { equalsIgnoringCase } from '../text/index.js';
import { normalizeDeckNameComponent } from '../decks/names.js';
import type { FieldMode } from './ast.js';
import { checkedRegex, idList, matchesRegex, MAX_INLINE_IDS, nameMatcher, NO_COMBINING } from './sql-shared.js';
import type { SqlWriter } from './sql-writer.js';
import { regexEscape, toCustomRe, toRe, toSql, withoutCombining } from './text.js';

/**
 * Tag texts for which LIKE (ASCII case-insensitive) finds every tag the `(?i)` regex finds:
 * printable ASCII without k and s, the only ASCII letters whose Unicode case-fold partners
 * (K KELVIN SIGN, ſ LONG S) are not ASCII. `*` and `_` become `%` and `_`, which match more
 * than the regex's `\S*` and `\S`.
 */
const likePrefilterSafe = (tag: string): boolean => /^[\x21-\x7e]*$/.test(tag) && !/[ksKS]/.test(tag);

/**
 * Of those, the texts without LIKE's or the regex's special characters, for which two LIKEs
 * (the tag itself, or a child of it) find exactly what the regex finds, with no call into
 * JavaScript: the common case of a client's own tag.
 */
const likeExact = (tag: string): boolean => likePrefilterSafe(tag) && !/[*_%\\]/.test(tag);

/** `deck:`: the deck and its subdecks, as home deck or, for cards in filtered decks, original deck. */
export function writeDeck(w: SqlWriter, name: string): void {
  if (name === '*') {
    w.sql += 'true';
    return;
  }
  if (name === 'filtered') {
    w.sql += 'c.odid != 0';
    return;
  }
  let native: string;
  if (name === 'current') {
    const current = w.ctx.decks.find((deck) => deck.id === w.ctx.currentDeckId);
    native = regexEscape(current?.name ?? 'Default');
  } else {
    native = toRe(name).split('::').map(normalizeDeckNameComponent).join('\x1f');
  }
  const pattern = checkedRegex(`(?i)^${native}($|\x1f)`, name);
  const ids = w.ctx.decks.filter((deck) => matchesRegex(pattern, deck.name)).map((deck) => deck.id);
  deckIds(w, ids, '(c.did in % or (c.odid != 0 and c.odid in %))');
}

/** Writes `template` with `%` replaced by the id list, or `false` when there are no ids. */
function deckIds(w: SqlWriter, ids: readonly number[], template: string): void {
  if (ids.length === 0) {
    w.sql += 'false';
    return;
  }
  const list = idList(ids, MAX_INLINE_IDS);
  const parts = template.split('%');
  w.emit(parts.join(list.sql), ...Array.from({ length: parts.length - 1 }, () => list.params).flat());
}

/** `preset:`: cards in the decks that use the options preset (compared with Unicode case folding). */
export function writePreset(w: SqlWriter, name: string): void {
  const preset = w.ctx.presets.find((candidate) => equalsIgnoringCase(candidate.name, name));
  if (preset === undefined) {
    w.sql += 'false';
    return;
  }
  const ids = w.ctx.decks.filter((deck) => deck.presetId === preset.id).map((deck) => deck.id);
  deckIds(w, ids, '(c.did in % or c.odid in %)');
}

/** `note:`: notes of the note types the name or glob matches. */
export function writeNotetype(w: SqlWriter, name: string): void {
  const matches = nameMatcher(name, '(?i)^');
  const ids = w.ctx.notetypes.filter((nt) => matches(nt.name)).map((nt) => nt.id);
  if (ids.length === 0) w.sql += 'false';
  else w.emit(`n.mid in (${ids.map(() => '?').join(', ')})`, ...ids);
}

/** `card:` by name: cards of the templates the name or glob matches, note type by note type. */
export function writeTemplateName(w: SqlWriter, name: string): void {
  const matches = nameMatcher(name, '(?i)^');
  const pairs = w.ctx.notetypes.flatMap((nt) =>
    nt.templates.filter((template) => matches(template.name)).map((template) => [nt.id, template.ord] as const),
  );
  if (pairs.length === 0) w.sql += 'false';
  else w.emit(`(${pairs.map(() => '(n.mid = ? and c.ord = ?)').join(' or ')})`, ...pairs.flat());
}

/** `tag:`: `none`, `*`, a tag or glob matching the tag and its children, or `tag:re:`. */
export function writeTag(w: SqlWriter, tag: string, mode: FieldMode): void {
  if (mode === 'regex') {
    w.emit('regexp_tags(?, n.tags)', checkedRegex(`(?i)${tag}`, tag));
    return;
  }
  if (tag === 'none') {
    w.sql += "n.tags = ''";
  } else if (tag === '*') {
    w.sql += 'true';
  } else if (tag.includes(' ')) {
    w.sql += 'false';
  } else {
    const name = mode === 'nc' ? withoutCombining(tag) : tag;
    const tags = mode === 'nc' ? `process_text(n.tags, ${NO_COMBINING})` : 'n.tags';
    const regex = checkedRegex(`(?i).* ${toCustomRe(name, '\\S')}(::| ).*`, tag);
    if (mode === 'normal' && likeExact(tag)) {
      w.emit('(n.tags like ? or n.tags like ?)', `% ${tag} %`, `% ${tag}::%`);
    } else if (mode === 'normal' && likePrefilterSafe(tag)) {
      // A LIKE that every match of the regex also satisfies, tested first: SQLite's LIKE is
      // much cheaper than a call into JavaScript, and the regex still decides.
      w.emit(`(n.tags like ? escape '\\' and n.tags regexp ?)`, `% ${toSql(tag)}%`, regex);
    } else {
      w.emit(`${tags} regexp ?`, regex);
    }
  }
}
