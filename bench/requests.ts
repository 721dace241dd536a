/** The Anki-Connect requests the benchmarks send, shaped as Yomitan sends them. */
import { backField, frontField, uniqueWord } from './content.js';
import { GENERATED_WORD_LIMIT } from './generate.js';
import type { Rng } from './rng.js';

/** A note object of addNotes / canAddNotes*. */
export interface NoteRequest {
  deckName: string;
  modelName: string;
  fields: Record<string, string>;
  tags: string[];
  options: {
    allowDuplicate: boolean;
    duplicateScope: string;
    duplicateScopeOptions: { deckName: string | null; checkChildren: boolean; checkAllModels: boolean };
  };
}

// Yomitan's defaults: duplicates are checked across the whole collection, in the note's type.
const YOMITAN_OPTIONS: NoteRequest['options'] = {
  allowDuplicate: false,
  duplicateScope: 'collection',
  duplicateScopeOptions: { deckName: null, checkChildren: false, checkAllModels: false },
};

const EXTRA_TAGS = ['jlpt::n1', 'jlpt::n2', 'jlpt::n3', 'noun', 'verb', 'expression'];

/**
 * Batch `batch` of new Basic notes, each with a first field no generated note and no other batch
 * has (word indexes above {@link GENERATED_WORD_LIMIT}), a realistic back and a tag or two.
 */
export function basicNotesBatch(rng: Rng, deckName: string, batch: number, size: number): NoteRequest[] {
  const notes: NoteRequest[] = [];
  for (let i = 0; i < size; i++) {
    const index = GENERATED_WORD_LIMIT + batch * size + i;
    notes.push({
      deckName,
      modelName: 'Basic',
      fields: { Front: frontField(rng, index), Back: backField(rng) },
      tags: rng.chance(0.5) ? ['yomitan', rng.pick(EXTRA_TAGS)] : ['yomitan'],
      options: YOMITAN_OPTIONS,
    });
  }
  return notes;
}

/** A first field that no generated note has: the `k`-th word above every index in use. */
export function newFirstField(k: number): string {
  return uniqueWord(2 * GENERATED_WORD_LIMIT + k, k % 2 === 0);
}

/**
 * A note as Yomitan sends it to canAddNotesWithErrorDetail when it only needs the duplicate
 * check: the first field alone.
 */
export function firstFieldOnlyNote(deckName: string, modelName: string, firstFieldName: string, value: string): NoteRequest {
  return { deckName, modelName, fields: { [firstFieldName]: value }, tags: ['yomitan'], options: YOMITAN_OPTIONS };
}

/** The JSON body of an Anki-Connect request, version 6. */
export function requestBody(action: string, params?: Record<string, unknown>): string {
  return JSON.stringify(params === undefined ? { action, version: 6 } : { action, version: 6, params });
}
