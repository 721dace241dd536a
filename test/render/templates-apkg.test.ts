// Every card of AnkiDroid's template test deck (ankidroid/templates.apkg, a schema-11 package with
// odd templates: alternative delimiters, nested and multi-field clozes, typing, furigana, hints,
// conditionals, cards in filtered decks) rendered from its collection.anki2, read directly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { renderCardParts, type RenderableNotetype } from '../../src/cards/render.js';
import {
  clozeOrdsToGenerate,
  nonEmptyFieldNames,
  templatesToGenerate,
  tryParseTemplate,
  type RenderedCard,
} from '../../src/template/index.js';
import { splitStoredTags } from '../../src/text/index.js';
import { tempDir } from '../support/collections.js';
import { fixture } from '../support/fixtures.js';

interface LegacyModel {
  name: string;
  type: number;
  css: string;
  latexsvg?: boolean;
  flds: { name: string; ord: number }[];
  tmpls: { name: string; ord: number; qfmt: string; afmt: string }[];
}

interface CardRow {
  id: number;
  nid: number;
  did: number;
  odid: number;
  ord: number;
  flags: number;
  mid: number;
  tags: string;
  flds: string;
}

interface Rendered {
  model: LegacyModel;
  row: CardRow;
  card: RenderedCard;
  /** Whether Anki's card generation gives this note this card. */
  generated: boolean;
}

const HELP = "<br><a href='https://docs.ankiweb.net/templates/errors.html#template-syntax-error'>More information</a>";
const front = (message: string): string => `Front template has a problem:<br>${message}${HELP}`;
const back = (message: string): string => `Back template has a problem:<br>${message}${HELP}`;

/**
 * The templates of this deck that Anki itself cannot render (the deck keeps them on purpose, in
 * decks called BadTemplate and BadOrderSections), with the error Anki shows, HTML-escaped.
 */
const ANKI_ERRORS = new Map<string, string>([
  // The directive only switches delimiters at the very start of a template; elsewhere it is a field.
  ['reassign/0', front('Found &#x27;{{=&lt;% %&gt;=}}&#x27;, but there is no field called &#x27;=&lt;% %&gt;=&#x27;')],
  ['reassign/1', front('Found &#x27;{{=&lt;% %&gt;=}}&#x27;, but there is no field called &#x27;=&lt;% %&gt;=&#x27;')],
  ['Basic-conditional/0', back('Found &#x27;{{#Expression}}&#x27;, but there is no field called &#x27;Expression&#x27;')],
  // `{{!…}}` comments are not Anki syntax.
  [
    'Basic-misc/2',
    front(
      'Found &#x27;{{!Just a comment, I won&#x27;t appear anywhere!}}&#x27;, but there is no field called ' +
        '&#x27;!Just a comment, I won&#x27;t appear anywhere!&#x27;',
    ),
  ],
  ['Muscle/1', front('Found &#x27;{{/z}}&#x27;, but expected &#x27;{{/Picture}}&#x27;')],
  ['Muscle/2', front('Found &#x27;{{/Origin}}&#x27;, but expected &#x27;{{/Name}}&#x27;')],
]);

const byOrd = <T extends { ord: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.ord - b.ord);

function renderable(model: LegacyModel): RenderableNotetype {
  return {
    name: model.name,
    css: model.css,
    latexSvg: model.latexsvg ?? false,
    isCloze: model.type === 1,
    fieldNames: byOrd(model.flds).map((field) => field.name),
    templates: byOrd(model.tmpls).map((t) => ({ name: t.name, questionFormat: t.qfmt, answerFormat: t.afmt })),
  };
}

function wouldGenerate(model: LegacyModel, fields: string[], tags: string[], ord: number): boolean {
  if (model.type === 1) return clozeOrdsToGenerate(fields).includes(ord);
  const questions = byOrd(model.tmpls).map((t) => tryParseTemplate(t.qfmt));
  const names = byOrd(model.flds).map((field) => field.name);
  return templatesToGenerate(questions, nonEmptyFieldNames(names, fields), { hasTags: tags.length > 0 }).includes(ord);
}

let rendered: Rendered[] = [];
let cleanup = (): void => undefined;

before(() => {
  const files = unzipSync(readFileSync(fixture('ankidroid/templates.apkg')));
  const collection = files['collection.anki2'];
  assert.ok(collection !== undefined, 'the package holds collection.anki2');
  const { dir, remove } = tempDir('acs-apkg-');
  cleanup = remove;
  const path = join(dir, 'collection.anki2');
  writeFileSync(path, collection);
  const db = new Database(path, { readonly: true });
  try {
    const col = db.prepare('select models, decks from col').get() as { models: string; decks: string };
    const models = JSON.parse(col.models) as Record<string, LegacyModel>;
    const decks = JSON.parse(col.decks) as Record<string, { name: string }>;
    const rows = db
      .prepare(
        'select c.id, c.nid, c.did, c.odid, c.ord, c.flags, n.mid, n.tags, n.flds from cards c join notes n on n.id = c.nid order by c.id',
      )
      .all() as CardRow[];
    rendered = rows.map((row) => {
      const model = models[String(row.mid)];
      assert.ok(model !== undefined, `note type ${row.mid}`);
      const fields = row.flds.split('\x1f');
      const tags = splitStoredTags(row.tags);
      const card = renderCardParts({
        notetype: renderable(model),
        fields,
        tags,
        card: row,
        homeDeckName: decks[String(row.odid !== 0 ? row.odid : row.did)]?.name ?? null,
      });
      return { model, row, card, generated: wouldGenerate(model, fields, tags, row.ord) };
    });
  } finally {
    db.close();
  }
});

after(() => cleanup());

const key = (entry: Rendered): string => `${entry.model.name}/${entry.model.type === 1 ? 0 : entry.row.ord}`;

void describe('templates.apkg (AnkiDroid test deck)', () => {
  void it('renders all 146 cards', () => {
    assert.equal(rendered.length, 146);
  });

  void it('renders every template Anki can render without a template error', () => {
    const failures = rendered
      .filter((entry) => !ANKI_ERRORS.has(key(entry)) && entry.card.status === 'error')
      .map((entry) => `${key(entry)}: ${entry.card.questionText}`);
    assert.deepEqual(failures, []);
  });

  void it("shows Anki's own error for the templates Anki cannot render", () => {
    const seen = new Set<string>();
    for (const entry of rendered) {
      const expected = ANKI_ERRORS.get(key(entry));
      if (expected === undefined) continue;
      seen.add(key(entry));
      assert.equal(entry.card.question, `<style></style>${expected}`, key(entry));
      assert.equal(entry.card.answer, `<style></style>${expected}`, key(entry));
    }
    assert.deepEqual([...seen].sort(), [...ANKI_ERRORS.keys()].sort());
  });

  void it('gives a non-empty question to every card Anki would generate', () => {
    const failures = rendered
      .filter((entry) => entry.generated && !ANKI_ERRORS.has(key(entry)))
      .filter((entry) => entry.card.status !== 'ok' || entry.card.questionText.trim() === '')
      .map((entry) => `${key(entry)} card ${entry.row.id}: ${entry.card.status}`);
    assert.deepEqual(failures, []);
    assert.ok(rendered.filter((entry) => entry.generated).length > 100);
  });

  void it('shows the blank or missing-cloze message on cards Anki would not generate', () => {
    const orphans = rendered.filter((entry) => !entry.generated && !ANKI_ERRORS.has(key(entry)));
    assert.deepEqual(
      orphans.map((entry) => `${key(entry)} ord ${entry.row.ord}: ${entry.card.status}`),
      ['NestedClozeTest/0 ord 1: blank', 'TypingClozeTest/0 ord 5: blank'],
    );
    const typing = orphans.find((entry) => entry.model.name === 'TypingClozeTest');
    assert.ok(typing?.card.answerText.startsWith('<div>No cloze 6 found on card.'));
  });

  void it('renders alternative delimiters, typing, furigana in clozes and sounds', () => {
    const typing = rendered.find((entry) => entry.model.name === 'TypingClozeTest' && entry.row.ord === 1);
    assert.ok(typing !== undefined);
    // Card 2's deletion is in FuriCloze, shown only as a typing marker, so both HtmlCloze
    // replacements are empty; `<%…%>` is plain text without the directive at the start.
    assert.equal(
      typing.card.questionText,
      'Cloze plaintext order 1:  <br/>\nCloze plaintext order 2: \n\n<p>---</p>\n' +
        'Cloze typing field: [[type:cloze:FuriCloze]]<br/>\n<p>---</p>\n\nCloze with % tags: <%cloze:FuriCloze%>',
    );

    const nested = rendered.find((entry) => entry.model.name === 'NestedClozeTest' && entry.row.ord === 0);
    assert.ok(nested !== undefined);
    assert.match(nested.card.questionText, /This is a kanji with furigana: <ruby><rb>子<\/rb><rt>し<\/rt><\/ruby><br\/>/);

    const thai = rendered.filter((entry) => entry.model.name === 'Thaischrift');
    assert.ok(thai.every((entry) => entry.card.questionText.includes('[anki:play:q:0]')));
    assert.ok(thai.every((entry) => entry.card.answerText.includes('[anki:play:q:0]') && entry.card.answerText.includes('[anki:play:a:0]')));
  });
});
