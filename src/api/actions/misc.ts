import { Type } from '@sinclair/typebox';
import { saveOriginToConfigFile } from '../../config/save.js';
import { AnkiConnectError, errorMessage } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { API_VERSION } from '../describe.js';
import type { ActionContext, PlannedItem } from '../context.js';
import { Turns } from '../turns.js';

export const version = defineAction({
  name: 'version',
  summary: 'The API version: 6.',
  params: Type.Object({}),
  result: Type.Integer(),
  run: () => API_VERSION,
});

/** How long a permission question waits for the user in the web UI before it is denied. */
export const PERMISSION_TIMEOUT_MS = 60_000;

/**
 * The decision for an origin the CORS check refused: denied when it is ignored or nobody can be
 * asked; otherwise the question waits for a web UI page, as upstream's dialog waits for the
 * user. The answer is remembered (in memory, and in the config file when there is one).
 */
async function askUser(origin: string, ctx: ActionContext): Promise<'granted' | 'denied'> {
  const settings = ctx.server.settings;
  const prompts = ctx.server.gui.permissions;
  if (settings.ignoreOriginList.includes(origin) || !prompts.canAsk) return 'denied';
  const answer = await prompts.ask(origin, PERMISSION_TIMEOUT_MS);
  if (answer === 'deny') return 'denied';
  const key = answer === 'grant' ? 'webCorsOriginList' : 'ignoreOriginList';
  if (!settings[key].includes(origin)) settings[key].push(origin);
  if (settings.configFile !== null) {
    try {
      saveOriginToConfigFile(settings.configFile, key, origin);
    } catch (err) {
      // The answer holds for this run; only remembering it failed.
      process.stderr.write(`anki-connect-server: saving ${origin} to ${settings.configFile} failed: ${errorMessage(err)}\n`);
    }
  }
  return answer === 'grant' ? 'granted' : 'denied';
}

export const requestPermission = defineAction({
  name: 'requestPermission',
  summary:
    'Whether the calling origin may use the API. Allowed origins are granted; another is asked about in an open web UI ' +
    'page (up to a minute), and denied when no page is open.',
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
  // The wait for the user happens here, where awaiting is allowed (the collection is not touched).
  prepare: ({ origin, allowed }, ctx): Promise<'granted' | 'denied'> => (allowed ? Promise.resolve('granted') : askUser(origin, ctx)),
  run: (_params, ctx, decision) => {
    if (decision === 'denied') return { permission: 'denied' as const };
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

/** How many items of a multi prepare at the same time. */
const PREPARE_CONCURRENCY = 4;

/**
 * `fn` over `items`, at most `limit` at a time, results in order. Planning 100,000 items is a
 * chain of promises that never waits for I/O, so it pauses now and then for other clients.
 */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const turns = new Turns();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await fn(items[index] as T);
      await turns.maybePause();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const multi = defineAction({
  name: 'multi',
  summary: 'Runs several requests in order; each item has its own version, key and reply, and a failing item leaves nothing behind.',
  params: Type.Object({ actions: Type.Array(Type.Unknown()) }),
  result: Type.Array(Type.Unknown()),
  // Not marked write: executeBatch opens the transaction itself.
  batch: true,
  // Items are prepared a few at a time (downloads, file reads), not all at once.
  prepare: ({ actions }, ctx): Promise<PlannedItem[]> => {
    ctx.nested.reserve(actions);
    return mapLimited(actions, PREPARE_CONCURRENCY, (item) => ctx.nested.plan(item));
  },
  run: (_params, ctx, planned) => ctx.nested.executeBatch(planned),
});

/** The miscellaneous actions except apiReflect, which needs the finished registry. */
export const miscActions: Action[] = [version, requestPermission, multi];
