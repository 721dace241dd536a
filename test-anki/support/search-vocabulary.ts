/**
 * The words, names and ids of a collection that random searches (./query-generator.ts) are built
 * from, read from the server's open copy with plain selects.
 */
import type { Collection } from '../../src/collection/collection.js';
import { stripHtml } from '../../src/text/html.js';
import type { SearchVocabulary } from './query-generator.js';

const sortedUnique = (items: Iterable<string>): string[] => [...new Set(items)].filter((item) => item !== '').sort();

export function readVocabulary(col: Collection): SearchVocabulary {
  const all = <T>(sql: string): T[] => col.db.prepare<[], T>(sql).all();
  const pluck = <T>(sql: string): T[] => col.db.prepare<[], T>(sql).pluck().all();

  const notetypeFields = new Map<number, string[]>();
  for (const row of all<{ ntid: number; name: string }>('select ntid, name from fields order by ntid, ord')) {
    const names = notetypeFields.get(row.ntid) ?? [];
    names.push(row.name);
    notetypeFields.set(row.ntid, names);
  }

  const words = new Set<string>();
  const phrases = new Set<string>();
  const fieldValues: { field: string; value: string }[] = [];
  const firstFields: { notetypeId: number; text: string }[] = [];
  for (const note of all<{ mid: number; flds: string }>('select mid, flds from notes order by id')) {
    const values = note.flds.split('\x1f');
    const names = notetypeFields.get(note.mid) ?? [];
    values.forEach((value, ord) => {
      fieldValues.push({ field: names[ord] ?? `field${ord}`, value });
      const textWords = stripHtml(value).split(/[\s,.;!?{}[\]<>]+/u).filter((word) => word !== '' && !/^c\d+::/.test(word));
      for (const word of textWords) words.add(word.replace(/::.*/, ''));
      for (let i = 0; i + 1 < textWords.length; i++) phrases.add(`${textWords[i]} ${textWords[i + 1]}`);
    });
    firstFields.push({ notetypeId: note.mid, text: values[0] ?? '' });
  }

  const customDataKeys = new Set<string>();
  for (const data of pluck<string>("select data from cards where data like '%cd%'")) {
    try {
      const parsed = JSON.parse(data) as { cd?: string };
      if (typeof parsed.cd === 'string') Object.keys(JSON.parse(parsed.cd) as object).forEach((key) => customDataKeys.add(key));
    } catch {
      // Data that is not JSON holds no custom data.
    }
  }

  return {
    words: sortedUnique(words),
    phrases: sortedUnique(phrases),
    fieldValues,
    fieldNames: sortedUnique(pluck<string>('select name from fields')),
    notetypeNames: sortedUnique(pluck<string>('select name from notetypes')),
    templateNames: sortedUnique(pluck<string>('select name from templates')),
    deckNames: sortedUnique(pluck<string>('select name from decks').map((name) => name.replaceAll('\x1f', '::'))),
    tags: sortedUnique(pluck<string>('select tag from tags')),
    presetNames: sortedUnique(pluck<string>('select name from deck_config')),
    customDataKeys: sortedUnique(customDataKeys),
    noteIds: pluck<number>('select id from notes order by id'),
    cardIds: pluck<number>('select id from cards order by id'),
    deckIds: pluck<number>('select id from decks order by id'),
    notetypeIds: pluck<number>('select id from notetypes order by id'),
    firstFields,
  };
}
