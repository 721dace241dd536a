import { ErrorCode, McpError, type ReadResourceResult, type Resource } from '@modelcontextprotocol/sdk/types.js';
import { stringifyJson } from '../text/json-int64.js';
import { callAction, type Caller, type Dispatch } from './requests.js';
import { SEARCH_SYNTAX } from './search-syntax.js';

/** The MCP error code for a resource that does not exist (the specification's, not JSON-RPC's). */
const RESOURCE_NOT_FOUND = -32002;

/**
 * What a client most often needs before it adds or looks for notes, readable without a tool call:
 * the decks, the note types with their fields, and how to write a search. The first two are read
 * through the dispatcher, as the actions they come from, so they follow the API's rules.
 */
export const RESOURCES: readonly Resource[] = [
  {
    uri: 'anki://decks',
    name: 'decks',
    title: 'Decks',
    description: 'Every deck, by name, with its id (as deckNamesAndIds gives them).',
    mimeType: 'application/json',
  },
  {
    uri: 'anki://note-types',
    name: 'note-types',
    title: 'Note types',
    description: 'Every note type, by name, with its id and its field names in order: what addNote needs.',
    mimeType: 'application/json',
  },
  {
    uri: 'anki://search-syntax',
    name: 'search-syntax',
    title: 'Anki search syntax',
    description: 'How to write the queries findNotes, findCards and notesInfo take.',
    mimeType: 'text/markdown',
  },
];

export async function readResource(uri: string, dispatch: Dispatch, caller: Caller): Promise<ReadResourceResult> {
  const call = async (action: string, params: Record<string, unknown> = {}): Promise<unknown> => {
    const reply = await callAction(dispatch, caller, action, params);
    if (reply.error !== null) throw new McpError(ErrorCode.InternalError, reply.error);
    return reply.result;
  };
  let text: string;
  switch (uri) {
    case 'anki://decks':
      text = stringifyJson(byName(await call('deckNamesAndIds')), 2);
      break;
    case 'anki://note-types': {
      const noteTypes = byName(await call('modelNamesAndIds'));
      // One request for every note type's fields, as a client would send it.
      const fields = (await call('multi', {
        actions: noteTypes.map(({ name }) => ({ action: 'modelFieldNames', version: 6, params: { modelName: name } })),
      })) as { result: unknown; error: string | null }[];
      const described = noteTypes.map(({ name, id }, i) => {
        const reply = fields[i];
        if (reply === undefined || reply.error !== null) throw new McpError(ErrorCode.InternalError, reply?.error ?? 'no reply');
        return { name, id, fields: reply.result };
      });
      text = stringifyJson(described, 2);
      break;
    }
    case 'anki://search-syntax':
      text = SEARCH_SYNTAX;
      break;
    default:
      throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });
  }
  const mimeType = RESOURCES.find((resource) => resource.uri === uri)?.mimeType;
  return { contents: [{ uri, ...(mimeType === undefined ? {} : { mimeType }), text }] };
}

/** A name → id map as a list sorted by name, whose order JSON objects with numeric-looking keys lose. */
function byName(map: unknown): { name: string; id: unknown }[] {
  return Object.entries(map as Record<string, unknown>)
    .map(([name, id]) => ({ name, id }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
