/**
 * Which of a package's media files an import copies, and under which names (Anki's MediaUseMap).
 *
 * - A file whose name is free in the media folder is copied if an imported note refers to it.
 * - A file whose name is taken by identical content is not copied: the notes can use the file
 *   that is there.
 * - A file whose name is taken by other content is renamed `stem-<sha1>.ext` and copied if a
 *   note refers to it; those references are rewritten to the new name.
 * - "Static" files (`_…`, `latex-…`) are copied whenever their name is free, referred to or not
 *   (templates and add-ons use them); a taken name keeps its file.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashSuffixedName, sha1Hex, sha1HexOfFile } from '../../media/index.js';
import { isStaticMedia, safeNormalizedName, type CheckedMediaEntry } from './media-entries.js';

/** A file to copy: the package entry and the name it gets in the media folder. */
export interface PlannedMedia {
  readonly source: CheckedMediaEntry;
  readonly name: string;
  /** Hex SHA-1 of the content, when known before copying. */
  readonly sha1: string | undefined;
}

export class MediaPlan {
  /** By the package's (normalised) name: the file and whether an imported note uses it. */
  private readonly checked = new Map<string, { used: boolean; media: PlannedMedia }>();
  /** Static files whose name is free. */
  private readonly unchecked: PlannedMedia[] = [];

  /** Compares each entry with the media folder (see the module comment). */
  constructor(entries: readonly CheckedMediaEntry[], mediaDir: string) {
    for (const entry of entries) {
      const existing = existingFile(mediaDir, entry.name);
      if (isStaticMedia(entry.name)) {
        if (existing === undefined) this.unchecked.push({ source: entry, name: entry.name, sha1: entry.sha1 });
      } else if (existing !== undefined) {
        // Legacy maps carry no checksum: the content is read to compare it.
        const sha1 = entry.sha1 ?? sha1Hex(entry.entry.read());
        if (sha1 !== sha1HexOfFile(existing)) {
          this.checked.set(entry.name, { used: false, media: { source: entry, name: hashSuffixedName(entry.name, sha1), sha1 } });
        }
      } else {
        this.checked.set(entry.name, { used: false, media: { source: entry, name: entry.name, sha1: entry.sha1 } });
      }
    }
  }

  /**
   * The name a note's reference should carry (Anki's `munge_media` callback): the package's file
   * under its new name when it is renamed, the normalised name otherwise; undefined to leave
   * the reference as it is. A reference to a package file marks that file used.
   */
  renameReference(name: string): string | undefined {
    const normalized = safeNormalizedName(name);
    if (normalized === undefined) return undefined;
    const planned = this.checked.get(normalized);
    if (planned !== undefined) {
      planned.used = true;
      return planned.media.name !== name ? planned.media.name : undefined;
    }
    return normalized !== name ? normalized : undefined;
  }

  /** The files to copy: those notes use, then the static ones. */
  toCopy(): PlannedMedia[] {
    const used = [...this.checked.values()].filter((item) => item.used).map((item) => item.media);
    return [...used, ...this.unchecked];
  }
}

/**
 * The path of the folder's file `name` as Anki's media database would list it: a regular file
 * with content (Anki's scanner skips empty files, so an empty file counts as absent and is
 * replaced).
 */
function existingFile(mediaDir: string, name: string): string | undefined {
  const path = join(mediaDir, name);
  if (!existsSync(path)) return undefined;
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && info.isFile() && info.size > 0 ? path : undefined;
}
