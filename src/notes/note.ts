import { joinTagsForStorage, splitStoredTags } from '../text/index.js';

/** The separator between field values in `notes.flds`. */
export const FIELD_SEPARATOR = '\x1f';

/** A note as stored (fields split, tags as a list). */
export interface Note {
  id: number;
  guid: string;
  notetypeId: number;
  mtimeSecs: number;
  usn: number;
  tags: string[];
  fields: string[];
}

export interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  usn: number;
  tags: string;
  flds: string;
}

export function noteFromRow(row: NoteRow): Note {
  return {
    id: row.id,
    guid: row.guid,
    notetypeId: row.mid,
    mtimeSecs: row.mod,
    usn: row.usn,
    tags: splitStoredTags(row.tags),
    fields: row.flds.split(FIELD_SEPARATOR),
  };
}

export const joinFields = (fields: readonly string[]): string => fields.join(FIELD_SEPARATOR);
export const tagsColumn = joinTagsForStorage;
