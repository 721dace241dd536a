import type { MediaFolder } from '../media/folder.js';
import { md5Hex } from '../media/hash.js';
import { fetchMediaBytes, type FetchPolicy } from '../media/sources.js';
import { errorMessage } from '../errors.js';
import type { MediaItem, NoteCandidate, NoteRequest } from './request.js';

type MediaKind = 'audio' | 'video' | 'picture';

/** A note's media attachment with its bytes fetched, or the reason they could not be. */
export interface PreparedMedia {
  kind: MediaKind;
  item: MediaItem;
  outcome: { ok: true; bytes: Uint8Array } | { ok: false; error: string };
}

/** The attachments of a note request in Anki-Connect's order: audio, then video, then picture. */
function mediaItems(note: NoteRequest): { kind: MediaKind; item: MediaItem }[] {
  const out: { kind: MediaKind; item: MediaItem }[] = [];
  for (const kind of ['audio', 'video', 'picture'] as const) {
    const value = note[kind];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null) out.push({ kind, item });
    }
  }
  return out;
}

/**
 * Fetches the bytes of every attachment (decoding, reading or downloading) without touching the
 * collection, so downloads never hold a transaction open. Failures are kept, not thrown:
 * Anki-Connect writes them into the note instead.
 */
export async function prepareNoteMedia(note: NoteRequest, policy: FetchPolicy): Promise<PreparedMedia[]> {
  return Promise.all(
    mediaItems(note).map(async ({ kind, item }): Promise<PreparedMedia> => {
      try {
        return { kind, item, outcome: { ok: true, bytes: await fetchMediaBytes(item, policy) } };
      } catch (err) {
        return { kind, item, outcome: { ok: false, error: errorMessage(err) } };
      }
    }),
  );
}

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Stores each attachment in the media folder and appends it to the fields it names, as
 * Anki-Connect does: `<img src="name">` for pictures, `[sound:name]` for audio and video, using
 * the name the file was actually stored under. Field names match exactly (not case-insensitively,
 * unlike the note's fields). A file that could not be fetched or stored leaves its error message,
 * HTML-escaped, in those fields instead, and the note is still added. An attachment whose MD5
 * equals `skipHash` is skipped. Here `deleteExisting` defaults to false, so a different file with
 * the same name gets a new name rather than replacing the old one.
 */
export function attachNoteMedia(folder: MediaFolder, candidate: NoteCandidate, prepared: readonly PreparedMedia[]): void {
  const fieldNames = candidate.notetype.fields.map((field) => field.name);
  for (const { kind, item, outcome } of prepared) {
    let append: string | undefined;
    try {
      if (!outcome.ok) throw new Error(outcome.error);
      const skip = item.skipHash !== undefined && item.skipHash !== null && item.skipHash === md5Hex(outcome.bytes);
      if (!skip) {
        const stored = folder.storeFile({
          filename: item.filename,
          data: outcome.bytes,
          deleteExisting: item.deleteExisting ?? false,
        });
        append = kind === 'picture' ? `<img src="${stored}">` : `[sound:${stored}]`;
      }
    } catch (err) {
      append = escapeHtml(errorMessage(err));
    }
    if (append === undefined) continue;
    for (const field of item.fields ?? []) {
      const ord = fieldNames.indexOf(field);
      if (ord >= 0) candidate.fields[ord] = (candidate.fields[ord] ?? '') + append;
    }
  }
}
