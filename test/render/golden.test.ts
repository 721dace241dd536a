// Golden tests: cards of the stock note types and cloze edge cases, added through the API and read
// back with cardsInfo. Every expected string is written out from anki-semantics.md §2 (templates,
// cloze HTML, play placeholders, LaTeX, messages), not produced by the renderer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { assertIntegrity } from '../support/collections.js';
import { newTestDispatcher, type TestDispatcher } from '../support/dispatch.js';
import { encodeDeckCommon, encodeDeckKind } from '../../src/decks/deck.js';
import { stockNotetypes } from '../../src/notetypes/stock.js';
import { fieldChecksum } from '../../src/text/index.js';
import {
  DeckCommonSchema,
  DeckKindSchema,
  FilteredDeckSchema,
  FilteredDeck_SearchTermSchema,
} from '../../src/storage/proto/gen/anki_storage/decks_pb.js';

// The stock CSS as Anki 26.9 stores it (anki-semantics.md §2.8; since 25.07 with a line height,
// except Image Occlusion's card style).
const CARD_CSS =
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    line-height: 1.5;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n';
const CLOZE_CSS = `${CARD_CSS}.cloze {\n    font-weight: bold;\n    color: blue;\n}\n.nightMode .cloze {\n    color: lightblue;\n}\n`;
const IO_CSS =
  '#image-occlusion-canvas {\n    --inactive-shape-color: #ffeba2;\n    --active-shape-color: #ff8e8e;\n' +
  '    --inactive-shape-border: 1px #212121;\n    --active-shape-border: 1px #212121;\n' +
  '    --highlight-shape-color: #ff8e8e00;\n    --highlight-shape-border: 1px #ff8e8e;\n}\n\n' +
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n';

const BLANK =
  "<div>The front of this card is blank.<br><a href='https://docs.ankiweb.net/templates/errors.html#front-of-card-is-blank'>More information</a></div>";
const missingCloze = (n: number): string =>
  `<div>No cloze ${n} found on card.\nPlease either add a cloze deletion, or use the Empty Cards tool.<br>` +
  "<a href='https://docs.ankiweb.net/templates/errors.html#no-cloze-filter-on-cloze-note-type'>More information</a></div>";

interface Info {
  cardId: number;
  ord: number;
  question: string;
  answer: string;
  deckName: string;
}

let d: TestDispatcher;

async function add(modelName: string, fields: Record<string, string>, deckName = 'Default', tags: string[] = []): Promise<number> {
  return (await d.call('addNote', { note: { deckName, modelName, fields, tags } })) as number;
}

/** The cards of a note, by ord, as cardsInfo reports them. */
async function cardsOf(noteId: number): Promise<Info[]> {
  const [note] = (await d.call('notesInfo', { notes: [noteId] })) as { cards: number[] }[];
  assert.ok(note !== undefined);
  return (await d.call('cardsInfo', { cards: note.cards })) as Info[];
}

function assertCard(card: Info | undefined, css: string, question: string, answer: string): void {
  assert.ok(card !== undefined, 'the card exists');
  assert.equal(card.question, `<style>${css}</style>${question}`);
  assert.equal(card.answer, `<style>${css}</style>${answer}`);
}

before(() => {
  d = newTestDispatcher();
});

after(() => {
  assertIntegrity(d.col);
  d.close();
});

void describe('golden: stock note types', () => {
  void it('Basic', async () => {
    const cards = await cardsOf(await add('Basic', { Front: 'Hello <b>world</b>', Back: 'Bonjour [sound:bonjour.mp3]' }));
    assert.equal(cards.length, 1);
    assertCard(
      cards[0],
      CARD_CSS,
      'Hello <b>world</b>',
      'Hello <b>world</b>\n\n<hr id=answer>\n\nBonjour [anki:play:a:0]',
    );
  });

  void it('Basic (and reversed card)', async () => {
    const cards = await cardsOf(await add('Basic (and reversed card)', { Front: '[sound:front.mp3] front', Back: 'back' }));
    assert.equal(cards.length, 2);
    assertCard(cards[0], CARD_CSS, '[anki:play:q:0] front', '[anki:play:q:0] front\n\n<hr id=answer>\n\nback');
    assertCard(cards[1], CARD_CSS, 'back', 'back\n\n<hr id=answer>\n\n[anki:play:a:0] front');
  });

  void it('Basic (optional reversed card)', async () => {
    const without = await cardsOf(await add('Basic (optional reversed card)', { Front: 'f1', Back: 'b1', 'Add Reverse': '' }));
    assert.equal(without.length, 1);
    const cards = await cardsOf(await add('Basic (optional reversed card)', { Front: 'f2', Back: 'b2', 'Add Reverse': 'y' }));
    assert.equal(cards.length, 2);
    assertCard(cards[0], CARD_CSS, 'f2', 'f2\n\n<hr id=answer>\n\nb2');
    assertCard(cards[1], CARD_CSS, 'b2', 'b2\n\n<hr id=answer>\n\nf2');
  });

  void it('Basic (type in the answer)', async () => {
    const cards = await cardsOf(await add('Basic (type in the answer)', { Front: 'Capital of France?', Back: 'Paris' }));
    assertCard(
      cards[0],
      CARD_CSS,
      'Capital of France?\n\n[[type:Back]]',
      'Capital of France?\n\n<hr id=answer>\n\n[[type:Back]]',
    );
  });

  void it('Cloze', async () => {
    const cards = await cardsOf(
      await add('Cloze', { Text: '{{c1::Canberra::city}} is the capital of {{c2::Australia}}.', 'Back Extra': 'geo' }),
    );
    assert.equal(cards.length, 2);
    assertCard(
      cards[0],
      CLOZE_CSS,
      '<span class="cloze" data-cloze="Canberra" data-ordinal="1">[city]</span> is the capital of ' +
        '<span class="cloze-inactive" data-ordinal="2">Australia</span>.',
      '<span class="cloze" data-ordinal="1">Canberra</span> is the capital of ' +
        '<span class="cloze-inactive" data-ordinal="2">Australia</span>.<br>\ngeo',
    );
    assertCard(
      cards[1],
      CLOZE_CSS,
      '<span class="cloze-inactive" data-ordinal="1">Canberra</span> is the capital of ' +
        '<span class="cloze" data-cloze="Australia" data-ordinal="2">[...]</span>.',
      '<span class="cloze-inactive" data-ordinal="1">Canberra</span> is the capital of ' +
        '<span class="cloze" data-ordinal="2">Australia</span>.<br>\ngeo',
    );
  });

  void it('Image Occlusion', async () => {
    const rect = 'image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1';
    const ellipse = 'image-occlusion:ellipse:left=.5:top=.5:width=.2:height=.1';
    const cards = await cardsOf(
      await add('Image Occlusion', {
        Occlusion: `{{c1::${rect}}}{{c2::${ellipse}}}`,
        Image: '<img src="x.png">',
        Header: '',
        'Back Extra': 'extra',
        Comments: '',
      }),
    );
    assert.equal(cards.length, 2);
    const rectData = 'data-shape="rect" data-left=".1" data-top=".2" data-width=".3" data-height=".4" data-occludeInactive="1" ';
    const ellipseData = 'data-shape="ellipse" data-left=".5" data-top=".5" data-width=".2" data-height=".1" ';
    const side = (occlusions: string): string =>
      '\n<div style="display: none">' +
      occlusions +
      '</div>\n<div id="err"></div>\n<div id="image-occlusion-container">\n    <img src="x.png">\n' +
      '    <canvas id="image-occlusion-canvas"></canvas>\n</div>\n<script>\ntry {\n    anki.imageOcclusion.setup();\n' +
      '} catch (exc) {\n    document.getElementById("err").innerHTML = `Error loading image occlusion. ' +
      'Is your Anki version up to date?<br><br>${exc}`;\n}\n</script>\n';
    const back = '\n<div><button id="toggle">Toggle Masks</button></div>\n<div>extra</div>\n';
    assertCard(
      cards[0],
      IO_CSS,
      side(`<div class="cloze" data-ordinal="1" ${rectData}></div><div class="cloze-inactive" data-ordinal="2" ${ellipseData}></div>`),
      side(`<div class="cloze-highlight" data-ordinal="1" ${rectData}></div><div class="cloze-inactive" data-ordinal="2" ${ellipseData}></div>`) +
        back,
    );
    assertCard(
      cards[1],
      IO_CSS,
      side(`<div class="cloze-inactive" data-ordinal="1" ${rectData}></div><div class="cloze" data-ordinal="2" ${ellipseData}></div>`),
      side(`<div class="cloze-inactive" data-ordinal="1" ${rectData}></div><div class="cloze-highlight" data-ordinal="2" ${ellipseData}></div>`) +
        back,
    );
  });

  void it('a blank front shows the blank-card message', async () => {
    const nid = await add('Basic (and reversed card)', { Front: 'blank front test', Back: 'present' });
    // Emptying the back later leaves card 2 in place with nothing on its front.
    d.col.db.prepare('update notes set flds = ? where id = ?').run('blank front test\x1f<div><br></div>', nid);
    const cards = await cardsOf(nid);
    assertCard(cards[1], CARD_CSS, `<div><br></div>${BLANK}`, BLANK);
  });

  void it('LaTeX becomes image links on both sides', async () => {
    const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');
    const cards = await cardsOf(await add('Basic', { Front: 'x = [$]\\frac{1}{2}[/$]', Back: '[latex]a<br>b[/latex]' }));
    const inline = `<img class=latex alt="&#x24;&#x5C;frac&#x7B;1&#x7D;&#x7B;2&#x7D;&#x24;" src="latex-${sha1('$\\frac{1}{2}$')}.png">`;
    const block = `<img class=latex alt="a&#x0A;b" src="latex-${sha1('a\nb')}.png">`;
    // Anki's default is not to generate LaTeX images, so a missing image gets its notice, once
    // per side (pylib latex.py).
    const notice = 'LaTeX image generation is disabled in the preferences.';
    assertCard(cards[0], CARD_CSS, `x = ${inline}${notice}`, `x = ${inline}\n\n<hr id=answer>\n\n${block}${notice}`);

    // With the images in the media folder there is nothing to say.
    for (const name of [`latex-${sha1('$\\frac{1}{2}$')}.png`, `latex-${sha1('a\nb')}.png`]) {
      await d.call('storeMediaFile', { filename: name, data: 'iVBORw==' });
    }
    const [withImages] = await d.call('cardsInfo', { cards: [cards[0]!.cardId] }) as Info[];
    assertCard(withImages, CARD_CSS, `x = ${inline}`, `x = ${inline}\n\n<hr id=answer>\n\n${block}`);
  });

  void it('a missing LaTeX image while generation is on: the link alone (nothing is compiled)', async () => {
    const cards = await cardsOf(await add('Basic', { Front: '[$]y[/$]', Back: '' }));
    const img = `<img class=latex alt="&#x24;y&#x24;" src="latex-${createHash('sha1').update('$y$', 'utf8').digest('hex')}.png">`;
    d.col.transact(() => d.col.config.set('renderLatex', true));
    try {
      const [card] = await d.call('cardsInfo', { cards: [cards[0]!.cardId] }) as Info[];
      assertCard(card, CARD_CSS, img, `${img}\n\n<hr id=answer>\n\n`);
    } finally {
      d.col.transact(() => d.col.config.set('renderLatex', false));
    }
  });
});

void describe('golden: cloze edge cases', () => {
  const encodedInner =
    'bar&#x20;&lt;span&#x20;class&#x3D;&quot;cloze&#x2D;inactive&quot;&#x20;data&#x2D;ordinal&#x3D;&quot;2&quot;&gt;baz&lt;&#x2F;span&gt;';

  void it('nested deletions with a hint', async () => {
    const cards = await cardsOf(await add('Cloze', { Text: 'foo {{c1::bar {{c2::baz}}::qux}}', 'Back Extra': '' }));
    assert.equal(cards.length, 2);
    assertCard(
      cards[0],
      CLOZE_CSS,
      `foo <span class="cloze" data-cloze="${encodedInner}" data-ordinal="1">[qux]</span>`,
      'foo <span class="cloze" data-ordinal="1">bar <span class="cloze-inactive" data-ordinal="2">baz</span></span><br>\n',
    );
    assertCard(
      cards[1],
      CLOZE_CSS,
      'foo <span class="cloze-inactive" data-ordinal="1">bar <span class="cloze" data-cloze="baz" data-ordinal="2">[...]</span></span>',
      'foo <span class="cloze-inactive" data-ordinal="1">bar <span class="cloze" data-ordinal="2">baz</span></span><br>\n',
    );
  });

  void it('hints, raw HTML in a hint, and two deletions of one number', async () => {
    const cards = await cardsOf(await add('Cloze', { Text: '{{c1::Paris::capital}}, {{c1::Rome::<i>capital</i>}}', 'Back Extra': '' }));
    assert.equal(cards.length, 1);
    assertCard(
      cards[0],
      CLOZE_CSS,
      '<span class="cloze" data-cloze="Paris" data-ordinal="1">[capital]</span>, ' +
        '<span class="cloze" data-cloze="Rome" data-ordinal="1">[<i>capital</i>]</span>',
      '<span class="cloze" data-ordinal="1">Paris</span>, <span class="cloze" data-ordinal="1">Rome</span><br>\n',
    );
  });

  void it('c1,2: one deletion on two cards', async () => {
    const cards = await cardsOf(await add('Cloze', { Text: '{{c1,2::shared}} and {{c2::two}}', 'Back Extra': '' }));
    assert.equal(cards.length, 2);
    assertCard(
      cards[0],
      CLOZE_CSS,
      '<span class="cloze" data-cloze="shared" data-ordinal="1,2">[...]</span> and <span class="cloze-inactive" data-ordinal="2">two</span>',
      '<span class="cloze" data-ordinal="1,2">shared</span> and <span class="cloze-inactive" data-ordinal="2">two</span><br>\n',
    );
    assertCard(
      cards[1],
      CLOZE_CSS,
      '<span class="cloze" data-cloze="shared" data-ordinal="1,2">[...]</span> and <span class="cloze" data-cloze="two" data-ordinal="2">[...]</span>',
      '<span class="cloze" data-ordinal="1,2">shared</span> and <span class="cloze" data-ordinal="2">two</span><br>\n',
    );
  });

  void it('several numbers with gaps', async () => {
    const cards = await cardsOf(await add('Cloze', { Text: '{{c1::a}} {{c3::b}} {{c10::c}}', 'Back Extra': 'x' }));
    assert.deepEqual(
      cards.map((card) => card.ord),
      [0, 2, 9],
    );
    assertCard(
      cards[1],
      CLOZE_CSS,
      '<span class="cloze-inactive" data-ordinal="1">a</span> <span class="cloze" data-cloze="b" data-ordinal="3">[...]</span> ' +
        '<span class="cloze-inactive" data-ordinal="10">c</span>',
      '<span class="cloze-inactive" data-ordinal="1">a</span> <span class="cloze" data-ordinal="3">b</span> ' +
        '<span class="cloze-inactive" data-ordinal="10">c</span><br>\nx',
    );
  });

  void it('a deletion outside the cloze field, then a cloze number missing from the note', async () => {
    const nid = await add('Cloze', { Text: '{{c1::a}} {{c2::b}}', 'Back Extra': '' });
    assert.equal((await cardsOf(nid)).length, 2);
    // Edited behind Anki-Connect's back (addNote refuses a deletion outside the cloze field): the
    // first field changes, so its checksum and sort field follow.
    const setFields = (text: string, backExtra: string): void => {
      d.col.db
        .prepare('update notes set flds = ?, sfld = ?, csum = ? where id = ?')
        .run(`${text}\x1f${backExtra}`, text, fieldChecksum(text), nid);
    };
    setFields('{{c1::a}}', '{{c2::b}}');
    let cards = await cardsOf(nid);
    // Card 2 still has its number, in Back Extra, which the template shows without the cloze filter.
    assertCard(cards[1], CLOZE_CSS, '', '<br>\n{{c2::b}}');
    setFields('{{c1::a}}', '');
    cards = await cardsOf(nid);
    assertCard(cards[1], CLOZE_CSS, missingCloze(2), missingCloze(2));
    assertCard(
      cards[0],
      CLOZE_CSS,
      '<span class="cloze" data-cloze="a" data-ordinal="1">[...]</span>',
      '<span class="cloze" data-ordinal="1">a</span><br>\n',
    );
  });
});

void describe('golden: special fields, filters and the home deck', () => {
  void it('renders Tags, Type, Deck, Subdeck, CardFlag, Card, CardID, cN and filters', async () => {
    const [basic] = stockNotetypes();
    assert.ok(basic !== undefined);
    const [front, back] = basic.fields;
    const [template] = basic.templates;
    assert.ok(front !== undefined && back !== undefined && template !== undefined);
    template.name = 'Main';
    template.config.qFormat =
      '{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{CardFlag}}|{{Card}}|{{CardID}}|{{#c1}}c1{{/c1}}{{^c2}}!c2{{/c2}}|' +
      '{{kana:Front}}|{{tts en_US:Front}}<!-- {{Nope}} -->';
    template.config.aFormat = '{{FrontSide}}<hr>{{hint:field}}{{text:Front}}';
    back.name = 'field';
    d.col.transact(() => d.col.notetypes.add({ ...basic, name: 'Specials' }));

    await d.call('createDeck', { deck: 'Lang::Japanese' });
    const nid = await add('Specials', { Front: '<b>日本[にほん]</b>', field: 'foo' }, 'Lang::Japanese', ['alpha', 'zeta::one']);
    const [card] = await cardsOf(nid);
    assert.ok(card !== undefined);

    // Move the card into a filtered deck and flag it: Deck stays the home deck.
    const filteredId = 1_700_000_000_000;
    const kind = create(DeckKindSchema, {
      kind: {
        case: 'filtered',
        value: create(FilteredDeckSchema, {
          reschedule: true,
          searchTerms: [create(FilteredDeck_SearchTermSchema, { search: 'deck:Lang', limit: 100 })],
        }),
      },
    });
    d.col.db
      .prepare('insert into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
      .run(filteredId, 'Filtered', d.col.nowSecs(), -1, encodeDeckCommon(create(DeckCommonSchema, {})), encodeDeckKind(kind));
    d.col.db.prepare('update cards set odid = did, did = ?, odue = due, flags = 2 where id = ?').run(filteredId, card.cardId);

    const [moved] = (await d.call('cardsInfo', { cards: [card.cardId] })) as Info[];
    assert.ok(moved !== undefined);
    assert.equal(moved.deckName, 'Filtered');
    const question = `alpha zeta::one|Specials|Lang::Japanese|Japanese|flag2|Main|${card.cardId}|c1!c2|<b>にほん</b>|[anki:play:q:0]<!-- {{Nope}} -->`;
    const hint =
      '\n<a class=hint href="#"\n' +
      "onclick=\"this.style.display='none';\n" +
      "document.getElementById('hint83fe48607f0f3a66').style.display='block';\n" +
      'return false;" draggable=false>\n' +
      'field</a>\n' +
      '<div id="hint83fe48607f0f3a66" class=hint style="display: none">foo</div>\n';
    assertCard(moved, CARD_CSS, question, `${question}<hr>${hint}日本[にほん]`);
  });
});
