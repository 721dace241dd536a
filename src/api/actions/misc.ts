import { Type } from '@sinclair/typebox';
import { AnkiConnectError } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { API_VERSION } from '../describe.js';
import type { PlannedItem } from '../context.js';

export const version = defineAction({
  name: 'version',
  summary: 'The API version: 6.',
  params: Type.Object({}),
  result: Type.Integer(),
  run: () => API_VERSION,
});

export const requestPermission = defineAction({
  name: 'requestPermission',
  summary:
    'Whether the calling origin may use the API. Allowed origins are granted; others are denied, since a headless server cannot ask anyone.',
  params: Type.Object({
    // Both are set by the HTTP layer from the Origin header, whatever the client sends.
    origin: Type.String(),
    allowed: Type.Boolean(),
  }),
  result: Type.Union([
    Type.Object({
      permission: Type.Literal('granted'),
      requireApikey: Type.Boolean(),
      requireApiKey: Type.Boolean(),
      version: Type.Integer(),
    }),
    Type.Object({ permission: Type.Literal('denied') }),
  ]),
  run: ({ allowed }, ctx) => {
    if (!allowed) return { permission: 'denied' as const };
    const requireKey = ctx.server.settings.apiKey !== null && ctx.server.settings.apiKey !== '';
    // The add-on's code spells it requireApikey, its README requireApiKey; clients use both.
    return { permission: 'granted' as const, requireApikey: requireKey, requireApiKey: requireKey, version: API_VERSION };
  },
});

export function apiReflectAction(names: () => string[]) {
  return defineAction({
    name: 'apiReflect',
    summary: 'Lists the supported actions (scope "actions"), optionally filtered to the given names.',
    params: Type.Object({
      scopes: Type.Optional(Type.Unknown()),
      actions: Type.Optional(Type.Unknown()),
    }),
    result: Type.Object({ scopes: Type.Array(Type.String()), actions: Type.Optional(Type.Array(Type.String())) }),
    run: ({ scopes, actions }) => {
      if (!Array.isArray(scopes)) throw new AnkiConnectError('scopes has invalid value');
      if (!(actions === undefined || actions === null || Array.isArray(actions))) {
        throw new AnkiConnectError('actions has invalid value');
      }
      if (!scopes.includes('actions')) return { scopes: [] };
      const supported = new Set(names());
      const listed =
        actions === undefined || actions === null
          ? [...supported].sort()
          : actions.filter((name): name is string => typeof name === 'string' && supported.has(name));
      return { scopes: ['actions'], actions: listed };
    },
  });
}

export const multi = defineAction({
  name: 'multi',
  summary: 'Runs several requests in order in one transaction; each item has its own version, key and reply.',
  params: Type.Object({ actions: Type.Array(Type.Unknown()) }),
  result: Type.Array(Type.Unknown()),
  // Not marked write: executeBatch opens the transaction itself.
  prepare: ({ actions }, ctx): Promise<PlannedItem[]> => Promise.all(actions.map((item) => ctx.nested.plan(item))),
  run: (_params, ctx, planned) => ctx.nested.executeBatch(planned),
});

/** The miscellaneous actions except apiReflect, which needs the finished registry. */
export const miscActions: Action[] = [version, requestPermission, multi];
