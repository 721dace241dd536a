import { Type } from '@sinclair/typebox';
import { md5Hex } from '../../media/hash.js';
import { fetchMediaBytes } from '../../media/sources.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';

/** How this caller may fetch media: bounded downloads, and server paths only for local callers unless allowed. */
export function fetchPolicy(ctx: ActionContext) {
  const settings = ctx.server.settings;
  return {
    timeoutMs: settings.webTimeout,
    maxBytes: settings.webMaxDownloadBytes,
    allowPaths: ctx.request.local || settings.allowRemoteFilePaths,
    local: ctx.request.local,
  };
}

const OptionalString = Type.Optional(Type.Union([Type.String(), Type.Null()]));

export const storeMediaFile = defineAction({
  name: 'storeMediaFile',
  summary:
    'Stores a file in the media folder from base64 data, a server path or a URL; returns the name used, or null when skipHash matches.',
  params: Type.Object({
    filename: Type.String(),
    data: OptionalString,
    path: OptionalString,
    url: OptionalString,
    skipHash: OptionalString,
    deleteExisting: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  }),
  result: Type.Union([Type.String(), Type.Null()]),
  prepare: (params, ctx) => fetchMediaBytes(params, fetchPolicy(ctx)),
  run: ({ filename, skipHash, deleteExisting }, ctx, bytes) => {
    if (skipHash !== undefined && skipHash !== null && skipHash === md5Hex(bytes)) return null;
    return ctx.col().media.storeFile({ filename, data: bytes, deleteExisting: deleteExisting ?? true });
  },
});

export const retrieveMediaFile = defineAction({
  name: 'retrieveMediaFile',
  summary: 'The base64 contents of a media file, or false when there is none.',
  params: Type.Object({ filename: Type.String() }),
  result: Type.Union([Type.String(), Type.Literal(false)]),
  run: ({ filename }, ctx) => ctx.col().media.readFile(filename)?.toString('base64') ?? false,
});

export const getMediaFilesNames = defineAction({
  name: 'getMediaFilesNames',
  summary: 'Names of the media files matching a glob pattern (*, ?, [...]); all files by default.',
  params: Type.Object({ pattern: Type.Optional(Type.String()) }),
  result: Type.Array(Type.String()),
  run: ({ pattern }, ctx) => ctx.col().media.listNames(pattern ?? '*'),
});

export const deleteMediaFile = defineAction({
  name: 'deleteMediaFile',
  summary: "Moves a media file to Anki's media trash; a missing file is not an error.",
  params: Type.Object({ filename: Type.String() }),
  result: Type.Null(),
  run: ({ filename }, ctx) => {
    ctx.col().media.deleteFile(filename);
    return null;
  },
});

export const getMediaDirPath = defineAction({
  name: 'getMediaDirPath',
  summary: 'The absolute path of the media folder on the server.',
  params: Type.Object({}),
  result: Type.String(),
  run: (_params, ctx) => ctx.col().media.path,
});

/** The media actions, in the order the registry lists them. */
export const mediaActions: Action[] = [storeMediaFile, retrieveMediaFile, getMediaFilesNames, deleteMediaFile, getMediaDirPath];
