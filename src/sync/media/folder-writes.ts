/**
 * What a pull does to the media folder: writing downloaded files and moving files the server
 * deleted into Anki's trash (`media.trash`, beside the folder).
 *
 * A downloaded file is written to a temporary file outside the media folder (beside it, in the
 * profile folder), flushed, then renamed into place, so the folder only ever holds complete
 * files: a crash or a failed sync leaves at most a stray temporary file in the profile folder,
 * which the next sync removes. When the media folder is a mount of its own (rename cannot cross
 * filesystems) the temporary file goes inside the folder under a name longer than Anki allows,
 * so neither Anki's scanner nor ours would ever sync it.
 *
 * Names are confined: a file is only ever written under a normalised name, which cannot contain
 * a path separator or be `.`/`..`.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashSuffixedName, isNormalizedMediaFilename, normalizeMediaFilename } from '../../media/filename.js';
import { syncFolderEntries, writeNewFileDurably } from '../../media/durable.js';
import { MediaFolder, MediaNameError } from '../../media/folder.js';
import { sha1Hex, sha1HexOfFile } from '../../media/hash.js';
import { mtimeMillis } from './file-times.js';

/** A downloaded file as it landed in the folder. */
export interface AddedFile {
  /** The name it was stored under. */
  readonly fname: string;
  readonly sha1: string;
  /** Milliseconds, as Anki records a download (a later scan rewrites it in seconds). */
  readonly mtime: number;
  /** Set when the server's name was not normalised: the name the server used. */
  readonly renamedFrom?: string;
}

// Temporary names beside the folder: `.collection.media.sync-<hex>.tmp`.
function siblingTempPrefix(mediaDir: string): string {
  return `.${path.basename(mediaDir)}.sync-`;
}
const SIBLING_TEMP_SUFFIX = '.tmp';
// Inside the folder: padded past Anki's 120-byte limit so that no scanner takes it for media.
const IN_FOLDER_TEMP_PREFIX = '.anki-connect-server-sync-partial-';
const IN_FOLDER_TEMP_BYTES = 130;

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function inFolderTempName(): string {
  const name = `${IN_FOLDER_TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
  return name.padEnd(IN_FOLDER_TEMP_BYTES, 'x');
}

/** Removes temporary files an interrupted earlier sync left behind. */
export function removeStrayTempFiles(mediaDir: string): void {
  const parent = path.dirname(mediaDir);
  const prefix = siblingTempPrefix(mediaDir);
  const remove = (dir: string, matches: (name: string) => boolean): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) if (matches(name)) fs.rmSync(path.join(dir, name), { force: true });
  };
  remove(parent, (name) => name.startsWith(prefix) && name.endsWith(SIBLING_TEMP_SUFFIX));
  remove(mediaDir, (name) => name.startsWith(IN_FOLDER_TEMP_PREFIX));
}

/** Replaces (or creates) `mediaDir/name` with `data` in one rename. `name` must be normalised. */
function writeAtomically(mediaDir: string, name: string, data: Uint8Array): string {
  const target = path.join(mediaDir, name);
  if (!isNormalizedMediaFilename(name) || path.dirname(target) !== mediaDir) {
    throw new MediaNameError(`invalid media filename: ${JSON.stringify(name)}`);
  }
  const sibling = path.join(path.dirname(mediaDir), `${siblingTempPrefix(mediaDir)}${randomBytes(8).toString('hex')}${SIBLING_TEMP_SUFFIX}`);
  try {
    writeNewFileDurably(sibling, data);
    fs.renameSync(sibling, target);
  } catch (err) {
    fs.rmSync(sibling, { force: true });
    if (errorCode(err) !== 'EXDEV') throw err;
    const inside = path.join(mediaDir, inFolderTempName());
    try {
      writeNewFileDurably(inside, data);
      fs.renameSync(inside, target);
    } catch (err2) {
      fs.rmSync(inside, { force: true });
      throw err2;
    }
  }
  syncFolderEntries(mediaDir);
  return target;
}

/**
 * Stores a file the server sent (rslib `add_file_from_ankiweb`). A normalised name is written as
 * is, replacing any local file. A name that is not normalised (old servers accepted anything) is
 * stored under its normalised form — or, if a different file already has that name, under the
 * hash-suffixed form — and reported with `renamedFrom`, so the caller can queue the server-side
 * rename. Returns null for a name that normalises to nothing (Anki fails the whole sync on it;
 * skipping it lets the rest of the media sync).
 */
export function storeDownloadedFile(mediaDir: string, serverName: string, data: Uint8Array): AddedFile | null {
  const sha1 = sha1Hex(data);
  if (isNormalizedMediaFilename(serverName)) {
    const target = writeAtomically(mediaDir, serverName, data);
    return { fname: serverName, sha1, mtime: mtimeMillis(target) };
  }
  const normalized = normalizeMediaFilename(serverName);
  if (normalized === '') return null;
  let fname = normalized;
  const existing = fs.statSync(path.join(mediaDir, normalized), { throwIfNoEntry: false });
  if (existing !== undefined) {
    const same = existing.isFile() && existing.size === data.byteLength && sha1HexOfFile(path.join(mediaDir, normalized)) === sha1;
    if (!same) fname = hashSuffixedName(normalized, sha1);
  }
  const target = fname === normalized && existing !== undefined ? path.join(mediaDir, fname) : writeAtomically(mediaDir, fname, data);
  return { fname, sha1, mtime: mtimeMillis(target), renamedFrom: serverName };
}

/**
 * Moves the named files into Anki's trash, replacing same-named trash. A name that could not be
 * a file of this folder (it contains a separator, say) has nothing to move. Returns how many
 * files were moved.
 */
export function trashFiles(mediaDir: string, names: readonly string[]): number {
  const folder = new MediaFolder(mediaDir);
  let moved = 0;
  for (const name of names) {
    try {
      if (folder.moveToTrash(name)) moved++;
    } catch (err) {
      if (!(err instanceof MediaNameError)) throw err;
    }
  }
  return moved;
}
