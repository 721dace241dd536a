/**
 * Synthetic but plausible note content for the benchmarks: vocabulary words, definitions with a
 * little HTML, cloze sentences, media references, tags and deck names. Everything is drawn from
 * a seeded {@link Rng}, so the same seed gives the same collection.
 */
import type { Rng } from './rng.js';

// 64 two-letter syllables and 64 single kana: fixed-width symbols, so the word spelt from a
// number is unique for that number (no two digit strings concatenate to the same text).
const ROMAJI = [
  'ka', 'ki', 'ku', 'ke', 'ko', 'sa', 'si', 'su', 'se', 'so', 'ta', 'ti', 'tu', 'te', 'to', 'na',
  'ni', 'nu', 'ne', 'no', 'ha', 'hi', 'hu', 'he', 'ho', 'ma', 'mi', 'mu', 'me', 'mo', 'ya', 'yu',
  'yo', 'ra', 'ri', 'ru', 're', 'ro', 'wa', 'wo', 'ga', 'gi', 'gu', 'ge', 'go', 'za', 'zi', 'zu',
  'ze', 'zo', 'da', 'de', 'do', 'ba', 'bi', 'bu', 'be', 'bo', 'pa', 'pi', 'pu', 'pe', 'po', 'ja',
];
// All are BMP characters in NFC, so splitting into code points is exact.
const KANA = Array.from('あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづばびぶべぼ');
if (ROMAJI.length !== 64 || KANA.length !== 64 || new Set([...ROMAJI, ...KANA]).size !== 128) {
  throw new Error('word alphabets must have 64 distinct symbols each');
}

const ENGLISH = (
  'the of and to in is was for on that with as by at from his her they this which be or had not ' +
  'are but one have what were all when there can an your their said each she do how will up other ' +
  'about out many then them these so some would make like him into time has look two more write go ' +
  'see number no way could people my than first water been call who oil its now find long down day ' +
  'did get come made may part over new sound take only little work know place year live me back give ' +
  'most very after thing our just name good sentence man think say great where help through much ' +
  'before line right too mean old any same tell boy follow came want show also around form three ' +
  'small set put end does another well large must big even such because turn here why ask went men ' +
  'read need land different home us move try kind hand picture again change off play spell air away ' +
  'animal house point page letter mother answer found study still learn should world high every near ' +
  'add food between own below country plant last school father keep tree never start city earth eye'
).split(' ');

const NOTE_CLAUSES = ['(colloquial)', '(formal)', '(archaic)', '(used in writing)', '(Kansai dialect)', '(honorific)'];

/** Knuth's multiplicative hash: a bijection on 32-bit integers that scatters consecutive indexes. */
function scramble(index: number): number {
  return Math.imul(index >>> 0, 0x9e3779b1) >>> 0;
}

/**
 * The vocabulary word number `index`, in romaji or kana. Distinct indexes give distinct words,
 * which is what lets the benchmarks make guaranteed duplicates and guaranteed new notes.
 */
export function uniqueWord(index: number, kana: boolean): string {
  let x = scramble(index);
  let out = '';
  do {
    const digit = x & 63;
    out += kana ? (KANA[digit] ?? '') : (ROMAJI[digit] ?? '');
    x >>>= 6;
  } while (x !== 0);
  return out;
}

function englishWords(rng: Rng, min: number, max: number): string {
  const count = rng.range(min, max);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(rng.pick(ENGLISH));
  return words.join(' ');
}

/** A media reference as Anki stores it in a field, to a file the collection need not have. */
export function imageRef(rng: Rng): string {
  return `<img src="img${rng.int(5000)}.jpg">`;
}

export function soundRef(rng: Rng): string {
  return `[sound:a${rng.int(5000)}.mp3]`;
}

/** The first field of a vocabulary note: a unique word, sometimes bold, with a reading or audio. */
export function frontField(rng: Rng, index: number): string {
  const word = uniqueWord(index, rng.chance(0.5));
  let front = rng.chance(0.15) ? `<b>${word}</b>` : word;
  if (rng.chance(0.1)) front += ` ${rng.pick(ENGLISH)}`;
  if (rng.chance(0.12)) front += soundRef(rng);
  return front;
}

/** A definition of a few words to a few lines, with light HTML and sometimes a picture. */
export function backField(rng: Rng): string {
  const senses = rng.weighted([50, 30, 15, 5]) + 1;
  const parts: string[] = [];
  for (let i = 0; i < senses; i++) {
    let sense = englishWords(rng, 2, 18);
    if (rng.chance(0.2)) sense = `<i>${rng.pick(NOTE_CLAUSES)}</i> ${sense}`;
    parts.push(sense);
  }
  let back = senses > 2 && rng.chance(0.5) ? `<ol>${parts.map((p) => `<li>${p}</li>`).join('')}</ol>` : parts.join('<br>');
  if (rng.chance(0.3)) back += `<br><span class="example">${englishWords(rng, 6, 24)}.</span>`;
  if (rng.chance(0.1)) back += imageRef(rng);
  if (rng.chance(0.05)) back += soundRef(rng);
  return back;
}

/** A cloze sentence with `count` deletions numbered 1..count, led by a unique word. */
export function clozeText(rng: Rng, index: number, count: number): string {
  const pieces = [uniqueWord(index, rng.chance(0.5))];
  for (let n = 1; n <= count; n++) {
    pieces.push(englishWords(rng, 2, 8));
    const hint = rng.chance(0.2) ? `::${rng.pick(ENGLISH)}` : '';
    pieces.push(`{{c${n}::${englishWords(rng, 1, 3)}${hint}}}`);
  }
  pieces.push(`${englishWords(rng, 1, 6)}.`);
  return pieces.join(' ');
}

/** The fields of an Image Occlusion note: shapes numbered as clozes over one picture. */
export function imageOcclusion(rng: Rng, index: number): string[] {
  const shapes: string[] = [];
  const count = rng.range(1, 4);
  for (let n = 1; n <= count; n++) {
    const at = (rng.int(90) / 100).toFixed(2);
    shapes.push(
      rng.chance(0.5)
        ? `{{c${n}::image-occlusion:rect:left=${at}:top=.${n}:width=.1:height=.05:oi=1}}`
        : `{{c${n}::image-occlusion:ellipse:left=.${n}:top=${at}:rx=.05:ry=.05:oi=1}}`,
    );
  }
  return [shapes.join('<br>'), `<img src="diagram${index % 50}.png">`, uniqueWord(index, false), rng.chance(0.3) ? englishWords(rng, 2, 6) : '', ''];
}

export function clozeExtra(rng: Rng): string {
  if (rng.chance(0.5)) return '';
  return rng.chance(0.2) ? imageRef(rng) : englishWords(rng, 3, 20);
}

/** A few hundred distinct tags, hierarchical and flat, all already in Anki's normal form. */
export function tagVocabulary(): string[] {
  const tags: string[] = [];
  for (let n = 1; n <= 5; n++) tags.push(`jlpt::n${n}`);
  tags.push('noun', 'verb', 'adjective', 'adverb', 'expression', 'particle', 'counter');
  for (let n = 1; n <= 120; n++) tags.push(`chapter::${String(n).padStart(3, '0')}`);
  for (let n = 1; n <= 40; n++) tags.push(`source::book_${String(n).padStart(2, '0')}`);
  for (let n = 1; n <= 120; n++) tags.push(`lesson_${String(n).padStart(3, '0')}`);
  tags.push('leech', 'marked', 'yomitan', 'needs_review', 'audio', 'image');
  return tags;
}

/** 0–4 tags, skewed towards the first entries of `vocabulary` as real tag use is. */
export function noteTags(rng: Rng, vocabulary: readonly string[]): string[] {
  const count = rng.weighted([20, 35, 25, 12, 8]);
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    chosen.add(vocabulary[Math.floor(r * r * vocabulary.length)] ?? 'marked');
  }
  return [...chosen];
}

const DECK_NAMES = [
  'Japanese::Vocabulary',
  'Japanese::Vocabulary::Core 2k',
  'Japanese::Vocabulary::Mining',
  'Japanese::Kanji',
  'Japanese::Grammar',
  'French::Vocabulary',
  'Medicine::Anatomy',
  'Medicine::Pharmacology',
  'Geography::Capitals',
  'History::Europe',
  'Programming::TypeScript',
  'Misc',
];

/** `count` deck names with `::` children; past the built-in list, numbered ones. */
export function deckNames(count: number): string[] {
  const names = DECK_NAMES.slice(0, count);
  for (let i = names.length; i < count; i++) names.push(`Extra ${Math.floor(i / 4)}::Part ${i % 4}`);
  return names;
}
