import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Action } from '../api/action.js';
import type { Registry } from '../api/registry.js';
import type { Envelope } from '../api/reply.js';
import { stringifyJson } from '../text/json-int64.js';
import { READ_ONLY_ACTIONS } from './read-only.js';
import { TRANSPORT_PARAMS } from './requests.js';

/**
 * One tool per action, named and described from the registry, its input schema the action's
 * params schema (the one the dispatcher validates with).
 *
 * There is no outputSchema: the result schemas describe the replies but are not checked against
 * every real one (64-bit field and template ids, for one, lie beyond their integer bounds), and a
 * client that validates structured content refuses a result that does not match, which would turn
 * a write that happened into an error.
 */
export function toolsOf(registry: Registry): Tool[] {
  return registry.all().map(toolOf);
}

function toolOf(action: Action): Tool {
  // TypeBox schemas are plain JSON Schema; the JSON round trip drops TypeBox's symbol keys.
  const schema = JSON.parse(JSON.stringify(action.params)) as Tool['inputSchema'];
  const hidden = TRANSPORT_PARAMS[action.name] ?? [];
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !hidden.includes(name)));
  const required = (schema.required ?? []).filter((name) => !hidden.includes(name));
  const readOnly = READ_ONLY_ACTIONS.has(action.name);
  const effect = action.write ? ' Writes to the collection, in one transaction (nothing is kept when it fails).' : readOnly ? ' Only reads.' : '';
  const inputSchema: Tool['inputSchema'] = { ...schema, type: 'object', properties };
  if (required.length > 0) inputSchema.required = required;
  else delete inputSchema.required;
  return {
    name: action.name,
    description: `${action.summary}${effect}`,
    inputSchema,
    ...(readOnly ? { annotations: { readOnlyHint: true } } : {}),
  };
}

/**
 * An action's reply as a tool result: an Anki-Connect error becomes a tool error carrying its
 * message; a result is given as JSON text and as structured content `{result}` (structured
 * content must be an object). The text has every digit of a 64-bit id; the structured content is
 * that text parsed, as a JavaScript client parsing the HTTP reply sees it (the SDK writes messages
 * with JSON.stringify, which refuses bigints).
 */
export function toolResult(reply: Envelope): CallToolResult {
  if (reply.error !== null) return { isError: true, content: [{ type: 'text', text: reply.error }] };
  const text = stringifyJson(reply.result);
  return { content: [{ type: 'text', text }], structuredContent: { result: JSON.parse(text) as unknown } };
}
