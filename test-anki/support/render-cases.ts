/**
 * Template and cloze edge cases for the rendering comparison (render.test.ts): note types made
 * with the server's createModel, notes added through its addNote, and the templates that Anki's
 * own save checks refuse, which real Anki then stores unchecked (the driver's
 * setTemplatesUnchecked), as old Ankis and AnkiDroid left them in real collections.
 */

export interface ModelCase {
  modelName: string;
  inOrderFields: string[];
  isCloze?: boolean;
  css?: string;
  cardTemplates: { Name: string; Front: string; Back: string }[];
}

export interface NoteCase {
  modelName: string;
  deckName: string;
  fields: Record<string, string>;
  tags?: string[];
  /** Fields set once every note has its cards: a front or a deletion can go missing later. */
  later?: Record<string, string>;
}

const CSS = '.card { font-family: serif; }\n.cloze { color: red; }\n';

/** A field name with non-ASCII letters and a space, to check lookups by name. */
export const UNICODE_FIELD = 'Ünïcødé 名前';

export const DECKS = ['Edge', 'Edge::Sub deck::Leaf', 'Édition::日本語'];

/** A note type whose templates between them use every special field, filter and conditional. */
const standard: ModelCase = {
  modelName: 'Edge standard',
  inOrderFields: ['Front', 'Back', 'Extra', UNICODE_FIELD, 'Empty', 'Blankish', 'Audio', 'Reading'],
  css: CSS,
  cardTemplates: [
    {
      Name: 'Conditionals',
      Front:
        '{{Front}}{{#Extra}}<i>{{Extra}}</i>{{/Extra}}{{^Empty}}[empty is empty]{{/Empty}}' +
        '{{#Blankish}}[blankish shown]{{/Blankish}}{{^Blankish}}[blankish empty]{{/Blankish}}' +
        '{{#Tags}}[tagged]{{/Tags}}{{#CardFlag}}[flag]{{/CardFlag}}{{#c1}}[c1]{{/c1}}{{^c2}}[not c2]{{/c2}}',
      Back:
        '{{FrontSide}}<hr id=answer>{{Back}}|{{Tags}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{Type}}|{{CardFlag}}|' +
        `{{${UNICODE_FIELD}}}|{{#${UNICODE_FIELD}}}[unicode]{{/${UNICODE_FIELD}}}`,
    },
    {
      Name: 'Filters',
      Front:
        '{{text:Front}}|{{hint:Back}}|{{furigana:Reading}}|{{kana:Reading}}|{{kanji:Reading}}|' +
        '{{tts en_US:Front}}|{{tts ja_JP voices=Apple_Otoya,Microsoft_Haruka speed=0.8:Reading}}|' +
        '{{text:hint:Extra}}|{{hint:text:Extra}}|{{kana:furigana:Reading}}|{{::Front}}|{{ Front }}|{{{Front}}}|' +
        '{{unknownfilter:Front}}|{{text:unknownfilter:Back}}|{{tts-voices:}}|{{type:Back}}',
      Back: '{{FrontSide}}<hr id=answer>{{type:Back}}|{{type:text:Back}}|{{hint:Empty}}|{{text:Audio}}',
    },
    {
      Name: 'Sounds',
      Front: '{{Audio}}[sound:front side.mp3]{{tts fr_FR:Back}}<!-- {{Nope}} [sound:in comment.mp3] -->',
      Back: '{{FrontSide}}<hr id=answer>{{Audio}}[sound:back.ogg]{{Back}}',
    },
    {
      Name: 'Cloze filters',
      Front: '{{cloze:Front}}|{{cloze-only:Front}}|{{cloze:Extra}}|{{type:cloze:Front}}',
      Back: '{{cloze:Front}}|{{cloze-only:Front}}|{{type:nc:Front}}',
    },
    {
      Name: 'LaTeX',
      Front: '[latex]x^2 + {{Front}}[/latex] [$]\\alpha<br>\\beta[/$] [$$]\\sum_{i=1}^n i[/$$]',
      Back: '{{FrontSide}}<hr id=answer>[LaTeX]{{Back}}[/LATEX] {{Extra}}',
    },
  ],
};

/** Filled in later, unchecked (see `UNCHECKED_TEMPLATES`): each starts valid. */
const broken: ModelCase = {
  modelName: 'Edge broken',
  inOrderFields: ['Front', 'Back'],
  css: CSS,
  cardTemplates: [
    'Missing field',
    'Missing conditional',
    'Unclosed',
    'Not open',
    'Wrong close',
    'Filtered missing',
    'Specials only',
    'FrontSide on the front',
    'NFD name',
    'Spaced filter',
    'Empty field name',
    'Blank front, broken back',
    'Both broken',
  ].map(
    (name) => ({ Name: name, Front: `{{Front}}<!--${name}-->`, Back: '{{Back}}' }),
  ),
};

/** The broken templates, as they are stored unchecked once the notes have their cards. */
export const UNCHECKED_TEMPLATES: { modelName: string; templates: Record<string, { Front?: string; Back?: string }> }[] = [
  {
    modelName: 'Edge broken',
    templates: {
      'Missing field': { Front: '{{Front}} {{Nope}}' },
      'Missing conditional': { Back: '{{Back}}{{#Nope}}x{{/Nope}}' },
      Unclosed: { Front: '{{#Front}}{{Front}}' },
      'Not open': { Back: '{{Back}}{{/Front}}' },
      'Wrong close': { Front: '{{#Front}}{{^Back}}{{/Front}}{{/Back}}' },
      'Filtered missing': { Front: '{{Front}}', Back: '{{text:hint:Nöpe}}' },
      // Stored unchecked because the server's createModel still refuses {{CardID}}, which Anki's
      // checks accept since 25.07 (src/notetypes/checks.ts lacks it among the special fields).
      'Specials only': { Front: '{{Tags}}{{Card}}', Back: '{{FrontSide}}|{{Deck}}|{{CardID}}|{{#CardID}}[id]{{/CardID}}' },
      'FrontSide on the front': { Front: '[{{FrontSide}}]{{Front}}', Back: '{{text:FrontSide}}' },
      'NFD name': { Front: `{{Front}}{{${UNICODE_FIELD.normalize('NFD')}}}` },
      'Spaced filter': { Front: '{{Front}}{{text: Front}}' },
      'Empty field name': { Front: '{{Front}}{{}}{{ }}' },
      // A blank front hides the back's error: Anki does not render the back then.
      'Blank front, broken back': { Front: '{{Back}}', Back: '{{Nope}}' },
      // The front's error is the one shown.
      'Both broken': { Front: '{{#Front}}', Back: '{{Nope}}' },
    },
  },
  {
    // A cloze note type whose front has no cloze replacement.
    modelName: 'Edge cloze 2',
    templates: { Cloze: { Front: '{{Text}}', Back: '{{cloze:Text}}' } },
  },
  {
    modelName: 'Edge cloze 3',
    templates: { Cloze: { Back: '{{cloze:Text}}|{{#c1}}[c1]{{/c1}}{{#c+2}}[c+2]{{/c+2}}{{#c02}}[c02]{{/c02}}|{{c1}}' } },
  },
];

const cloze: ModelCase = {
  modelName: 'Edge cloze',
  isCloze: true,
  inOrderFields: ['Text', 'Extra', 'Text2'],
  css: CSS,
  cardTemplates: [
    {
      Name: 'Cloze',
      Front: '{{cloze:Text}}|{{cloze:Text2}}|{{#c2}}[c2]{{/c2}}{{^c3}}[no c3]{{/c3}}|{{type:cloze:Text}}',
      Back:
        '{{cloze:Text}}|{{cloze:Text2}}|{{cloze-only:Text}}<br>{{Extra}}|{{type:cloze:Text}}|{{text:cloze:Text}}|' +
        '{{furigana:cloze:Text}}|{{tts en_US voices=Apple_Samantha speed=1.2:cloze:Text}}|{{hint:cloze-only:Text}}',
    },
  ],
};

const cloze2: ModelCase = {
  modelName: 'Edge cloze 2',
  isCloze: true,
  inOrderFields: ['Text'],
  cardTemplates: [{ Name: 'Cloze', Front: '{{cloze:Text}}', Back: '{{cloze:Text}}' }],
};

/** `{{cloze:…}}` behind a conditional, and `{{c1}}` (a field only on card 1), stored unchecked. */
const cloze3: ModelCase = {
  modelName: 'Edge cloze 3',
  isCloze: true,
  inOrderFields: ['Text', 'Gate'],
  cardTemplates: [{ Name: 'Cloze', Front: '{{#Gate}}{{cloze:Text}}{{/Gate}}', Back: '{{cloze:Text}}' }],
};

/** Note fields named like special fields: the note's value wins. */
const shadowing: ModelCase = {
  modelName: 'Edge shadowing',
  inOrderFields: ['Front', 'Tags', 'Deck', 'Card'],
  cardTemplates: [
    { Name: 'Shadowed', Front: '{{Front}}|{{Tags}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{Type}}', Back: '{{FrontSide}}|{{#Tags}}t{{/Tags}}' },
  ],
};

export const MODELS: ModelCase[] = [standard, broken, cloze, cloze2, cloze3, shadowing];

const BLANKISH = [' ', '<br>', '<div></div>', '&nbsp;', '\n', '<div><br /></div>', '<b> </b>', '<!-- -->'];

function standardNotes(): NoteCase[] {
  const notes: NoteCase[] = [];
  const values: NoteCase['fields'][] = [
    { Front: 'plain', Back: 'back <b>bold</b>' },
    { Front: 'with extra', Back: 'b', Extra: '<span style="color: red">extra</span> &amp; more' },
    { Front: 'x', Back: 'y', [UNICODE_FIELD]: 'ünï 名前' },
    { Front: 'sounds', Back: 'b', Audio: '[sound:a.mp3] text [sound:b c.mp3]' },
    { Front: 'odd sounds', Back: '[sound:] [sound:a]b.mp3] [SOUND:upper.mp3]', Audio: '[anki:tts lang=en_US voices=x]hello[/anki:tts][sound:ok.mp3]' },
    { Front: 'ruby', Back: 'b', Reading: '日本[にほん] 語[ご]&nbsp;漢字[かんじ] [sound:x.mp3] no[reading' },
    { Front: 'ruby 2', Back: 'b', Reading: '<b>日本</b>[にほん] [にほん] 日本[] a[b]c[d] 日本[に\nほん] x[y]z' },
    { Front: 'hint <i>italic</i>', Back: '<br>', Extra: 'hint me' },
    { Front: 'entities &lt;b&gt; &#x41;&#65; &amp;nbsp; &nbsp;<br>line', Back: 'b', Extra: '<div>a</div><div>b</div>' },
    { Front: 'a bad &unknown; entity keeps &amp; as it is', Back: '&lt;', Extra: '<style>.x{}</style><script>alert(1)</script>seen<!-- not -->' },
    { Front: 'latex odds', Back: '[latex]a<br />b<br/>c<br>d<div>e</div>[/latex] [latex][/latex] [$][$$]x[/$$][/$] [$$]\\[/$$]' },
    { Front: 'tts tags', Back: 'b', Audio: '[anki:tts lang=ja_JP]日本[/anki:tts] [anki:tts]no options[/anki:tts] [anki:tts lang=en_US]unclosed' },
    { Front: '{{Front}} {{#x}} literal braces', Back: '{{/x}}' },
    { Front: '\\(x^{2} <b>y</b>\\) $x$', Back: '[$]inline[/$] [latex]a<div>b</div>[/latex]', Extra: '[$$]\\frac{1}{2}[/$$]' },
    { Front: '<img src="pic.png"> image', Back: '<a href="https://example.com">link</a>' },
    { Front: 'tts "quotes" & <tags>', Back: "it's" },
    { Front: 'isolate \u2068marks\u2069 in a field', Back: 'b' },
    { Front: 'later blank', Back: 'b' },
  ];
  for (const [i, fields] of values.entries()) {
    const later = fields['Front'] === 'later blank' ? { Front: '' } : undefined;
    notes.push({
      modelName: 'Edge standard',
      deckName: DECKS[i % DECKS.length]!,
      fields,
      tags: i % 2 === 0 ? ['edge', `t${i}`, 'Ünïcødé::tag'] : [],
      ...(later === undefined ? {} : { later }),
    });
  }
  for (const blank of BLANKISH) {
    notes.push({ modelName: 'Edge standard', deckName: 'Edge', fields: { Front: 'blankish', Back: 'b', Blankish: blank } });
  }
  return notes;
}

/** Cloze texts, each a note of `Edge cloze` (with `Text2` and `Extra` sometimes set). */
export const CLOZE_TEXTS: string[] = [
  '{{c1::simple}} text',
  '{{c1::outer {{c2::inner}} end}}',
  '{{c1::a {{c1::same number}} b}}',
  '{{c1::outer {{c2::middle {{c3::inner::innerhint}} m}}::outerhint}}',
  '{{c1::Paris::capital}} of {{c2::France::country}}',
  '{{c1::empty hint::}} and {{c2::two colons::a::b}}',
  '{{c1,2::both}} {{c3::three}} {{c2,3::two and three}}',
  '{{c10::ten}} and {{c2::two}}',
  '<b>{{c1::bold}}</b> <span class="x">{{c2::<i>italic</i>}}</span>',
  '<a href="https://example.com/{{c1::path}}">link</a> {{c2::x}}',
  '<img src="pic.png" alt="{{c1::alt text}}"> {{c2::y}}',
  '{{c1::}} empty, {{c2:: }} blank',
  '{{c1:not a cloze}} {{c2::real}} }}stray {{c3::unclosed',
  '{{c1::<br>}} {{c2::&nbsp;}}',
  '\\({{c1::x^2}}\\) and \\[{{c2::<b>bold</b> y}}\\] and {{c3::\\(a<br>b\\)}}',
  '{{c1::sound [sound:cloze.mp3]}} {{c2::[$]x[/$]}}',
  '{{c1::line1<br>line2}}\n{{c2::multi\nline}}',
  '{{c1::"quotes" & <tags> \'apos\'}}',
  '{{c2::only two}}',
  '{{C1::upper}} {{c1::lower}}',
  '{{c1::a}}{{c1::b}}{{c1::c::h}}',
  '{{c0::zero}} {{c1::one}}',
  '{{c65536::too big}} {{c1::one}}',
  '{{c1::日本[にほん]語}}',
  '{{c1::{{c2::{{c3::{{c4::{{c5::{{c6::{{c7::{{c8::{{c9::{{c10::{{c11::{{c12::deep}}}}}}}}}}}}}}}}}}}}}}}}',
  '{{c1::x}}} {{{c2::y}}',
  '<!-- {{c1::in a comment}} --> {{c2::outside}}',
  '{{c1::<span class="cloze">fake</span>}} {{c2::[[type:Text]]}}',
  '{{c1::a::<b>html hint</b>}} {{c2::b::hint with }} braces}}',
];

/** Later edits of some cloze notes, by index in `CLOZE_TEXTS`. */
const CLOZE_LATER = new Map<number, Record<string, string>>([
  // Card 1 loses its deletion.
  [0, { Text: 'no deletions now' }],
  // Card 2's deletion moves to a field the template does not cloze: Anki still finds it.
  [1, { Text: '{{c1::only one}}', Extra: '{{c2::in extra}}' }],
]);

function clozeNotes(): NoteCase[] {
  return CLOZE_TEXTS.map((text, i) => {
    const later = CLOZE_LATER.get(i);
    return {
      modelName: 'Edge cloze',
      deckName: DECKS[i % DECKS.length]!,
      fields: {
        Text: text,
        Extra: i % 3 === 0 ? 'extra [sound:e.mp3]' : '',
        Text2: i % 4 === 0 ? '{{c2::from text2}} {{c5::five}}' : '',
      },
      tags: i % 5 === 0 ? ['cloze::edge'] : [],
      ...(later === undefined ? {} : { later }),
    };
  });
}

/** Image occlusion shapes (stock note type), odd properties included. */
const OCCLUSIONS: string[] = [
  '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=0}}',
  '{{c1::image-occlusion:polygon:points=0,0 1,1 bad 2,2:angle=30}}{{c1,2::image-occlusion:text:left=.2:top=.3:text=a\\:b & <c>:fs=0.05:scale=1}}',
  '{{c0::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}{{c1::image-occlusion:star:left=.1:unknown=1:fill=#ff0000}}',
  '{{c1::image-occlusion:rect:left=:top=.1}}{{c2::image-occlusion:}}{{c3::image-occlusion:rect}}{{c4::plain text, not a shape}}',
];

function occlusionNotes(): NoteCase[] {
  return OCCLUSIONS.map((occlusion, i) => ({
    modelName: 'Image Occlusion',
    deckName: 'Edge',
    fields: { Occlusion: occlusion, Image: `<img src="occluded${i}.png">`, Header: i === 0 ? 'header' : '', 'Back Extra': '', Comments: 'c' },
  }));
}

export function edgeNotes(): NoteCase[] {
  return [
    ...standardNotes(),
    ...clozeNotes(),
    ...occlusionNotes(),
    { modelName: 'Edge broken', deckName: 'Edge', fields: { Front: 'broken', Back: 'back' }, tags: ['b'] },
    { modelName: 'Edge broken', deckName: 'Edge::Sub deck::Leaf', fields: { Front: 'broken 2', Back: '' } },
    { modelName: 'Edge cloze 2', deckName: 'Edge', fields: { Text: '{{c1::one}} {{c2::two}}' } },
    { modelName: 'Edge cloze 3', deckName: 'Edge', fields: { Text: '{{c1::one}} {{c2::two}}', Gate: 'open' } },
    { modelName: 'Edge cloze 3', deckName: 'Édition::日本語', fields: { Text: '{{c1::one}} {{c2::two}}', Gate: '' } },
    { modelName: 'Edge shadowing', deckName: 'Edge', fields: { Front: 'f', Tags: 'my tags', Deck: '', Card: 'my card' }, tags: ['real'] },
  ];
}

/**
 * Notes that Anki-Connect's addNote refuses (no deletion in a cloze note, deletions in a
 * standard note, an empty front) but Anki itself stores, as its Add window or an import would:
 * added by real Anki.
 */
export const ANKI_ADDED_NOTES: NoteCase[] = [
  { modelName: 'Edge cloze', deckName: 'Edge', fields: { Text: 'No deletion at all', Extra: 'e' } },
  { modelName: 'Edge cloze', deckName: 'Edge', fields: { Text: '', Extra: '{{c3::only in extra}}' } },
  { modelName: 'Edge standard', deckName: 'Edge', fields: { Front: '{{c1::cloze}} in a {{c2::standard::hint}} note', Back: 'b', Extra: '{{c4::four}}' } },
  { modelName: 'Edge standard', deckName: 'Edge', fields: { Back: 'only a back' } },
];
