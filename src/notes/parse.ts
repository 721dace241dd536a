import { TypeCompiler } from '@sinclair/typebox/compiler';
import { AnkiConnectError } from '../errors.js';
import { NoteRequestSchema, type NoteRequest } from './request.js';

const check = TypeCompiler.Compile(NoteRequestSchema);

/**
 * Checks one note object of a batch. Batch actions check notes one by one so that a malformed
 * note fails alone (null, false or an error detail), as in Anki-Connect, not the whole request.
 */
export function parseNoteRequest(value: unknown): NoteRequest {
  if (check.Check(value)) return value;
  const first = check.Errors(value).First();
  const path = first?.path.replace(/^\//, '').replaceAll('/', '.') ?? '';
  throw new AnkiConnectError(`invalid note: '${path === '' ? 'note' : path}': ${first?.message.toLowerCase() ?? 'invalid value'}`);
}
