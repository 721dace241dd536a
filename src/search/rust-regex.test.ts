import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRustRegex, RustRegexError, translateRustRegex } from './rust-regex.js';

/** Whether Rust's `Regex::new(pattern).is_match(text)` would say true, by our translation. */
const matches = (pattern: string, text: string): boolean => compileRustRegex(pattern).test(text);

describe('Rust regex translation: flags', () => {
  test('a leading (?i) becomes the i flag', () => {
    assert.equal(translateRustRegex('(?i)abc').flags, 'iv');
    assert.ok(matches('(?i)abc', 'xABCx'));
  });

  test('(?-i) after Anki\'s (?i) makes the rest case-sensitive', () => {
    assert.equal(translateRustRegex('(?i)(?-i)abc').flags, 'v');
    assert.ok(!matches('(?i)(?-i)abc', 'ABC'));
    assert.ok(matches('(?i)(?-i)abc', 'abc'));
  });

  test('a flag change in the middle applies to the rest of the group only', () => {
    assert.ok(matches('(?i)a(?-i)B', 'AB'));
    assert.ok(!matches('(?i)a(?-i)B', 'Ab'));
    assert.ok(matches('((?i)a)b', 'Ab'));
    assert.ok(!matches('((?i)a)b', 'AB'));
  });

  test('scoped flags (?i:…) apply to their body', () => {
    assert.ok(matches('(?i:a)b', 'Ab'));
    assert.ok(!matches('(?i:a)b', 'AB'));
  });

  test('case-insensitivity uses Unicode simple case folding', () => {
    assert.ok(matches('(?i)привет', 'ПРИВЕТ'));
    assert.ok(matches('(?i)ω', 'Ω'));
    // The Kelvin sign folds to k, as in Rust.
    assert.ok(matches('(?i)k', '\u212a'));
    // Mixed mode spells variants out, Kelvin sign included.
    assert.ok(matches('(?i)k(?-i)x', '\u212ax'));
  });

  test('(?s) lets the dot match a newline; without it the dot stops only at \\n', () => {
    assert.ok(!matches('a.b', 'a\nb'));
    assert.ok(matches('(?s)a.b', 'a\nb'));
    // JavaScript's dot also refuses \r, U+2028 and U+2029; Rust's does not.
    assert.ok(matches('a.b', 'a\rb'));
    assert.ok(matches('a.b', 'a\u2028b'));
  });

  test('$ is the end of the text and ^ its start; (?m) lines end at \\n only', () => {
    assert.ok(!matches('a$', 'a\n'));
    assert.ok(matches('(?m)a$', 'a\nb'));
    assert.ok(matches('(?m)^b', 'a\nb'));
    assert.ok(!matches('(?m)^b', 'a\rb'));
    assert.ok(!matches('^b', 'a\nb'));
  });

  test('(?x) ignores whitespace and # comments, also in classes', () => {
    assert.ok(matches('(?x) a b # comment\n c', 'abc'));
    assert.ok(matches('(?x)[ a ]', 'a'));
    assert.ok(matches('(?x)a\\ b', 'a b'));
  });

  test('(?U) swaps greediness (still a valid pattern)', () => {
    assert.ok(matches('(?U)a+b', 'aab'));
  });
});

describe('Rust regex translation: Unicode classes and boundaries', () => {
  test('\\w is Unicode word characters (JavaScript\'s is ASCII)', () => {
    for (const char of ['é', 'я', '日', '٣', '_', 'ǅ']) assert.ok(matches('^\\w$', char), char);
    assert.ok(!matches('^\\w$', '-'));
    assert.ok(matches('^\\W$', '-'));
    assert.ok(!matches('^\\W$', 'é'));
  });

  test('\\d is any decimal digit', () => {
    assert.ok(matches('^\\d$', '٣'));
    assert.ok(matches('^\\d$', '７'));
    assert.ok(!matches('^\\d$', 'x'));
    assert.ok(matches('^\\D$', 'x'));
  });

  test('\\s is White_Space: no-break space yes, U+FEFF no', () => {
    assert.ok(matches('^\\s$', '\u00a0'));
    assert.ok(matches('^\\s$', '\u3000'));
    assert.ok(!matches('^\\s$', '\ufeff'));
    assert.ok(matches('^\\S$', '\ufeff'));
  });

  test('\\b and \\B use Unicode word characters', () => {
    assert.ok(matches('(?i)\\bcafé\\b', 'un Café.'));
    assert.ok(!matches('\\bfé', 'café'));
    assert.ok(matches('\\Bfé', 'café'));
    assert.ok(matches('\\b食べる\\b', '食べる\x1fたべる'));
  });

  test('\\< \\> and \\b{start}/\\b{end} are start and end of a word', () => {
    assert.ok(matches('\\<word\\>', 'a word here'));
    assert.ok(!matches('\\<ord', 'word'));
    assert.ok(matches('\\b{start}wo', 'word'));
    assert.ok(matches('rd\\b{end}', 'word'));
    assert.ok(matches('\\b{start-half}x', 'x'));
    assert.ok(matches('x\\b{end-half}', 'x.'));
  });

  test('(?-u) makes \\w, \\d and \\b ASCII', () => {
    assert.ok(!matches('(?-u)^\\w$', 'é'));
    assert.ok(matches('(?-u)^\\w$', 'e'));
  });

  test('Unicode properties: general categories, scripts, loose names, negation', () => {
    assert.ok(matches('^\\pL$', 'é'));
    assert.ok(matches('^\\p{Lu}$', 'É'));
    assert.ok(!matches('^\\p{Lu}$', 'é'));
    assert.ok(matches('^\\p{Greek}+$', 'αβγ'));
    assert.ok(matches('^\\p{greek}$', 'α'));
    assert.ok(matches('^\\p{sc=Grek}$', 'α'));
    assert.ok(matches('^\\p{Script=Greek}$', 'α'));
    assert.ok(matches('^\\p{Uppercase Letter}$', 'A'));
    assert.ok(matches('^\\p{uppercaseletter}$', 'A'));
    assert.ok(matches('^\\P{L}$', '1'));
    assert.ok(matches('^\\p{gc!=Lu}$', 'a'));
    assert.ok(!matches('^\\p{gc!=Lu}$', 'A'));
    assert.ok(matches('^\\p{Old Italic}$', '\u{10300}'));
    assert.ok(matches('^\\p{Han}$', '日'));
    assert.ok(matches('^\\p{Hiragana}$', 'た'));
    assert.ok(matches('^\\p{White_Space}$', ' '));
    assert.ok(matches('^\\p{Any}$', 'x'));
  });
});

describe('Rust regex translation: classes', () => {
  test('ranges, negation, a leading ] and a trailing -', () => {
    assert.ok(matches('^[a-c]$', 'b'));
    assert.ok(!matches('^[^a-c]$', 'b'));
    assert.ok(matches('^[]a]$', ']'));
    assert.ok(matches('^[^]a]$', 'b'));
    assert.ok(matches('^[a-]$', '-'));
    assert.ok(matches('^[-a]$', '-'));
  });

  test('nested classes and the set operators &&, --, ~~', () => {
    assert.ok(matches('^[a-z&&[^aeiou]]$', 'b'));
    assert.ok(!matches('^[a-z&&[^aeiou]]$', 'a'));
    assert.ok(matches('^[a-z--[aeiou]]$', 'b'));
    assert.ok(!matches('^[a-z--aeiou]$', 'e'));
    assert.ok(matches('^[a-c~~b-d]$', 'a'));
    assert.ok(matches('^[a-c~~b-d]$', 'd'));
    assert.ok(!matches('^[a-c~~b-d]$', 'b'));
    assert.ok(matches('^[[a][b]]$', 'b'));
  });

  test('ASCII classes [[:alpha:]] and their negation', () => {
    assert.ok(matches('^[[:alpha:]]$', 'a'));
    assert.ok(!matches('^[[:alpha:]]$', 'é'));
    assert.ok(matches('^[[:^digit:]]$', 'a'));
    assert.ok(matches('^[[:punct:]]+$', '!/:@[`{~'));
  });

  test('Perl classes inside brackets', () => {
    assert.ok(matches('^[\\w-]+$', 'é-x'));
    assert.ok(matches('^[\\W]$', ' '));
    assert.ok(matches('^[\\d.]+$', '٣.5'));
  });

  test('characters that are syntax in JavaScript classes are literals', () => {
    assert.ok(matches('^[(){}/|&!#%,:;<=>@`~]+$', '(){}/|&!#%,:;<=>@`~'));
    assert.ok(matches('^[\\[\\]]+$', '[]'));
  });

  test('a class under (?i) is case-insensitive', () => {
    assert.ok(matches('(?i)^[a-c]$', 'B'));
    assert.ok(!matches('(?i)^[^a-c]$', 'B'));
    // In a mixed pattern the variants of a range are spelled out.
    assert.ok(matches('(?i)^[a-c](?-i)x$', 'Bx'));
  });
});

describe('Rust regex translation: escapes and repetition', () => {
  test('hex and Unicode escapes', () => {
    assert.ok(matches('^\\x41$', 'A'));
    assert.ok(matches('^\\x{1F600}$', '😀'));
    assert.ok(matches('^\\u0041$', 'A'));
    assert.ok(matches('^\\U0001F600$', '😀'));
    assert.ok(matches('\\x1f', 'a\x1fb'));
  });

  test('meta and other ASCII punctuation may be escaped', () => {
    assert.ok(matches('^\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$\\#\\&\\-\\~$', '.+*?()|[]{}^$#&-~'));
    assert.ok(matches('^\\%\\/\\"\\\'\\@$', '%/"\'@'));
    assert.ok(matches('^\\t\\n\\r$', '\t\n\r'));
  });

  test('literal characters that are syntax in JavaScript', () => {
    assert.ok(matches('^a/b$', 'a/b'));
    assert.ok(matches('^a}$', 'a}'));
  });

  test('counted repetition, lazy and repeated repetition', () => {
    assert.ok(matches('^a{2}$', 'aa'));
    assert.ok(matches('^a{2,}$', 'aaaa'));
    assert.ok(matches('^a{1,2}$', 'aa'));
    assert.ok(!matches('^a{1,2}$', 'aaa'));
    // Whitespace around the counts is allowed in every mode; under (?x) even between digits.
    assert.ok(matches('^a{ 1 , 2 }$', 'aa'));
    assert.ok(matches('^a{\t2}$', 'aa'));
    assert.ok(matches('^(?x)a{1 2}$', 'a'.repeat(12)));
    assert.ok(matches('^(?x)a{#count\n2}$', 'aa'));
    assert.ok(matches('^a+?$', 'aa'));
    assert.ok(matches('^(?:a*)*$', 'aaa'));
    assert.ok(matches('^a**$', 'aaa'));
    assert.ok(matches('^*a', 'a'));
  });

  test('groups of every kind are matched (captures are not used)', () => {
    assert.ok(matches('^(a|b)(?:c)(?P<n>d)(?<m>e)$', 'bcde'));
    assert.ok(matches('^(|a)$', ''));
  });

  test('\\A and \\z are the text\'s ends', () => {
    assert.ok(matches('\\Aab\\z', 'ab'));
    assert.ok(!matches('\\Ab', 'ab'));
  });

  test('a leading and trailing .* are dropped without changing the result', () => {
    assert.equal(translateRustRegex('(?i).* tag(::| ).*').source, '\\u{20}tag(?:::|\\u{20})');
    assert.ok(matches('(?i).* tag(::| ).*', ' a\n TAG '));
    assert.ok(!matches('(?i).* tag(::| ).*', ' tags '));
    assert.ok(matches('.*', ''));
  });
});

describe('Rust regex translation: what Rust accepts that looks odd', () => {
  test('[[:foo:]] is a nested class of its characters, not an error', () => {
    assert.ok(matches('^[[:foo:]]$', 'f'));
    assert.ok(!matches('^[[:foo:]]$', 'x'));
  });

  test('\\b{2} repeats \\b; \\b{start} is a word start', () => {
    assert.ok(matches('a\\b{2}', 'a b'));
    assert.ok(matches('\\b{start}b', 'a b'));
  });

  test('\\x{…} takes any number of digits; (?-u) keeps ASCII bytes and literals', () => {
    assert.ok(matches('\\x{000000041}', 'A'));
    assert.ok(matches('(?-u)\\x41', 'A'));
    assert.ok(matches('(?-u)é', 'é'));
    assert.ok(matches('(?-u)[a&&[a-c]]', 'a'));
  });

  test('(?i-u) folds ASCII letters only', () => {
    assert.ok(matches('(?i-u)k', 'K'));
    assert.ok(!matches('(?i-u)k', '\u212a'));
    assert.ok(!matches('(?i-u)[k]', '\u212a'));
    assert.ok(matches('(?i)k', '\u212a'));
  });
});

describe('Rust regex translation: case folding and V8', () => {
  test('simple case folding includes the status S pairs (ẞ and ß, ᾈ and ᾀ)', () => {
    // A mixed pattern spells the variants out; a wholly insensitive one uses the i flag.
    assert.ok(matches('a(?i)[ß]', 'aẞ'));
    assert.ok(matches('a(?i)ᾀ', 'aᾈ'));
    assert.ok(matches('(?i)ß', 'ẞ'));
  });

  test('(?i) folds a property before negating it, also in a mixed pattern', () => {
    assert.ok(matches('(?i)\\p{Lu}', 'a'));
    assert.ok(matches('x(?i)\\p{Lu}', 'xa'));
    assert.ok(!matches('(?i)^\\P{Lu}$', 'a'));
    assert.ok(!matches('x(?i)\\P{Lu}', 'xa'));
    assert.ok(matches('x(?i)[[:upper:]]', 'xa'));
  });

  test('no match inside a surrogate pair (V8 tries those positions for look-arounds)', () => {
    assert.ok(!matches('\\b{start-half}(?m)$', '😀 emoji'));
    assert.ok(!matches('\\b{start-half}(?m)$', 'a😀b'));
    assert.ok(matches('(?m)$', '😀'));
  });

  test('a negated class repeated in a group is found (V8 misses /(?:[^\\n]s)+$/v)', () => {
    assert.ok(matches('(?:.s)+$', "it's"));
    assert.ok(matches('(?:[^a]s)+$', "it's"));
    assert.ok(matches("(?i)((.ſ)\\b+|b+){1,}", "it's"));
  });

  test('(?mR) line anchors are never between \\r and \\n', () => {
    assert.ok(!matches('(?mR)^\\n', 'a\r\nb'));
    assert.ok(!matches('(?mR)\\r$', 'a\r\nb'));
    assert.ok(matches('(?mR)^b', 'a\r\nb'));
    assert.ok(matches('(?mR)a$', 'a\r\nb'));
    assert.ok(matches('(?mR)a$', 'a\rb'));
  });
});

describe('Rust regex translation: what Rust refuses', () => {
  const refused: [string, RegExp][] = [
    ['(', /unclosed group/],
    ['a)', /unopened group/],
    ['[a', /unclosed character class/],
    ['(?=a)', /look-around/],
    ['(?!a)', /look-around/],
    ['(?<=a)', /look-around/],
    ['(?<!a)', /look-around/],
    ['(a)\\1', /backreferences/],
    ['\\q', /unrecognized escape/],
    ['\\é', /unrecognized escape/],
    ['a{2,1}', /invalid repetition/],
    ['a{x}', /repetition quantifier/],
    ['a{2', /unclosed counted repetition/],
    // Anki does not enable regex-syntax's empty minimum: `{,n}` is refused.
    ['a{,3}', /^repetition quantifier expects a valid decimal$/],
    ['a{,}', /^repetition quantifier expects a valid decimal$/],
    ['a{1, }', /^repetition quantifier expects a valid decimal$/],
    // A missing count is reported only after the comma is read; anything but `}` leaves it open.
    ['a{,', /^unclosed counted repetition$/],
    ['a{ 1', /^unclosed counted repetition$/],
    ['a{1x}', /^unclosed counted repetition$/],
    ['a{1 2}', /^unclosed counted repetition$/],
    ['a{99999999999}', /^decimal literal invalid$/],
    ['a{1,4294967296}', /^decimal literal invalid$/],
    ['*a', /repetition operator missing expression/],
    ['a|*', /repetition operator missing expression/],
    ['\\p{NotAProperty}', /Unicode property not found/],
    ['(?z)', /unrecognized flag/],
    ['(?)', /^repetition operator missing expression$/],
    ['[z-a]', /^invalid character class range, the start must be <= the end$/],
    ['[\\b]', /^invalid escape sequence found in character class$/],
    ['\\x{110000}', /not a Unicode scalar value/],
    ['\\', /incomplete escape/],
  ];
  for (const [pattern, message] of refused) {
    test(JSON.stringify(pattern), () => {
      assert.throws(() => compileRustRegex(pattern), (err: unknown) => err instanceof RustRegexError && message.test(err.message));
    });
  }

  // Each message checked against real Anki (test-anki/search.test.ts compares thousands more).
  const reasons: [string, string][] = [
    ['\\x{zz}', 'invalid hexadecimal digit'],
    ['\\xg1', 'invalid hexadecimal digit'],
    ['\\u{}', 'hexadecimal literal empty'],
    ['\\x{41', 'incomplete escape sequence, reached end of pattern prematurely'],
    ['\\p{Greek', 'incomplete escape sequence, reached end of pattern prematurely'],
    ['\\p\\d', 'invalid Unicode character class'],
    ['\\p{Foo}', 'Unicode property not found'],
    ['\\p{scx=Foo}', 'Unicode property value not found'],
    // The first `!=`, else `:`, else `=` splits a property: `scx=L[[` is no property's name.
    ['\\p{scx=L[[:x:]]atin}', 'Unicode property not found'],
    ['(?-)', 'dangling flag negation operator'],
    ['(?i--s)', 'flag negation operator repeated'],
    ['(?i-i)', 'duplicate flag'],
    ['(?i', 'expected flag but got end of regex'],
    ['(?', 'unclosed group'],
    ['(?i)*', 'repetition operator missing expression'],
    ['a(?i)+', 'repetition operator missing expression'],
    ['(?P<>a)', 'empty capture group name'],
    ['(?P<a>x)(?<a>y)', 'duplicate capture group name'],
    ['(?<1a>x)', 'invalid capture group character'],
    ['(?<a', 'unclosed capture group name'],
    ['[a-\\d]', 'invalid range boundary, must be a literal'],
    ['[\\b{start}]', 'invalid escape sequence found in character class'],
    ['\\b{foo}', 'unrecognized special word boundary assertion, valid choices are: start, end, start-half or end-half'],
    ['\\b{end[}', 'special word boundary assertion is either unclosed or contains an invalid character'],
    ['(?-u).', 'pattern can match invalid UTF-8'],
    ['(?-u)\\W', 'pattern can match invalid UTF-8'],
    ['(?-u)[^a]', 'pattern can match invalid UTF-8'],
    ['(?-u)\\xff', 'pattern can match invalid UTF-8'],
    ['(?-u)[é]', 'Unicode not allowed here'],
    ['(?-u)\\pL', 'Unicode not allowed here'],
    // A translation error is reported only when the whole pattern parses.
    ['\\p{Foo})', 'unopened group'],
    ['(?-u).(', 'unclosed group'],
  ];
  for (const [pattern, reason] of reasons) {
    test(`${JSON.stringify(pattern)}: ${reason}`, () => {
      assert.throws(() => compileRustRegex(pattern), (err: unknown) => err instanceof RustRegexError && err.message === reason);
    });
  }

  test('a refused pattern is refused again from the cache', () => {
    assert.throws(() => compileRustRegex('('), RustRegexError);
    assert.throws(() => compileRustRegex('('), RustRegexError);
  });
});
