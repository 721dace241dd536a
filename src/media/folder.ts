/**
 * An Anki media folder (`collection.media`) on disk: adding files the way Anki names them,
 * Anki's trash, and the four Anki-Connect media actions. Everything here is synchronous: the
 * check-then-write steps of adding must not interleave with another request in this process.
 *
 * Confinement: every operation works on a single directory entry of the folder. Names that are
 * not a plain entry name (empty, `.`, `..`, containing `/`, `\` or NUL; on Windows also `:`, a
 * trailing dot or space, and device names) never reach the filesystem, so nothing outside the folder (and its sibling trash) is read, written
 * or moved. Symbolic links that the owner placed inside the folder are followed for reading,
 * and are replaced or moved as links (never written through).
 *
 * The media database (`collection.media.db2`) is not touched: it is a cache that Anki refreshes
 * when the folder's mtime changes, which every write and move here does.
 */

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { makeFolders } from '../storage/folders.js';
import * as path from 'node:path';

import { AnkiConnectError } from '../errors.js';
import { hashSuffixedName, mediaBasename, normalizeMediaFilename, retrievalFilename } from './filename.js';
import { compileGlob } from './glob.js';
import { syncFolderEntries, writeNewFileDurably } from './durable.js';
import { sha1Hex, sha1HexOfFile } from './hash.js';

/** Thrown for a media filename that is refused: it is empty after normalisation or not a plain entry name. */
export class MediaNameError extends AnkiConnectError {}

/** Name of Anki's trash folder, a sibling of the media folder (rslib `files.rs` `trash_folder`). */
export const MEDIA_TRASH_FOLDER_NAME = 'media.trash';

// Temporary files for atomic writes. Leading dot: Python's `*` does not list them either.
/** The start of every temporary file name the server uses in the media folder. */
export const RESERVED_PREFIX = '.anki-connect-server-';
const TEMP_PREFIX = `${RESERVED_PREFIX}tmp-`;

/**
 * Removes the temporary files a killed server left in a media folder (a write cut short between
 * its temporary file and the rename). Only while the profile lock is held, so that no other
 * server is writing there.
 */
export function removeServerTempFiles(mediaDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(mediaDir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(RESERVED_PREFIX)) fs.rmSync(path.join(mediaDir, name), { force: true, recursive: true });
}

/** Arguments of `MediaFolder.storeFile`. */
export interface StoreMediaFileOptions {
  /** The requested name, as the client sent it (reduced to its basename, then normalised). */
  readonly filename: string;
  /** The file content. */
  readonly data: Uint8Array;
  /** Move an existing file of the same name to the trash first (Anki-Connect's default: true). */
  readonly deleteExisting: boolean;
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** True if `name` can only mean an entry directly inside a folder, on this platform. */
function isPlainEntryName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  if (/[/\\\0]/.test(name)) return false;
  if (process.platform !== 'win32') return true;
  // Windows: `C:x` is drive-relative and `x:y` an alternate data stream; trailing dots and
  // spaces are dropped by the OS (`.. ` would become `..`); device names open devices. None of
  // these can be a normalised media name.
  return !name.includes(':') && !/[ .]$/.test(name) && !/^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)/i.test(name);
}

/** A media folder at a fixed path; the folder itself is created when first written to. */
export class MediaFolder {
  /** Absolute path of the media folder (what getMediaDirPath returns). */
  readonly path: string;
  /** Absolute path of Anki's trash folder: `media.trash` next to the media folder. */
  readonly trashPath: string;
  /** Told of every file written or moved to the trash (the change events). */
  onChange: ((name: string, op: 'added' | 'updated' | 'removed') => void) | undefined;

  /** `folderPath` may be relative; it is resolved against the current directory once, here. */
  constructor(folderPath: string) {
    this.path = path.resolve(folderPath);
    this.trashPath = path.join(path.dirname(this.path), MEDIA_TRASH_FOLDER_NAME);
  }

  /** Creates the media folder (and missing parents) if it does not exist. */
  ensureExists(): void {
    makeFolders(this.path);
  }

  /**
   * Anki's `add_data_to_folder_uniquely` (Anki ≤ 25.09): normalise `desiredName`
   * (`normalizeMediaFilename`); if no file has that name, write the data under it; if the file
   * there has the same SHA-1, write nothing; otherwise write under `hashSuffixedName(name, sha1)`.
   * Returns the name used. Writes are atomic (temporary file in the folder, fsync, rename).
   *
   * Case is kept on purpose: Anki 26.05 retries with the lower-cased name (`Foo.JPG` →
   * `foo.jpg`) before hash-suffixing; we do not, so the returned name keeps the client's case
   * like every earlier Anki.
   *
   * Deviation: if the name is taken by something that is not a regular file (a directory),
   * Anki fails with an I/O error; we treat it like different content and hash-suffix.
   *
   * @throws MediaNameError if the name normalises to `''`.
   */
  addFileUniquely(desiredName: string, data: Uint8Array): string {
    return this.addNormalized(this.normalizedOrThrow(desiredName), data);
  }

  /**
   * storeMediaFile once the bytes are known (the caller has already applied `skipHash`, which
   * current Anki-Connect checks before deleting). The name is reduced to its basename first, as
   * Anki-Connect's `writeData` does (`sub/dir/a.jpg` → `a.jpg`), then normalised. With
   * `deleteExisting`, the file of that normalised name is moved to the trash first, so the
   * data is stored under exactly that name; otherwise `addFileUniquely` rules apply.
   * Returns the stored name.
   *
   * Deviation: Anki-Connect trashes the raw requested name, not the normalised one, so for a
   * name that normalisation changes (`a?.jpg`) it may still end up hash-suffixing; we keep the
   * name, which is what `deleteExisting` is for.
   *
   * @throws MediaNameError if the basename normalises to `''` (e.g. `'dir/'`, `'???'`).
   */
  storeFile(options: StoreMediaFileOptions): string {
    const name = this.normalizedOrThrow(mediaBasename(options.filename));
    if (options.deleteExisting) this.moveToTrash(name);
    return this.addNormalized(name, options.data);
  }

  /**
   * Moves the entry `name` (exact, not normalised) into Anki's trash, `media.trash` beside the
   * media folder, created if needed. As in rslib `remove_files`, a file of the same name in the
   * trash is replaced and the moved file's mtime is set to now (Anki stamps it so that old
   * trash can be expired later).
   * Returns true if something was moved; a missing entry is a no-op (false), and so is a
   * directory (the media folder is flat; Anki would move it too).
   *
   * @throws MediaNameError if `name` is not a plain entry name (`..`, `a/b`, `a\b`, NUL, …).
   */
  moveToTrash(name: string): boolean {
    const source = this.entryPathOrThrow(name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(source);
    } catch (err) {
      // A name too long for the file system names no file there.
      if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR' || errorCode(err) === 'ENAMETOOLONG') return false;
      throw err;
    }
    if (stat.isDirectory()) return false;

    makeFolders(this.trashPath);
    const destination = path.join(this.trashPath, name);
    try {
      fs.renameSync(source, destination);
    } catch (err) {
      // The media folder can be a mount point of its own (e.g. a container volume); rename
      // cannot cross filesystems, so copy and delete instead.
      if (errorCode(err) !== 'EXDEV') throw err;
      fs.copyFileSync(source, destination);
      fs.unlinkSync(source);
    }
    const now = new Date();
    try {
      fs.lutimesSync(destination, now, now);
    } catch {
      // Only used to expire old trash; the move itself succeeded, so do not fail the request.
    }
    this.onChange?.(name, 'removed');
    return true;
  }

  /**
   * deleteMediaFile: moves `name` to the trash (see `moveToTrash`). Anki-Connect does no name
   * sanitising here and neither do we (a non-normalised name that exists is deleted), but a
   * name that is not a plain entry name is refused with an error rather than resolved: Anki
   * would join it onto the folder path and could reach outside it.
   *
   * @throws MediaNameError for `''`, `.`, `..`, names with `/`, `\` or NUL (see `MediaFolder`
   * for the extra Windows rules).
   */
  deleteFile(name: string): boolean {
    return this.moveToTrash(name);
  }

  /**
   * retrieveMediaFile: the content of the file named by `retrievalFilename(name)` (basename,
   * NFC, ``[]<>:"/?*^\|`` and NUL/CR/LF removed), or null if there is no such regular file.
   * `../../etc/passwd` therefore looks up `passwd` inside the folder; `..`, `.` and `''` give
   * null. Symbolic links inside the folder are followed.
   */
  readFile(name: string): Buffer | null {
    const target = this.entryPath(retrievalFilename(name));
    if (target === null) return null;
    try {
      // Checked first so that a FIFO or device is never opened (opening a FIFO would block).
      if (!fs.statSync(target).isFile()) return null;
      return fs.readFileSync(target);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENAMETOOLONG') return null;
      throw err;
    }
  }

  /**
   * getMediaFilesNames: the names in the folder matching the Python glob `pattern` (see
   * `compileGlob`: `*`, `?`, `[seq]`, `[!seq]`, case-sensitive, dot-names only for patterns
   * starting with `.`), sorted by UTF-16 code units.
   *
   * Deviations from Anki-Connect's `glob.glob(os.path.join(mediaDir, pattern))`, all about
   * things a flat media folder does not contain:
   * - only regular files are listed (also through symlinks); Python also lists directories and
   *   broken links;
   * - a pattern containing `/` (or NUL, or `\` on Windows) returns `[]`: Python would glob in
   *   other directories, `../*` and `/etc/*` included;
   * - `''` returns `[]` (Python returns `['']`);
   * - names that are not valid UTF-8 are skipped (no client could name them), as are this
   *   module's own temporary files; the order is sorted rather than directory order.
   */
  listNames(pattern = '*'): string[] {
    if (pattern === '' || /[/\0]/.test(pattern)) return [];
    if (process.platform === 'win32' && pattern.includes('\\')) return [];
    const matcher = compileGlob(pattern);
    let entries;
    try {
      entries = fs.readdirSync(this.path, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return [];
      throw err;
    }
    const names: string[] = [];
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      if (!Buffer.from(name, 'utf8').equals(entry.name)) continue;
      if (name.startsWith(TEMP_PREFIX) || !matcher.matches(name)) continue;
      if (entry.isFile() || (entry.isSymbolicLink() && this.isRegularFile(name))) names.push(name);
    }
    return names.sort();
  }

  /** Adds data under an already normalised, non-empty name (see `addFileUniquely`). */
  private addNormalized(name: string, data: Uint8Array): string {
    this.ensureExists();
    const target = this.entryPathOrThrow(name);
    const digest = sha1Hex(data);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing === undefined) {
      this.writeAtomically(target, data);
      this.onChange?.(name, 'added');
      return name;
    }
    // Different sizes cannot have the same SHA-1, so skip hashing a large file in that case.
    if (existing.isFile() && existing.size === data.byteLength && sha1HexOfFile(target) === digest) {
      return name;
    }
    const hashedName = hashSuffixedName(name, digest);
    const hashedPath = this.entryPathOrThrow(hashedName);
    const replaced = fs.existsSync(hashedPath);
    this.writeAtomically(hashedPath, data);
    this.onChange?.(hashedName, replaced ? 'updated' : 'added');
    return hashedName;
  }

  private normalizedOrThrow(desiredName: string): string {
    const name = normalizeMediaFilename(desiredName);
    if (name === '') throw new MediaNameError(`invalid media filename: ${JSON.stringify(desiredName)}`);
    // The server's own temporary files go by this prefix; they are hidden from listings and
    // cleared away, so a client's file must not take such a name.
    if (name.startsWith(RESERVED_PREFIX)) {
      throw new MediaNameError(`invalid media filename: ${JSON.stringify(desiredName)} (names starting with ${RESERVED_PREFIX} are the server's own)`);
    }
    return name;
  }

  /** The absolute path of entry `name`, or null if `name` is not a plain entry name. */
  private entryPath(name: string): string | null {
    if (!isPlainEntryName(name)) return null;
    const full = path.join(this.path, name);
    // Belt and braces: the joined path must be a direct child of the folder.
    return path.dirname(full) === this.path ? full : null;
  }

  private entryPathOrThrow(name: string): string {
    const full = this.entryPath(name);
    if (full === null) throw new MediaNameError(`invalid media filename: ${JSON.stringify(name)}`);
    return full;
  }

  private isRegularFile(name: string): boolean {
    return fs.statSync(path.join(this.path, name), { throwIfNoEntry: false })?.isFile() ?? false;
  }

  /**
   * Writes `data` to a new temporary file in the folder, flushes it to disk, then renames it
   * over `target`: a crash leaves either the old state or the complete new file, never a
   * truncated media file (at worst an orphaned temporary file). Rename also replaces a symlink
   * at `target` instead of writing through it.
   */
  private writeAtomically(target: string, data: Uint8Array): void {
    const temp = path.join(this.path, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      writeNewFileDurably(temp, data);
      fs.renameSync(temp, target);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    }
    syncFolderEntries(this.path);
  }
}
