// Sync with AnkiWeb or a self-hosted Anki sync server. The work happens in `prepare`, which may
// await: the sync owns the collection through the server's gate while it talks to the server,
// and other requests wait for it.
import { Type } from '@sinclair/typebox';
import { AnkiConnectError } from '../../errors.js';
import type { ChangesRequired } from '../../sync/protocol.js';
import type { SyncStatus } from '../../sync/service.js';
import { defineAction, type Action } from '../action.js';
import { Nothing } from '../schemas.js';

/** Anki-Connect's text when the server asks for a full sync (its link kept, clients match the start). */
export function fullSyncRefusal(required: ChangesRequired): string {
  return (
    `Sync status ${required} not one of [0, 1] - see SyncCollectionResponse.ChangesRequired for list of sync statuses: ` +
    'https://github.com/ankitects/anki/blob/e41c4573d789afe8b020fab5d9d1eede50c3fa3d/proto/anki/sync.proto#L57-L65'
  );
}

export const sync = defineAction({
  name: 'sync',
  summary:
    'Syncs the collection (and its media) with the account logged in to; fullSync "upload" or "download" chooses the direction of a one-way sync.',
  params: Type.Object({
    fullSync: Type.Optional(Type.Union([Type.Literal('upload'), Type.Literal('download')])),
    media: Type.Optional(Type.Boolean()),
  }),
  result: Nothing,
  prepare: async ({ fullSync, media }, ctx): Promise<string | null> => {
    const result = await ctx.server.sync.sync({
      ...(fullSync === undefined ? {} : { full: fullSync }),
      ...(media === undefined ? {} : { media }),
    });
    return result.performed === 'refused' ? fullSyncRefusal(result.required) : null;
  },
  run: (_params, _ctx, refusal) => {
    if (refusal !== null) throw new AnkiConnectError(refusal);
    return null;
  },
});

const SyncStatusSchema = Type.Object({
  loggedIn: Type.Boolean(),
  username: Type.Union([Type.String(), Type.Null()]),
  endpoint: Type.Union([Type.String(), Type.Null()]),
  syncing: Type.Boolean(),
  lastSync: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastMediaError: Type.Union([Type.String(), Type.Null()]),
  pendingChanges: Type.Boolean(),
  fullSyncRequired: Type.Boolean(),
  required: Type.Union([Type.Integer(), Type.Null()]),
});

export const getSyncStatus = defineAction({
  name: 'getSyncStatus',
  summary:
    'Where the collection stands with its sync server: logged in, last sync, pending changes, whether a full sync is needed; online asks the server.',
  params: Type.Object({ online: Type.Optional(Type.Boolean()) }),
  result: SyncStatusSchema,
  prepare: ({ online }, ctx): Promise<SyncStatus> => ctx.server.sync.status(online ?? false),
  run: (_params, _ctx, status) => status,
});

export const syncLogin = defineAction({
  name: 'syncLogin',
  summary: 'Logs in to AnkiWeb or the configured sync server; keeps the host key it gives (never the password).',
  params: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String(), endpoint: Type.Optional(Type.String()) }),
  result: Type.Object({ username: Type.String(), endpoint: Type.String() }),
  prepare: async ({ username, password, endpoint }, ctx) => {
    // An endpoint of the caller's choosing would let a remote caller make the server post to any
    // address it can reach (its own loopback services included): only local callers choose one.
    if (endpoint !== undefined && !ctx.request.local && endpoint !== ctx.server.settings.syncEndpoint) {
      throw new AnkiConnectError('syncLogin: only clients on this machine can name an endpoint; set syncEndpoint in the config file instead');
    }
    // The login only asks the sync server and writes the key file: the collection is not held.
    const auth = await ctx.server.sync.login(username, password, endpoint);
    return { username: auth.username, endpoint: auth.endpoint };
  },
  run: (_params, _ctx, out) => out,
});

export const syncLogout = defineAction({
  name: 'syncLogout',
  summary: 'Forgets the host key of the open profile; false when there was none.',
  params: Type.Object({}),
  result: Type.Boolean(),
  run: (_params, ctx) => ctx.server.sync.logout(),
});

export const syncActions: Action[] = [sync, getSyncStatus, syncLogin, syncLogout];
