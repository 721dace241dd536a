import type { Registry } from './registry.js';

/** The version Anki-Connect reports from `version` and the banner. */
export const API_VERSION = 6;

/**
 * A machine-readable description of every supported action, generated from the same schemas
 * the dispatcher validates with: per action its summary and JSON Schemas for params and
 * result, plus one schema for the request body as a union tagged by `action`.
 */
export function describeApi(registry: Registry): Record<string, unknown> {
  const actions: Record<string, unknown> = {};
  const requests: unknown[] = [];
  for (const action of registry.all()) {
    // TypeBox schemas are plain JSON Schema objects; a JSON round trip drops its symbol keys.
    const params = JSON.parse(JSON.stringify(action.params)) as unknown;
    const result = JSON.parse(JSON.stringify(action.result)) as unknown;
    actions[action.name] = { summary: action.summary, writes: action.write, params, result };
    requests.push({
      type: 'object',
      properties: {
        action: { const: action.name },
        version: { type: 'integer' },
        key: { type: ['string', 'null'] },
        params,
      },
      required: ['action'],
    });
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Anki-Connect API served by anki-connect-server',
    apiVersion: API_VERSION,
    replies:
      'version <= 4 (the default): the bare result on success; version >= 5: {"result": R, "error": null}. ' +
      'Errors are always {"result": null, "error": "message"}.',
    actions,
    request: { oneOf: requests },
  };
}
