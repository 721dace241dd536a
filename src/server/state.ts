import { join } from 'node:path';
import type { ServerState } from '../api/context.js';
import type { Clock } from '../collection/clock.js';
import type { Collection } from '../collection/collection.js';
import { openCollection } from '../collection/open.js';
import type { Settings } from '../config/settings.js';
import { AnkiConnectError } from '../errors.js';

/** Where a profile's files live: `<base>/<profile>/collection.anki2` and `collection.media/`, as in Anki. */
export function profilePaths(base: string, profile: string): { collection: string; media: string } {
  const folder = join(base, profile);
  return { collection: join(folder, 'collection.anki2'), media: join(folder, 'collection.media') };
}

/** The server's live state: settings and the one open collection (one writer per profile). */
export class ProfileServerState implements ServerState {
  private col: Collection | undefined;
  private profile: string | undefined;

  constructor(
    readonly settings: Settings,
    private readonly clock?: Clock,
  ) {}

  /** Opens (creating when missing) the named profile's collection, closing any other. */
  openProfile(name: string): Collection {
    if (this.col !== undefined && this.profile === name) return this.col;
    this.close();
    const paths = profilePaths(this.settings.base, name);
    this.col = openCollection(paths.collection, {
      mediaDir: paths.media,
      ...(this.clock === undefined ? {} : { clock: this.clock }),
    });
    this.profile = name;
    return this.col;
  }

  collection(): Collection {
    if (this.col === undefined || this.col.isClosed) throw new AnkiConnectError('collection is not available');
    return this.col;
  }

  collectionIfOpen(): Collection | undefined {
    return this.col?.isClosed === false ? this.col : undefined;
  }

  profileName(): string | undefined {
    return this.profile;
  }

  close(): void {
    this.col?.close();
    this.col = undefined;
    this.profile = undefined;
  }
}
