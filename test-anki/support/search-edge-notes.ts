/**
 * Notes and decks for the search comparison's third collection, added by real Anki: text where
 * search rules part ways — LIKE's `%` and `_`, backslashes, the characters the parser escapes,
 * HTML and entities, letters whose case folding is not one-to-one (ß, İ, ı, Σ/ς, ǅ, K KELVIN,
 * ſ), compatibility forms (ﬁ, fullwidth, fraktur), decomposed accents, other scripts, numbers
 * in the sort field — in decks and tags whose names hold regex and LIKE metacharacters.
 */

export const EDGE_DECKS = [
  'Edge',
  'Edge::a_b',
  'Edge::a%b',
  'Edge::x*y',
  'Edge::Deck (paren)',
  'Edge::Ünïcödé',
  'Edge::dot.name',
  'Edge::ΣΊΣΥΦΟΣ',
  'Edge::straße',
  'Edge::İstanbul',
  'Edge::c++ [1]',
  'Edge::a|b',
];

export interface EdgeNote {
  modelName: string;
  fields: Record<string, string>;
  tags: string[];
}

const basic = (front: string, back: string, tags: string[] = []): EdgeNote => ({ modelName: 'Basic', fields: { Front: front, Back: back }, tags });
const cloze = (text: string, extra: string, tags: string[] = []): EdgeNote => ({ modelName: 'Cloze', fields: { Text: text, 'Back Extra': extra }, tags });
const reversed = (front: string, back: string, tags: string[] = []): EdgeNote => ({
  modelName: 'Basic (and reversed card)',
  fields: { Front: front, Back: back },
  tags,
});

export const EDGE_NOTES: EdgeNote[] = [
  basic('100% sure_thing', 'under_score and percent%', ['50%', 'under_score']),
  basic('back\\slash\\path', 'a*b*c star', ['c++', 'a.b']),
  basic('colon: here (paren) -dash "quote"', '&lt;tag&gt; &amp; &nbsp;nbsp', ['x[1]', 'tag-with-dash']),
  basic('straße STRASSE Straße', 'ß ẞ ss', ['straße']),
  basic('STRASSE only', 'strasse', ['STRASSE']),
  reversed('İstanbul istanbul ISTANBUL', 'ı i I İ', ['İstanbul']),
  basic('ΣΊΣΥΦΟΣ σίσυφος', 'ς σ Σ', ['ΣΊΣΥΦΟΣ']),
  basic('ǅemal ǆ Ǆ', 'ﬁsh ﬁ fi', ['ǅ']),
  basic('Kelvin \u212a k', 'ſtar long s', ['\u212a-kelvin', 'ſtar']),
  basic('e\u0301cole NFD', 'café crème', ['café']),
  basic('<div>line1</div><div>line2</div>', 'line<br>break', ['Parent::child_x']),
  basic('tab\there', 'new\nline', ['Parent::Other']),
  basic('😀 emoji 🎉', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 fraktur', ['ÜNÏ']),
  basic('Привет мир', 'ПРИВЕТ МИР', ['a|b']),
  basic('  leading and trailing  ', ''),
  basic('12345', '-12.5'),
  basic('0012', '1e3'),
  cloze('{{c1::straße}} and {{c2::ΣΊΣΥΦΟΣ::hint}} {{c1::x}}', 'ß', ['cloze::edge']),
  cloze('nested {{c1::outer {{c2::inner}} }} end', 'Extra <b>bold</b>'),
  basic('dupe <b>same</b>', 'x'),
  basic('dupe same', 'y'),
  basic('a_b', 'a%b', ['under_score']),
  basic('aXb', 'aYb'),
  basic('[sound:foo.mp3]', '<img src="a b.jpg">'),
  basic('and', 'or'),
  reversed('word-with-dash', 'word_with_under'),
  basic('Ａｂｃ fullwidth', '１２３'),
  basic('ΑΒΓ αβγ', 'Ωmega ωmega', ['greek']),
  basic('1:30', 'deck:fake tag:fake', ['colon']),
  basic('ﬃ ligature', 'Æsir œuvre Ørsted Þór đ ł', ['nordic']),
];

/** The deck of each note: round the decks, so every deck holds cards. */
export const edgeDeckOf = (index: number): string => EDGE_DECKS[index % EDGE_DECKS.length]!;

/**
 * Hand-picked searches on these notes, where the server's rules are most likely to part from
 * Anki's: case folding beyond ASCII in LIKE, regexes and names, compatibility forms under nc:,
 * LIKE metacharacters as text, HTML, newlines and tabs inside fields, regex syntax on
 * Unicode text, sort-field numbers.
 */
export const EDGE_PROBES: string[] = [
  // LIKE metacharacters and escapes as text.
  '100%', '100\\%', '%', 'sure_thing', 'sure\\_thing', 'a_b', 'a\\_b', 'a%b', '"a%b"', 'a*b', 'a\\*b*', '"a\\*b\\*c"',
  'back\\\\slash', 'back\\\\slash\\\\path', '"back\\\\slash*"', '\\\\', '\\\\\\\\', 'colon\\:', '"colon: here"', '\\(paren\\)',
  '"(paren)"', '\\-dash', '"-dash"', '\\"quote\\"', '"\\"quote\\""', 'quote"', '&amp;', '&lt;tag&gt;', '<tag>', '&nbsp;nbsp', 'nbsp',
  // Case beyond ASCII: LIKE is ASCII-only; regexes and names fold.
  'straße', 'STRASSE', 'strasse', 'STRAßE', 'Straße', 'ß', 'ẞ', 'SS', 'istanbul', 'İstanbul', 'ISTANBUL', 'ı', 'İ',
  'σίσυφος', 'ΣΊΣΥΦΟΣ', 'ς', 'σ', 'Σ', 'ǅemal', 'ǆemal', 'ǄEMAL', 'kelvin', '\u212a', 'k', 'ſtar', 'star', 'STAR', 'привет', 'ПРИВЕТ',
  'w:straße', 'w:STRASSE', 'w:σίσυφος', 'w:ΣΊΣΥΦΟΣ', 'w:ǆemal', 'w:\u212aelvin', 'w:kelvin', 'w:star', 'w:привет', 'w:i̇stanbul',
  're:straße', 're:STRASSE', 're:σίσυφος', 're:ς', 're:ǆ', 're:\u212a', 're:k\\b', 're:ſ', 're:(?-i)S', 're:привет', 're:İ', 're:ı',
  'tag:straße', 'tag:STRASSE', 'tag:strasse', 'tag:STRAßE', 'tag:İstanbul', 'tag:istanbul', 'tag:σίσυφος', 'tag:ΣΊΣΥΦΟΣ', 'tag:ǆ',
  'tag:Ǆ', 'tag:k-kelvin', 'tag:\u212a-kelvin', 'tag:star', 'tag:ſtar', 'tag:ünï', 'tag:ÜNÏ', 'tag:uni', 'tag:nc:uni', 'tag:nc:UNI',
  'deck:edge::straße', 'deck:Edge::STRASSE', 'deck:edge::istanbul', 'deck:edge::İSTANBUL', 'deck:edge::σίσυφος', 'deck:edge::ünïcödé',
  'deck:edge::ÜNÏCÖDÉ', 'deck:edge::unicode', 'deck:Edge::Unïcödé',
  // Compatibility forms and accents under nc:.
  'nc:fish', 'nc:ﬁsh', 'fish', 'ﬁsh', 'nc:ffi', 'nc:ecole', 'nc:école', 'ecole', 'école', 'e\u0301cole', 'nc:cafe', 'nc:creme',
  'nc:Abc', 'nc:123', 'nc:Unicode', 'nc:aesir', 'nc:AEsir', 'nc:oeuvre', 'nc:Orsted', 'nc:THor', 'nc:Thor', 'nc:d', 'nc:l',
  'nc:straße', 'nc:strasse', 'nc:σισυφος', 'nc:istanbul', 'nc:Istanbul', 'Front:nc:ecole*', 'Back:nc:cafe*', '*:nc:ecole*',
  // HTML, tabs and newlines inside fields.
  'line1', 'line1line2', 'line<br>break', 'linebreak', 'line*line2', '"<div>line1</div>"', 'Front:<div>*', 'Front:line1*',
  'tab', 'tab\\there', 're:tab\\there', 're:new\\nline', 're:new.line', 're:(?s)new.line', 're:(?m)^line$', 're:^line$',
  'Back:new*', 'Back:"new*line"', 'Back:new_line', 're:\\x1f\\z', 're:\\A', 're:^\\s', 're:\\s$', 're:\\s\\s',
  // Regex syntax on Unicode text.
  're:\\d{3}', 're:\\d', 're:[０-９]', 're:１', 're:\\w+', 're:^\\W', 're:\\bmir\\b', 're:\\Bir', 're:\\p{Greek}+', 're:\\pL\\pL',
  're:\\p{Cyrillic}', 're:[[:upper:]]{3}', 're:[[:^alpha:]]', 're:[\\p{L}&&\\p{Greek}]', 're:(?i:ΣΊΣ)', 're:(?x) s t r a',
  're:a{2,}', 're:a{,3}', '"re:\\Qa.b\\E"', 're:\\u{1F600}', 're:\\x{263a}', 're:\\N', 're:(?P<x>a)', '"re:(?<x>a)"',
  're:[a-\\d]', 're:x**', 're:\\z', 're:😀', 're:.😀', 're:^.{2}$', 're:\\p{Emoji}', 're:\\p{Han}', 're:\\p{Lu}\\p{Ll}',
  // Sort-field numbers and other field forms.
  '12345', '1234*', '0012', '12', 'Front:12345', 'Front:0012', 'Front:12', 'Back:-12.5', 'Back:1e3', 'Back:1000',
  'Front:', 'Back:', 'Back:_*', 'Front:"  leading*"', 'Front:*trailing', 'Front:*trailing  ', '"Front:  leading and trailing  "',
  'Front:and', 'Back:or', '"and" "or"', 'and_', 'Text:*straße*', 'Text:*STRASSE*', 'sc:straße', 'sc:"straße and"', 'sc:outer',
  'sc:"outer inner"', 'sc:inner', 'sc:hint', 'sc:ΣΊΣΥΦΟΣ', 'dupe:1,dupe same', '[sound:foo.mp3]', 'sound', 'foo.mp3',
  '"a b.jpg"', 'a_b.jpg', 'img', '"deck:fake"', 'deck\\:fake', 'tag\\:fake', '1\\:30', '"1:30"', '1:30',
  // Tags with metacharacters.
  'tag:c++', 'tag:c+*', 'tag:a.b', 'tag:a_b', 'tag:a*', 'tag:x[1]', 'tag:x[*', 'tag:50%', 'tag:50*', 'tag:under_score',
  'tag:under\\_score', 'tag:tag-with-dash', 'tag:tag\\-with\\-dash', 'tag:a|b', 'tag:re:\\+\\+', 'tag:re:^c\\+', 'tag:re:a\\|b',
  'tag:re:^a.b$', 'tag:re:\\[1\\]', 'tag:parent', 'tag:PARENT::CHILD_X', 'tag:parent::child\\_x', 'tag:parent::*', 'tag:*::other',
  'tag:cloze', 'tag:cloze::*', 'tag:café', 'tag:cafe', 'tag:nc:cafe', 'tag:CAFÉ', 'tag:re:café', 'tag:re:CAFÉ',
  // Deck names with metacharacters.
  'deck:edge::a_b', 'deck:edge::a\\_b', 'deck:edge::a%b', 'deck:edge::a*', 'deck:edge::x\\*y', 'deck:edge::x*y',
  'deck:"edge::deck (paren)"', '"deck:edge::deck (paren)"', 'deck:edge::deck*', 'deck:edge::dot.name', 'deck:edge::dotxname',
  'deck:"edge::c++ [1]"', 'deck:edge::c++*', 'deck:edge::a|b', 'deck:edge::a?b', 'deck:edge', 'deck:edge::*', 'deck:EDGE',
  'deck:edge::a_b::*', '-deck:edge::*',
];
