/**
 * Groups of the server's writing actions, as clients send them, for "written by the server, read
 * by Anki": after each group real Anki opens the collection, finds nothing to repair, and reads
 * what the server says it wrote. Each group returns the notes and cards it touched, which the
 * comparison then reads closely. The groups run one after another on the same collection.
 */
import assert from 'node:assert/strict';
import type { Focus } from './read-surface.js';
import type { OurServer } from './server.js';

export interface ActionGroup {
  name: string;
  run(server: OurServer): Promise<Focus>;
}

// A 1x1 PNG, as clients send pictures.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const ids = (value: unknown): number[] => value as number[];

async function cardsOf(server: OurServer, query: string, max: number): Promise<number[]> {
  return ids(await server.call('findCards', { query })).slice(0, max);
}

async function notesOf(server: OurServer, query: string, max: number): Promise<number[]> {
  return ids(await server.call('findNotes', { query })).slice(0, max);
}

const note = (deckName: string, modelName: string, fields: Record<string, string>, tags: string[] = []) => ({
  deckName,
  modelName,
  fields,
  tags,
});

export const ACTION_GROUPS: ActionGroup[] = [
  {
    name: 'adding notes of every stock note type, with media',
    async run(server) {
      await server.call('createDeck', { deck: 'Reference::Added' });
      const added = (await server.call('addNotes', {
          notes: [
            note('Reference::Added', 'Basic', { Front: 'ref <b>front</b>', Back: 'back' }, ['ref', 'ref::child']),
            note('Reference::Added', 'Basic (and reversed card)', { Front: 'Straße', Back: 'street' }, ['Deutsch']),
            note('Reference::Added', 'Basic (optional reversed card)', { Front: 'opt', Back: 'rev', 'Add Reverse': 'y' }),
            note('Reference::Added', 'Basic (optional reversed card)', { Front: 'opt only', Back: 'x' }),
            note('Reference::Added', 'Basic (type in the answer)', { Front: 'type', Back: 'typed' }),
            note('Reference::Added', 'Cloze', { Text: '{{c1::one}} {{c2::two::hint}} {{c3::{{c4::nested}} three}}', 'Back Extra': 'x' }),
            note('Reference::Added', 'Image Occlusion', {
              Occlusion: '{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:oi=1}}{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.1:oi=1}}',
              Image: '<img src="occluded.png">',
              Header: 'header',
              'Back Extra': '',
              Comments: '',
            }),
            // A duplicate of the first note: refused, the others are kept.
            note('Reference::Added', 'Basic', { Front: 'ref <b>front</b>', Back: 'again' }),
            note('Default', 'Basic', { Front: ' spaced  café ', Back: '&nbsp;<br>' }, ['日本語', 'UPPER']),
          ],
        })) as (number | null)[];
      const withMedia = (await server.call('addNote', {
        note: {
          ...note('Reference::Added', 'Basic', { Front: 'with picture', Back: '' }),
          picture: [{ data: PNG, filename: 'ref-picture.png', fields: ['Back'] }],
          audio: { data: Buffer.from('ID3 fake').toString('base64'), filename: 'ref sound.mp3', fields: ['Front'] },
        },
      })) as number;
      await server.call('storeMediaFile', { filename: 'occluded.png', data: PNG });
      const notes = [...added.filter((id) => id !== null), withMedia];
      assert.equal(added.filter((id) => id === null).length, 1, 'the duplicate is refused');
      return { notes, cards: ids(await server.call('findCards', { query: `nid:${notes.join(',')}` })) };
    },
  },
  {
    name: 'editing notes: fields, tags, note type',
    async run(server) {
      const [a, b, c, d] = await notesOf(server, 'note:Basic', 4);
      await server.call('updateNoteFields', { note: { id: a, fields: { Front: 'edited <i>front</i>', Back: 'edited back' } } });
      await server.call('updateNote', { note: { id: b, fields: { Back: 'via updateNote' }, tags: ['updated', 'Tag::Child'] } });
      await server.call('updateNoteTags', { note: c, tags: ['only-this'] });
      await server.call('updateNoteModel', { note: { id: d, modelName: 'Basic (and reversed card)', fields: { Front: 'moved', Back: 'to reversed' } } });
      const [cloze] = await notesOf(server, 'note:Cloze', 1);
      // A new cloze number makes a new card.
      await server.call('updateNoteFields', { note: { id: cloze, fields: { Text: '{{c1::a}} {{c2::b}} {{c7::seven}}' } } });
      const notes = [a!, b!, c!, d!, cloze!];
      return { notes, cards: ids(await server.call('findCards', { query: `nid:${notes.join(',')}` })) };
    },
  },
  {
    name: 'deleting notes',
    async run(server) {
      const doomed = await notesOf(server, 'is:review', 15);
      await server.call('deleteNotes', { notes: doomed });
      const [emptied] = await notesOf(server, 'note:Basic', 1);
      await server.call('updateNoteFields', { note: { id: emptied, fields: { Front: '', Back: '<br>' } } });
      await server.call('removeEmptyNotes');
      return { notes: [...doomed, emptied!] };
    },
  },
  {
    name: 'note types: create, templates, styling, fields',
    async run(server) {
      await server.call('createModel', {
        modelName: 'Reference vocab',
        inOrderFields: ['Word', 'Meaning', 'Example'],
        css: '.card { color: navy; }',
        cardTemplates: [
          { Name: 'Recognise', Front: '{{Word}}', Back: '{{FrontSide}}<hr id=answer>{{Meaning}}' },
          { Name: 'Recall', Front: '{{#Meaning}}{{Meaning}}{{/Meaning}}', Back: '{{FrontSide}}<hr id=answer>{{Word}}' },
        ],
      });
      await server.call('createModel', {
        modelName: 'Reference cloze',
        inOrderFields: ['Text', 'Notes'],
        isCloze: true,
        cardTemplates: [{ Name: 'Cloze', Front: '{{cloze:Text}}', Back: '{{cloze:Text}}<br>{{Notes}}' }],
      });
      const vocab = ids(
        await server.call('addNotes', {
          notes: [1, 2, 3].map((i) => note('Default', 'Reference vocab', { Word: `word${i}`, Meaning: i === 2 ? '' : `meaning ${i}`, Example: 'ex' })),
        }),
      );
      const cloze = (await server.call('addNote', { note: note('Default', 'Reference cloze', { Text: '{{c1::x}} {{c2::y}}', Notes: '' }) })) as number;
      await server.call('updateModelTemplates', { model: { name: 'Reference vocab', templates: { Recognise: { Front: '<b>{{Word}}</b>' } } } });
      await server.call('updateModelStyling', { model: { name: 'Reference vocab', css: '.card { color: teal; }' } });
      await server.call('findAndReplaceInModels', { modelName: 'Reference vocab', findText: 'teal', replaceText: 'olive', front: true, back: true, css: true });
      await server.call('modelTemplateAdd', { modelName: 'Reference vocab', template: { Name: 'Example', Front: '{{Example}}', Back: '{{Word}}' } });
      await server.call('modelTemplateRename', { modelName: 'Reference vocab', oldTemplateName: 'Recall', newTemplateName: 'Produce' });
      await server.call('modelTemplateReposition', { modelName: 'Reference vocab', templateName: 'Example', index: 0 });
      await server.call('modelFieldAdd', { modelName: 'Reference vocab', fieldName: 'Audio', index: 1 });
      await server.call('modelFieldRename', { modelName: 'Reference vocab', oldFieldName: 'Meaning', newFieldName: 'Gloss' });
      await server.call('modelFieldReposition', { modelName: 'Reference vocab', fieldName: 'Example', index: 0 });
      await server.call('modelFieldSetFont', { modelName: 'Reference vocab', fieldName: 'Word', font: 'Noto Serif' });
      await server.call('modelFieldSetFontSize', { modelName: 'Reference vocab', fieldName: 'Word', fontSize: 32 });
      await server.call('modelFieldSetDescription', { modelName: 'Reference vocab', fieldName: 'Gloss', description: 'in English' });
      await server.call('modelTemplateRemove', { modelName: 'Reference vocab', templateName: 'Produce' });
      await server.call('modelFieldRemove', { modelName: 'Reference vocab', fieldName: 'Audio' });
      await server.call('modelFieldAdd', { modelName: 'Reference cloze', fieldName: 'Source' });
      const notes = [...vocab, cloze];
      return { notes, cards: ids(await server.call('findCards', { query: `nid:${notes.join(',')}` })) };
    },
  },
  {
    name: 'decks: create, move cards, delete',
    async run(server) {
      await server.call('createDeck', { deck: 'Reference::Sub::Deep' });
      await server.call('createDeck', { deck: 'Reference::Ünïcode 日本' });
      const moved = await cardsOf(server, 'is:new', 10);
      await server.call('changeDeck', { cards: moved, deck: 'Reference::Sub::Deep' });
      const review = await cardsOf(server, 'is:review -is:suspended', 5);
      // changeDeck creates a deck that does not exist yet.
      await server.call('changeDeck', { cards: review, deck: 'Reference::Made by changeDeck' });
      await server.call('createDeck', { deck: 'Reference::Doomed::Child' });
      // Whole notes: a note that kept cards elsewhere would lack the deleted ones, as in Anki
      // (deck-deletion.test.ts compares that case with Anki's own deletion).
      const doomedNotes = await notesOf(server, 'is:learn', 4);
      const doomed = ids(await server.call('findCards', { query: `nid:${doomedNotes.join(',')}` }));
      await server.call('changeDeck', { cards: doomed, deck: 'Reference::Doomed::Child' });
      await server.call('deleteDecks', { decks: ['Reference::Doomed'], cardsToo: true });
      return { cards: [...moved, ...review] };
    },
  },
  {
    name: 'deck options presets',
    async run(server) {
      const id = (await server.call('cloneDeckConfigId', { name: 'Reference preset', cloneFrom: 1 })) as number;
      const config = (await server.call('getDeckConfig', { deck: 'Default' })) as Record<string, Record<string, unknown>>;
      const changed = {
        ...config,
        id,
        name: 'Reference preset',
        new: { ...config['new'], perDay: 33, delays: [2, 15, 120], ints: [2, 5, 0] },
        rev: { ...config['rev'], perDay: 321, maxIvl: 4000, ease4: 1.5 },
        lapse: { ...config['lapse'], delays: [20], leechFails: 6, leechAction: 0 },
      };
      await server.call('saveDeckConfig', { config: changed });
      await server.call('setDeckConfigId', { decks: ['Reference::Sub'], configId: id });
      const spare = (await server.call('cloneDeckConfigId', { name: 'Spare preset', cloneFrom: id })) as number;
      await server.call('setDeckConfigId', { decks: ['Reference::Sub::Deep'], configId: spare });
      await server.call('removeDeckConfigId', { configId: spare });
      return {};
    },
  },
  {
    name: 'tags',
    async run(server) {
      const some = await notesOf(server, '', 40);
      await server.call('addTags', { notes: some.slice(0, 20), tags: 'ref::added Другой' });
      await server.call('removeTags', { notes: some.slice(10, 30), tags: 'ref::added noun' });
      await server.call('replaceTags', { notes: some.slice(0, 40), tag_to_replace: 'Другой', replace_with_tag: 'other::tag' });
      await server.call('replaceTagsInAllNotes', { tag_to_replace: 'verb', replace_with_tag: 'Verb::Regular' });
      await server.call('clearUnusedTags');
      return { notes: some };
    },
  },
  {
    name: 'media files',
    async run(server) {
      await server.call('storeMediaFile', { filename: 'ref-a.png', data: PNG });
      await server.call('storeMediaFile', { filename: 'ref-a.png', data: Buffer.from('other').toString('base64'), deleteExisting: false });
      await server.call('storeMediaFile', { filename: 'ref-b.txt', data: Buffer.from('text').toString('base64') });
      await server.call('deleteMediaFile', { filename: 'ref-b.txt' });
      return {};
    },
  },
  {
    name: 'cards: suspend, flags, ease, due dates, forget, relearn, reviews',
    async run(server) {
      const review = await cardsOf(server, 'is:review -is:suspended -is:buried', 60);
      const fresh = await cardsOf(server, 'is:new -is:suspended', 20);
      await server.call('suspend', { cards: review.slice(0, 5) });
      await server.call('unsuspend', { cards: (await cardsOf(server, 'is:suspended', 3)) });
      await server.call('setSpecificValueOfCard', { card: review[5], keys: ['flags'], newValues: [3] });
      await server.call('setEaseFactors', { cards: review.slice(6, 10), easeFactors: [1300, 2500, 2850, 4000] });
      await server.call('setDueDate', { cards: review.slice(10, 15), days: '0' });
      await server.call('setDueDate', { cards: review.slice(15, 20), days: '3-7' });
      await server.call('setDueDate', { cards: fresh.slice(0, 5), days: '2!' });
      await server.call('forgetCards', { cards: review.slice(20, 25) });
      await server.call('relearnCards', { cards: review.slice(25, 30) });
      const latest = (await server.call('getLatestReviewID', { deck: 'Default' })) as number;
      const base = Math.max(latest, Date.now() - 3_600_000) + 1;
      await server.call('insertReviews', {
        reviews: review.slice(30, 35).map((cid, i) => [base + i, cid, -1, 3, 10, 5, 2500, 6000, 1]),
      });
      return { cards: [...review, ...fresh.slice(0, 5)] };
    },
  },
];
