// Rendering against real Anki: for every card of each collection below, the server's cardsInfo
// entry (question, answer, fields, modelName, deckName, css, ord, due, …) must equal what
// Anki-Connect answers on real Anki, after only the differences declared in
// support/differences.ts (isolation marks in Anki's messages; with LaTeX
// generation on, no compiling). Each side reads its own copy of the same file; the run prints
// how many cards were compared.
//
// - AnkiDroid's template test deck (a schema-11 collection with templates Anki itself cannot
//   render), read from the file Anki upgraded, and upgraded by the server itself;
// - collections real Anki builds (every stock note type, Image Occlusion, custom types), with
//   and without FSRS;
// - template and cloze edge cases (render-cases.ts), written by the server and by Anki;
// - collections from the project's generator (bench/generate.ts).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { generateCollection } from '../bench/generate.js';
import { RENDER_LATEX_KEY } from '../src/cards/latex-notice.js';
import { fixture } from '../test/support/fixtures.js';
import { compareEveryCard, type Entry } from './support/render-compare.js';
import { ANKI_ADDED_NOTES, DECKS, MODELS, UNCHECKED_TEMPLATES, edgeNotes } from './support/render-cases.js';
import { AnkiDriver } from './support/anki.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';
import { withoutLatexCompileErrors } from './support/differences.js';
import { OurServer } from './support/server.js';

const anki = new AnkiDriver();
const profiles: TempProfile[] = [];
/** Cards compared per collection, for the summary line. */
const compared = new Map<string, number>();

function profile(): TempProfile {
  const made = tempProfile();
  profiles.push(made);
  return made;
}

function copyOf(path: string): TempProfile {
  const made = copyProfile(path);
  profiles.push(made);
  return made;
}

/** Anki reads `ankiPath`, the server `serverPath`; every card is compared. Anki's entries. */
async function compareCollections(
  label: string,
  ankiPath: string,
  serverPath: string,
  adjustSide?: (html: string) => string,
): Promise<Entry[]> {
  await anki.open(ankiPath);
  const server = OurServer.open(serverPath);
  try {
    const entries = await compareEveryCard(anki, server, label, adjustSide);
    compared.set(label, entries.length);
    return entries;
  } finally {
    server.close();
    await anki.close();
  }
}

/** Anki's file as it is, and a copy of it for the server. */
function compareCopies(label: string, path: string, adjustSide?: (html: string) => string): Promise<Entry[]> {
  const copy = copyOf(path);
  return compareCollections(label, path, copy.path, adjustSide);
}

type SidePattern = RegExp | string | ((side: string) => boolean);

/** How many cards show `pattern` on either side: the cases a comparison must have covered. */
function cardsShowing(entries: readonly Entry[], pattern: SidePattern): number {
  const test = (side: string): boolean =>
    typeof pattern === 'string' ? side.includes(pattern) : pattern instanceof RegExp ? pattern.test(side) : pattern(side);
  const matches = (side: unknown): boolean => typeof side === 'string' && test(side);
  return entries.filter((entry) => matches(entry['question']) || matches(entry['answer'])).length;
}

const LATEX_NOTICE = 'LaTeX image generation is disabled in the preferences.';

after(async () => {
  await anki.stop();
  for (const made of profiles) made.remove();
  const total = [...compared.values()].reduce((sum, n) => sum + n, 0);
  console.log(
    `rendering compared with real Anki: ${total} cards (` +
      [...compared].map(([label, n]) => `${label}: ${n}`).join('; ') +
      ')',
  );
});

void describe('cardsInfo card by card, against real Anki', () => {
  void describe("AnkiDroid's template test deck (templates.apkg)", () => {
    let original: Uint8Array;

    before(() => {
      const files = unzipSync(readFileSync(fixture('ankidroid/templates.apkg')));
      const collection = files['collection.anki2'];
      assert.ok(collection !== undefined, 'the package holds collection.anki2');
      original = collection;
    });

    void test('from the collection Anki upgraded', async () => {
      // Anki upgrades its copy of the schema-11 file on opening it; the server then reads a copy
      // of exactly that file, so only rendering can differ.
      const ankiSide = profile();
      writeFileSync(ankiSide.path, original);
      await anki.open(ankiSide.path);
      await anki.close();
      const entries = await compareCopies('templates.apkg (upgraded by Anki)', ankiSide.path);
      assert.equal(entries.length, 146);
      // The deck keeps templates that Anki cannot render: their error pages were compared too.
      assert.equal(cardsShowing(entries, 'Front template has a problem:'), 35);
      assert.equal(cardsShowing(entries, 'Back template has a problem:'), 1);
      assert.equal(cardsShowing(entries, /No cloze \d+ found on card/), 2);
    });

    void test('each side upgrading its own copy', async () => {
      // What users get: each opens the schema-11 file as it comes out of the package.
      const ankiSide = profile();
      const serverSide = profile();
      writeFileSync(ankiSide.path, original);
      writeFileSync(serverSide.path, original);
      await compareCollections('templates.apkg (each upgrading)', ankiSide.path, serverSide.path);
    });
  });

  void describe('collections built by real Anki', () => {
    for (const fsrs of [false, true]) {
      void test(`every stock note type, custom types, every card state${fsrs ? ', FSRS on' : ''}`, async () => {
        const built = profile();
        await anki.open(built.path);
        const summary = (await anki.build('rich', { seed: fsrs ? 17 : 5, notes: 320, fsrs })) as { cards: number };
        await anki.close();
        assert.ok(summary.cards > 320);
        await compareCopies(`rich${fsrs ? ' (FSRS)' : ''}`, built.path);
      });
    }
  });

  void test('template and cloze edge cases', async () => {
    const built = profile();
    await buildEdgeCases(built.path);
    const entries = await compareCopies('edge cases', built.path);
    // Every kind of output the cases are there for was produced, and so compared.
    const expected: [string, SidePattern][] = [
      ['front template errors', 'Front template has a problem:'],
      ['back template errors', 'Back template has a problem:'],
      ['missing field errors', "but there is no field called"],
      ['blank fronts', 'The front of this card is blank.'],
      ['missing cloze numbers', /No cloze \d+ found on card/],
      ['active clozes', 'class="cloze" data-cloze='],
      ['inactive clozes', 'class="cloze-inactive"'],
      ['notices of missing LaTeX images', LATEX_NOTICE],
      ['LaTeX with its images', (side) => side.includes('<img class=latex') && !side.includes(LATEX_NOTICE)],
      ['question sounds', '[anki:play:q:'],
      ['answer sounds', '[anki:play:a:'],
      ['furigana', '<ruby><rb>'],
      ['hints', 'class=hint'],
      ['type-in markers', '[[type:'],
      ['isolation marks of a note', '\u2068marks\u2069'],
    ];
    const missing = expected.filter(([, pattern]) => cardsShowing(entries, pattern) === 0).map(([what]) => what);
    assert.deepEqual(missing, []);

    // With LaTeX generation on, Anki would compile the missing images; the server leaves the
    // links alone (declared: latex-compile). Everything else must still be equal.
    const server = OurServer.open(built.path);
    try {
      server.col.transact(() => server.col.config.set(RENDER_LATEX_KEY, true));
    } finally {
      server.close();
    }
    const generating = await compareCopies('edge cases (LaTeX generation on)', built.path, withoutLatexCompileErrors);
    assert.equal(cardsShowing(generating, LATEX_NOTICE), 0);
    assert.ok(cardsShowing(generating, '<img class=latex') >= cardsShowing(entries, LATEX_NOTICE));
  });

  void describe('collections from the generator (bench/generate.ts)', () => {
    for (const [seed, varied] of [
      [1, false],
      [2, true],
    ] as const) {
      void test(`1,000 notes, seed ${seed}${varied ? ', varied' : ''}`, async () => {
        const made = profile();
        generateCollection(made.path, { notes: 1000, decks: 6, seed, varied });
        await compareCopies(`generated seed ${seed}${varied ? ' varied' : ''}`, made.path);
      });
    }
  });
});

const LATEX_IMAGE = /src="(latex-[0-9a-f]{40}\.(?:png|svg))"/g;

/**
 * The edge-case collection: note types and notes through the server's API, later field edits,
 * flags; then, in real Anki, the templates Anki's save checks refuse (stored unchecked) and the
 * notes Anki-Connect's addNote refuses. The LaTeX images of one template are put in the media
 * folder; the others stay missing, so both of Anki's LaTeX paths are compared.
 */
async function buildEdgeCases(path: string): Promise<void> {
  const server = OurServer.open(path);
  const images = new Set<string>();
  try {
    for (const deck of DECKS) await server.call('createDeck', { deck });
    for (const model of MODELS) await server.call('createModel', { ...model });
    const notes = edgeNotes();
    const ids: number[] = [];
    for (const note of notes) {
      const { later: _later, ...fields } = note;
      ids.push((await server.call('addNote', { note: { ...fields, options: { allowDuplicate: true } } })) as number);
    }
    for (const [i, note] of notes.entries()) {
      if (note.later !== undefined) await server.call('updateNoteFields', { note: { id: ids[i], fields: note.later } });
    }
    const cards = (await server.call('findCards', { query: 'deck:*' })) as number[];
    for (const [i, card] of cards.entries()) {
      if (i % 3 === 0) await server.call('setSpecificValueOfCard', { card, keys: ['flags'], newValues: [String(i % 8)] });
    }
    const latexCards = (await server.call('findCards', { query: '"note:Edge standard" card:LaTeX' })) as number[];
    for (const info of (await server.call('cardsInfo', { cards: latexCards })) as { question: string; answer: string }[]) {
      for (const side of [info.question, info.answer]) for (const match of side.matchAll(LATEX_IMAGE)) images.add(match[1]!);
    }
  } finally {
    server.close();
  }
  assert.ok(images.size > 5, 'the LaTeX template links to images');
  const media = join(dirname(path), 'collection.media');
  mkdirSync(media, { recursive: true });
  for (const image of images) writeFileSync(join(media, image), 'not really an image');

  await anki.open(path);
  try {
    for (const unchecked of UNCHECKED_TEMPLATES) await anki.write('setTemplatesUnchecked', unchecked);
    for (const note of ANKI_ADDED_NOTES) await anki.write('addNote', { ...note });
  } finally {
    await anki.close();
  }
}
