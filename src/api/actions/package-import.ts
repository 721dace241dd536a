import { Type } from '@sinclair/typebox';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute } from 'node:path';
import { AnkiConnectError } from '../../errors.js';
import { importPreparedPackage, readPackage, type PreparedImport } from '../../packages/import/apkg.js';
import {
  prepareCollectionPackage,
  restoreCollectionMedia,
  swapCollectionFile,
  type PreparedCollectionPackage,
} from '../../packages/import/colpkg.js';
import { openImportSource } from '../../packages/import/open-source.js';
import { ANKI_CONNECT_IMPORT_OPTIONS } from '../../packages/import/options.js';
import { defineAction, type Action } from '../action.js';
import type { ActionContext } from '../context.js';

/**
 * The server-side package file to read. As for media `path`, only callers on this machine may
 * name one unless the settings allow others (allowRemoteFilePaths); it must be absolute, and a
 * missing file gets Anki's own message.
 */
function packageFile(path: string, ctx: ActionContext, action: string): string {
  if (!(ctx.request.local || ctx.server.settings.allowRemoteFilePaths)) {
    throw new AnkiConnectError(`${action} "path" is accepted only from clients on this machine (setting allowRemoteFilePaths)`);
  }
  if (!isAbsolute(path)) throw new AnkiConnectError(`${action} "path" must be absolute: ${path}`);
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) throw new AnkiConnectError(`Failed to open '${path}': No such file or directory (os error 2)`);
  if (!info.isFile()) throw new AnkiConnectError(`Failed to open '${path}': not a file`);
  return path;
}

export const importPackage = defineAction({
  name: 'importPackage',
  summary:
    "Imports a package file on the server as Anki's importer does with Anki-Connect's options (note types merged, " +
    'scheduling and presets kept, notes and note types updated when newer). A .colpkg is merged the same way, as ' +
    'Anki-Connect on Anki 23.10 and newer does; importCollectionPackage replaces the collection instead.',
  params: Type.Object({ path: Type.String() }),
  result: Type.Boolean(),
  write: true,
  // Reading the package (its collection gathered into memory) changes nothing of the user's.
  prepare: ({ path }, ctx): Promise<PreparedImport> => {
    const file = packageFile(path, ctx, 'importPackage');
    const col = ctx.col();
    const source = openImportSource(file, tmpdir());
    ctx.afterRequest(() => source.close());
    return Promise.resolve(readPackage(source, col.clock, ANKI_CONNECT_IMPORT_OPTIONS, basename(file)));
  },
  run: (_params, ctx, prepared) => {
    importPreparedPackage(ctx.col(), prepared, ANKI_CONNECT_IMPORT_OPTIONS);
    return true;
  },
});

export const importCollectionPackage = defineAction({
  name: 'importCollectionPackage',
  summary:
    'Replaces the collection with the one in a .colpkg file on the server and adds its media, after a backup copy of the ' +
    'collection beside it, as Anki\'s "Import collection" does; the server goes on with the new collection.',
  params: Type.Object({ path: Type.String() }),
  result: Type.Boolean(),
  write: true,
  prepare: ({ path }, ctx): Promise<PreparedCollectionPackage> => {
    const file = packageFile(path, ctx, 'importCollectionPackage');
    const col = ctx.col();
    // Extracted beside the collection, so that it can be renamed into place.
    const source = openImportSource(file, dirname(col.path));
    ctx.afterRequest(() => source.close());
    return Promise.resolve(prepareCollectionPackage(source, col.clock));
  },
  run: (_params, ctx, prepared) => {
    const col = ctx.col();
    restoreCollectionMedia(prepared, col.media.path);
    const clock = col.clock;
    ctx.server.replaceCollectionFile((collectionPath) => {
      const backup = swapCollectionFile(collectionPath, prepared, clock.nowMs());
      process.stderr.write(`anki-connect-server: replaced ${collectionPath} with an imported collection package; the old file was copied to ${backup}\n`);
    });
    return true;
  },
});

/** The import actions, in the order the registry lists them. */
export const packageImportActions: Action[] = [importPackage, importCollectionPackage];
