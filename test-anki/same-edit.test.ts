// The same edit made by the server and by real Anki, each on its own copy of one collection,
// must change the same rows in the same way. New rows differ only where Anki draws values at
// the moment of writing (ids, guids, modification times), which are compared blanked out;
// everything else — fields as stored (NFC, cleaned), sort field, checksum, tags as registered,
// cards generated with their decks and positions, deck rows, graves, config — must be equal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCollection } from '../bench/generate.js';
import { AnkiDriver } from './support/anki.js';
import { copyProfile, tempProfile, type TempProfile } from './support/profile.js';
import { dumpRows, type Rows } from './support/rows.js';
import { OurServer } from './support/server.js';

/** Columns each side fills with its own ids and clock when it writes a row. */
const DRAWN_AT_WRITE: Record<string, number[]> = {
  col: [2],
  notes: [0, 1, 3],
  cards: [0, 1, 4],
  revlog: [0, 1],
  decks: [0, 2],
  deck_config: [0, 2],
  notetypes: [0, 2],
  config: [2],
  graves: [],
  tags: [],
};

/** Per table: rows the edit removed (exact) and rows it added or rewrote (drawn columns blanked). */
function changes(base: Rows, after: Rows): Record<string, { removed: string[]; added: string[] }> {
  const out: Record<string, { removed: string[]; added: string[] }> = {};
  for (const table of new Set([...base.keys(), ...after.keys()])) {
    const before = new Set(base.get(table) ?? []);
    const now = new Set(after.get(table) ?? []);
    const drawn = DRAWN_AT_WRITE[table] ?? [];
    const removed = [...before].filter((row) => !now.has(row)).sort();
    const added = [...now]
      .filter((row) => !before.has(row))
      .map((row) => JSON.stringify((JSON.parse(row) as unknown[]).map((value, i) => (drawn.includes(i) ? '*' : value))))
      .sort();
    if (removed.length > 0 || added.length > 0) out[table] = { removed, added };
  }
  return out;
}

interface Edit {
  name: string;
  server: (server: OurServer) => Promise<unknown>;
  anki: (anki: AnkiDriver) => Promise<unknown>;
}

// Text Anki normalises when it stores a field: decomposed accents (NFC), a non-breaking space.
const DECOMPOSED = 'cafe\u0301 re\u0301sume\u0301';

const EDITS: Edit[] = [
  ...[
    { modelName: 'Basic', fields: { Front: `<b>${DECOMPOSED}</b>`, Back: ' back&nbsp;' } },
    { modelName: 'Basic (and reversed card)', fields: { Front: 'Straße', Back: '<img src="pic.png">' } },
    { modelName: 'Basic (optional reversed card)', fields: { Front: 'opt', Back: 'x', 'Add Reverse': 'y' } },
    { modelName: 'Basic (type in the answer)', fields: { Front: 'type', Back: 'typed' } },
    { modelName: 'Cloze', fields: { Text: '{{c2::b}} {{c1::a::hint}} {{c3::{{c5::nested}}}}', 'Back Extra': '' } },
    {
      modelName: 'Image Occlusion',
      fields: {
        Occlusion: '{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:oi=1}}',
        Image: '<img src="diagram1.png">',
        Header: '',
        'Back Extra': '',
        Comments: '',
      },
    },
  ].map(({ modelName, fields }) => {
    const tags = ['NOUN', 'chapter::NEW', 'brand-new::Child', 'ü'];
    return {
      name: `addNote ${modelName}`,
      server: (server: OurServer) => server.call('addNote', { note: { deckName: 'Japanese::Kanji', modelName, fields, tags } }),
      anki: (anki: AnkiDriver) => anki.write('addNote', { deckName: 'Japanese::Kanji', modelName, fields, tags }),
    };
  }),
  {
    name: 'createDeck with new parents',
    server: (server) => server.call('createDeck', { deck: 'New parent::Middle::Leaf' }),
    anki: (anki) => anki.write('createDeck', { deck: 'New parent::Middle::Leaf' }),
  },
  {
    name: 'updateNoteFields',
    server: async (server) => server.call('updateNoteFields', { note: { id: await firstNote(server), fields: { Front: `  ${DECOMPOSED} `, Back: '<div>x</div>' } } }),
    anki: async (anki) => anki.write('updateNoteFields', { id: await firstNoteInAnki(anki), fields: { Front: `  ${DECOMPOSED} `, Back: '<div>x</div>' } }),
  },
  {
    name: 'updateNoteTags',
    server: async (server) => server.call('updateNoteTags', { note: await firstNote(server), tags: ['Verb', 'jlpt::N5', 'zzz::new'] }),
    anki: async (anki) => anki.write('updateNoteTags', { id: await firstNoteInAnki(anki), tags: ['Verb', 'jlpt::N5', 'zzz::new'] }),
  },
  {
    // A deck holding some of a note's cards: both delete those cards and keep the note with
    // its other cards (Check Database would give it the missing ones back, in both).
    name: 'deleteDecks of a deck holding part of a note',
    server: (server) => server.call('deleteDecks', { decks: ['Japanese::Vocabulary'], cardsToo: true }),
    anki: (anki) => anki.write('deleteDecks', { decks: ['Japanese::Vocabulary'] }),
  },
];

const FIRST_NOTE = 'note:Basic';

async function firstNote(server: OurServer): Promise<number> {
  return ((await server.call('findNotes', { query: FIRST_NOTE })) as number[])[0]!;
}

async function firstNoteInAnki(anki: AnkiDriver): Promise<number> {
  return ((await anki.ac('findNotes', { query: FIRST_NOTE })) as number[])[0]!;
}

describe('the same edit made by the server and by Anki', () => {
  const anki = new AnkiDriver();
  let base: TempProfile;

  before(() => {
    base = tempProfile();
    generateCollection(base.path, { notes: 300, decks: 6, seed: 5, varied: true });
  });
  after(async () => {
    await anki.stop();
    base.remove();
  });

  for (const edit of EDITS) {
    test(edit.name, async () => {
      const baseRows = dumpRows(base.path);
      const ours = copyProfile(base.path);
      const theirs = copyProfile(base.path);
      try {
        const server = OurServer.open(ours.path);
        try {
          await edit.server(server);
        } finally {
          server.close();
        }
        await anki.open(theirs.path);
        try {
          await edit.anki(anki);
        } finally {
          await anki.close();
        }
        const mine = changes(baseRows, dumpRows(ours.path));
        const real = changes(baseRows, dumpRows(theirs.path));
        assert.ok(Object.keys(real).length > 0, 'the edit changed something in Anki');
        assert.deepEqual(mine, real);
      } finally {
        ours.remove();
        theirs.remove();
      }
    });
  }
});
