// Property-based tests of the card template engine (src/template/): random template texts made
// of handlebars, sections, comments, filters and field names, with random field values, either
// render or give the project's TemplateError, never another exception, and rendering is a pure
// function of its input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  cardFieldMap,
  clozeNumbersInFields,
  clozeOrdsToGenerate,
  MAX_CLOZE_CARD_ORD,
  nonEmptyFieldNames,
  nonEmptyKeys,
  parseTemplate,
  renderCard,
  renderTemplate,
  rendersWithFields,
  TemplateError,
  templatesToGenerate,
  tryParseTemplate,
  type RenderContext,
} from '../../src/template/index.js';
import { nastyUnit, runs } from './support.js';

const FIELD_NAMES = ['Front', 'Back', 'Text', 'Back Extra', 'Extra'];
const SPECIAL_NAMES = ['Tags', 'Type', 'Deck', 'Subdeck', 'Card', 'CardFlag', 'CardID', 'FrontSide', 'c1', 'c2', 'c0', 'c+1', 'c4294967296'];
const FILTERS = ['cloze:', 'cloze-only:', 'text:', 'hint:', 'type:', 'type:cloze:', 'type:nc:', 'furigana:', 'kana:', 'kanji:', 'tts en_US:', 'tts ja_JP voices=x:', 'nc:', 'unknown:', ':', '::'];
const ODD_NAMES = ['Missing', '', ' Front ', 'front', 'Front:', '#Front', 'Fr{ont', 'Fr}ont'];
const NAMES = [...FIELD_NAMES, ...SPECIAL_NAMES, ...ODD_NAMES];
/** A name in a handlebar: mostly one the note has, sometimes one it does not. */
const name = fc.oneof({ arbitrary: fc.constantFrom(...FIELD_NAMES, ...SPECIAL_NAMES), weight: 8 }, { arbitrary: fc.constantFrom(...ODD_NAMES), weight: 1 });

// Pieces of template syntax, valid and broken.
const TEMPLATE_TOKENS: readonly string[] = [
  '{{', '}}', '{{{', '}}}', '{', '}', '#', '^', '/', ':', ' ', '\n', '<!--', '-->', '<%', '%>', '{{=<% %>=}}', '<br>', '<div>', '</div>',
  '[sound:a.mp3]', '[[type:Front]]', '\\(', '\\)', '[$]', '[/$]', '[latex]', '[/latex]', 'text', 'é', '𝄞', '\uD800',
  ...NAMES,
  ...FILTERS,
];

const handlebar = fc
  .tuple(fc.constantFrom('', '', '', '#', '^', '/', '!', ' '), fc.array(fc.constantFrom(...FILTERS), { maxLength: 3 }), name)
  .map(([sigil, filters, name]) => `{{${sigil}${filters.join('')}${name}}}`);
const section = fc
  .tuple(fc.constantFrom('#', '^'), name, fc.constantFrom('{{Front}}', '{{cloze:Text}}', 'x', '{{#Back}}y{{/Back}}', '', '{{text:Back}}'))
  .map(([sigil, name, body]) => `{{${sigil}${name}}}${body}{{/${name}}}`);
const templatePiece = fc.oneof(
  { arbitrary: fc.constantFrom(...TEMPLATE_TOKENS), weight: 6 },
  { arbitrary: handlebar, weight: 4 },
  { arbitrary: section, weight: 2 },
  { arbitrary: nastyUnit, weight: 1 },
);
/** A random template: up to 24 pieces run together. */
const hostileTemplate = fc.array(templatePiece, { maxLength: 24 }).map((parts) => parts.join(''));
/** A template that mostly parses: text, replacements and whole sections, now and then something broken. */
const plainPiece = fc.oneof(
  { arbitrary: fc.constantFrom('text ', '<br>', ' ', '[sound:a.mp3]', '\\(x\\)', 'é𝄞'), weight: 3 },
  { arbitrary: fc.tuple(fc.array(fc.constantFrom(...FILTERS), { maxLength: 2 }), name).map(([filters, field]) => `{{${filters.join('')}${field}}}`), weight: 4 },
  { arbitrary: section, weight: 2 },
  { arbitrary: templatePiece, weight: 1 },
);
const plainTemplate = fc.array(plainPiece, { maxLength: 8 }).map((parts) => parts.join(''));
const templateText = fc.oneof(hostileTemplate, plainTemplate);

// Pieces of field content: cloze deletions (whole and broken), hints, media, LaTeX, furigana, HTML.
const VALUE_TOKENS: readonly string[] = [
  '{{c1::', '{{c2::', '{{c0::', '{{c10::', '{{c500::', '{{c501::', '{{c99999999999::', '{{C1::', '::', '}}', '{{', '{{c1::a}}', '{{c2::b::hint}}',
  '{{c1::x{{c2::nested}}y}}', '{{c1::<b>bold</b>}}', '{{c3::\\(x^2\\)}}', '\\(', '\\)', '\\[', '\\]', '[$]x[/$]', '[$$]y[/$$]', '[latex]z[/latex]',
  '[sound:a.mp3]', '[sound:]', '漢字[かんじ]', ' 日本[にほん]', '[', ']', '<b>', '</b>', '<br>', '<img src="a.png">', '<!--', '-->', '&nbsp;', '&amp;',
  '&lt;', '<', '>', ' ', '\n', 'word', 'é', 'e\u0301', '𝄞', '\0',
];
const fieldValue = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...VALUE_TOKENS), weight: 5 }, { arbitrary: nastyUnit, weight: 1 }), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** A note's fields as the renderer sees them: names (from the pool, sometimes others) and values. */
const fieldNames = fc.oneof(
  { arbitrary: fc.constant(FIELD_NAMES), weight: 4 },
  {
    arbitrary: fc.uniqueArray(
      fc.oneof({ arbitrary: fc.constantFrom(...FIELD_NAMES, ...SPECIAL_NAMES), weight: 5 }, { arbitrary: fc.string({ unit: nastyUnit, maxLength: 4 }), weight: 1 }),
      { maxLength: 6 },
    ),
    weight: 1,
  },
);
const noteFields = fieldNames.chain((names) => fc.tuple(fc.constant(names), fc.array(fieldValue, { minLength: names.length, maxLength: names.length })));

const cardInput = fc.record({
  fields: noteFields,
  tags: fc.array(fc.constantFrom('t1', 'a::b', 'ü'), { maxLength: 2 }),
  deckName: fc.constantFrom('Default', 'A::B', null),
  flags: fc.integer({ min: 0, max: 7 }),
  cardOrd: fc.integer({ min: 0, max: 3 }),
});

type CardInput = typeof cardInput extends fc.Arbitrary<infer T> ? T : never;

function fieldMap(input: CardInput): Map<string, string> {
  const [fieldNames, values] = input.fields;
  return cardFieldMap({
    fieldNames,
    values,
    tags: input.tags,
    notetypeName: 'Random',
    deckName: input.deckName,
    flags: input.flags,
    templateName: 'Card 1',
    cardId: 1_700_000_000_000,
    cardOrd: input.cardOrd,
  });
}

/** Calls `fn`; returns its value, or undefined when it threw a TemplateError; any other throw fails. */
function renderOrTemplateError<T>(fn: () => T, context: string): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TemplateError) return undefined;
    assert.fail(`${context} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} instead of a TemplateError`);
  }
}

describe('template engine properties', () => {
  test('parsing gives a syntax tree or a TemplateError, the same tree every time', () => {
    fc.assert(
      fc.property(templateText, (text) => {
        const context = `parseTemplate(${JSON.stringify(text)})`;
        const first = renderOrTemplateError(() => parseTemplate(text), context);
        const second = renderOrTemplateError(() => parseTemplate(text), context);
        assert.deepEqual(second, first, `${context} is deterministic`);
        assert.equal(tryParseTemplate(text) === null, first === undefined, `tryParseTemplate agrees with parseTemplate on ${context}`);
      }),
      runs(2000),
    );
  });

  test('rendering a side gives text or a TemplateError, the same every time', () => {
    fc.assert(
      fc.property(templateText, cardInput, fc.option(fieldValue, { nil: null }), (text, input, frontSide) => {
        const context = `render ${JSON.stringify(text)} with ${JSON.stringify(input)}`;
        const parsed = renderOrTemplateError(() => parseTemplate(text), context);
        if (parsed === undefined) return;
        const fields = fieldMap(input);
        const ctx: RenderContext = { fields, nonEmpty: nonEmptyKeys(fields), cardOrd: input.cardOrd, frontSide };
        const first = renderOrTemplateError(() => renderTemplate(parsed, ctx), context);
        const second = renderOrTemplateError(() => renderTemplate(parsed, ctx), context);
        assert.equal(second, first, `${context} is deterministic`);
        if (first !== undefined) assert.equal(typeof first, 'string', context);
      }),
      runs(2000),
    );
  });

  test('renderCard never throws, is deterministic, and shows the CSS unless a template is broken', () => {
    fc.assert(
      fc.property(templateText, templateText, cardInput, fc.boolean(), fc.constantFrom('', '.card { color: red }'), (front, back, input, isCloze, css) => {
        const request = { questionTemplate: front, answerTemplate: back, fields: fieldMap(input), cardOrd: input.cardOrd, isCloze, css, latexSvg: false };
        const context = `renderCard(${JSON.stringify({ front, back, input, isCloze })})`;
        let first;
        let second;
        try {
          first = renderCard(request);
          // The second call takes the parsed templates from the cache.
          second = renderCard({ ...request, fields: fieldMap(input) });
        } catch (err) {
          assert.fail(`${context} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        }
        assert.deepEqual(second, first, `${context} is deterministic`);
        if (first.status === 'error') {
          assert.ok(first.question.startsWith('<style></style>') && first.question === first.answer, `${context}: an error shows on both sides`);
          assert.ok(tryParseTemplate(front) === null || tryParseTemplate(back) === null || first.question.includes('there is no field called'), context);
        } else {
          assert.ok(first.question.startsWith(`<style>${css}</style>`) && first.answer.startsWith(`<style>${css}</style>`), context);
          assert.ok(tryParseTemplate(front) !== null, `${context}: a front that does not parse rendered`);
        }
      }),
      runs(1500),
    );
  });

  test('a plain field value comes out of {{Field}} unchanged, and {{FrontSide}} is the question', () => {
    // No `[` (sound and LaTeX tags) and no `{`: the value is shown as it is.
    const plainValue = fc.string({ unit: nastyUnit.filter((unit) => !/[[{]/.test(unit)), maxLength: 16 });
    fc.assert(
      fc.property(plainValue, plainValue, (front, back) => {
        const fields = cardFieldMap({ fieldNames: ['Front', 'Back'], values: [front, back], tags: [], notetypeName: 'Basic', deckName: 'Default', flags: 0, templateName: 'Card 1', cardId: 1, cardOrd: 0 });
        const card = renderCard({ questionTemplate: '{{Front}}', answerTemplate: '{{FrontSide}}<hr id=answer>{{Back}}', fields, cardOrd: 0, isCloze: false, css: 'x', latexSvg: false });
        const context = JSON.stringify({ front, back });
        assert.equal(card.status === 'blank', !nonEmptyKeys(fields).has('Front'), `blank exactly when Front is empty: ${context}`);
        if (card.status !== 'ok') return;
        assert.equal(card.question, `<style>x</style>${front}`, `the question shows Front as it is: ${context}`);
        assert.equal(card.answer, `<style>x</style>${front}<hr id=answer>${back}`, `the answer shows the question, then Back: ${context}`);
      }),
      runs(1500),
    );
  });

  test('card generation: ordinals ascending and in range, and every cloze card it asks for renders', () => {
    fc.assert(
      fc.property(fc.array(templateText, { minLength: 1, maxLength: 4 }), cardInput, (templates, input) => {
        const [fieldNames, values] = input.fields;
        const context = `${JSON.stringify(templates)} with ${JSON.stringify(input.fields)}`;
        const nonEmpty = nonEmptyFieldNames(fieldNames, values);
        const parsed = templates.map((text) => tryParseTemplate(text));
        const ords = templatesToGenerate(parsed, nonEmpty, { hasTags: input.tags.length > 0 });
        assert.deepEqual(ords, [...new Set(ords)].sort((a, b) => a - b), `templatesToGenerate ascending: ${context}`);
        for (const ord of ords) {
          const template = parsed[ord];
          assert.ok(template !== null && template !== undefined, `a card for a template that does not parse: ${context}`);
          assert.ok(rendersWithFields(template, nonEmpty, { hasTags: input.tags.length > 0 }), context);
        }
        const clozeOrds = clozeOrdsToGenerate(values);
        assert.deepEqual(clozeOrds, [...new Set(clozeOrds)].sort((a, b) => a - b), `clozeOrdsToGenerate ascending: ${context}`);
        const numbers = clozeNumbersInFields(values);
        for (const ord of clozeOrds) {
          assert.ok(Number.isInteger(ord) && ord >= 0 && ord <= MAX_CLOZE_CARD_ORD, `cloze ord ${ord} out of range: ${context}`);
          if (ord === MAX_CLOZE_CARD_ORD) continue;
          assert.ok(numbers.has(ord + 1), context);
          const card = renderCard({
            questionTemplate: '{{cloze:Text}}',
            answerTemplate: '{{cloze:Text}}',
            fields: fieldMap({ ...input, cardOrd: ord }),
            cardOrd: ord,
            isCloze: true,
            css: '',
            latexSvg: false,
          });
          assert.notEqual(card.status, 'blank', `cloze card ${ord + 1} that card generation asks for is blank: ${context}`);
        }
      }),
      runs(1000),
    );
  });
});
