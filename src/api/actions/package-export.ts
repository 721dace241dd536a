import { Type } from '@sinclair/typebox';
import { isAbsolute } from 'node:path';
import { AnkiConnectError } from '../../errors.js';
import { exportDeckPackage } from '../../packages/export/apkg.js';
import { exportCollectionPackage } from '../../packages/export/colpkg.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';

const OptionalBool = Type.Optional(Type.Union([Type.Boolean(), Type.Null()]));

/**
 * The server-side file a package is written to. Like media `path`, only callers on this machine
 * may name one unless the settings allow others (allowRemoteFilePaths), and it must be absolute:
 * the server's working folder means nothing to a client.
 */
function outputPath(path: string, ctx: ActionContext, action: string): string {
  if (!(ctx.request.local || ctx.server.settings.allowRemoteFilePaths)) {
    throw new AnkiConnectError(`${action} "path" is accepted only from clients on this machine (setting allowRemoteFilePaths)`);
  }
  if (!isAbsolute(path)) throw new AnkiConnectError(`${action} "path" must be absolute: ${path}`);
  return path;
}

export const exportPackage = defineAction({
  name: 'exportPackage',
  summary:
    'Writes a deck and its subdecks to an .apkg file on the server; false for an unknown deck. The latest format, or with ' +
    'legacy the one Anki before 2.1.50 and AnkiDroid before 2.16 read.',
  params: Type.Object({
    deck: Type.String(),
    path: Type.String(),
    includeSched: OptionalBool,
    /** Extension: the legacy format (schema 11, `collection.anki21`). */
    legacy: OptionalBool,
    /** Extension: pack the media files the notes use (default true). */
    includeMedia: OptionalBool,
    /** Extension: include the decks' options presets (default: as includeSched). */
    includeDeckConfigs: OptionalBool,
  }),
  result: Type.Boolean(),
  run: ({ deck, path, includeSched, legacy, includeMedia, includeDeckConfigs }, ctx) => {
    const target = outputPath(path, ctx, 'exportPackage');
    const col = ctx.col();
    const deckId = col.decks.idByName(deck);
    if (deckId === undefined) return false;
    const withScheduling = includeSched ?? false;
    exportDeckPackage(col, {
      deckId,
      outPath: target,
      withScheduling,
      withDeckConfigs: includeDeckConfigs ?? withScheduling,
      withMedia: includeMedia ?? true,
      legacy: legacy ?? false,
    });
    return true;
  },
});

export const exportCollectionPackageAction = defineAction({
  name: 'exportCollectionPackage',
  summary:
    'Writes the whole collection and its media folder to a .colpkg file on the server (a backup Anki can restore); the latest ' +
    'format, or with legacy the one older Anki reads.',
  params: Type.Object({
    path: Type.String(),
    includeMedia: OptionalBool,
    legacy: OptionalBool,
  }),
  result: Type.Boolean(),
  run: ({ path, includeMedia, legacy }, ctx) => {
    const target = outputPath(path, ctx, 'exportCollectionPackage');
    exportCollectionPackage(ctx.col(), { outPath: target, includeMedia: includeMedia ?? true, legacy: legacy ?? false });
    return true;
  },
});

/** The export actions, in the order the registry lists them. */
export const packageExportActions: Action[] = [exportPackage, exportCollectionPackageAction];
