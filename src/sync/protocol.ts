/**
 * The JSON messages of a normal sync (anki-sync.md §3) and the one decision taken from `meta`:
 * nothing to do, a normal sync, or a full sync in the directions that are allowed. Pure: no
 * storage, no network.
 */

/** The reply to `meta`, and the same facts about the local collection. */
export interface SyncMeta {
  /** col.mod, ms. */
  mod: number;
  /** col.scm, ms. */
  scm: number;
  usn: number;
  /** Clock, seconds. */
  ts: number;
  msg: string;
  cont: boolean;
  hostNum: number;
  /** No cards at all. */
  empty?: boolean;
  media_usn: number;
}

/** Ids deleted since the last sync: a card, note or deck never comes back once in here. */
export interface Graves {
  cards: number[];
  decks: number[];
  notes: number[];
}

/** Rows in schema-11 column order (§3.6). */
export type RevlogEntry = [number, number, number, number, number, number, number, number, number];
export type CardEntry = [
  number, number, number, number, number, number, number, number, number,
  number, number, number, number, number, number, number, number, string,
];
export type NoteEntry = [number, string, number, number, number, string, string, string, string, number, string];

export interface Chunk {
  done?: boolean;
  revlog?: RevlogEntry[];
  cards?: CardEntry[];
  notes?: NoteEntry[];
}

/** Note types, decks, presets, tags, and (from the newer side) the config and creation time. */
export interface UnchunkedChanges {
  models: unknown[];
  decks: [unknown[], unknown[]];
  tags: string[];
  conf?: Record<string, unknown>;
  crt?: number;
}

export interface SanityCounts {
  /** [new, learn, review], always zero nowadays. */
  counts: [number, number, number];
  cards: number;
  notes: number;
  revlog: number;
  graves: number;
  notetypes: number;
  decks: number;
  deckConfig: number;
}

/** The positional form `sanityCheck2` sends. */
export function sanityWire(counts: SanityCounts): unknown[] {
  return [counts.counts, counts.cards, counts.notes, counts.revlog, counts.graves, counts.notetypes, counts.decks, counts.deckConfig];
}

/** Anki's ChangesRequired values, which `sync` reports and Anki-Connect checks. */
export enum ChangesRequired {
  NoChanges = 0,
  NormalSync = 1,
  FullSync = 2,
  FullDownload = 3,
  FullUpload = 4,
}

export type SyncPlan =
  | { kind: 'none' }
  | { kind: 'full'; uploadOk: boolean; downloadOk: boolean }
  | { kind: 'normal'; localIsNewer: boolean; minUsn: number; serverUsn: number };

/**
 * What to do, by Anki's rules (`compared_to_remote`): equal modification times mean nothing to
 * do, even when the schemas differ; different schemas mean a full sync, where a side without
 * cards may only receive; otherwise a normal sync.
 */
export function planSync(local: SyncMeta, remote: SyncMeta): SyncPlan {
  if (remote.mod === local.mod) return { kind: 'none' };
  const localEmpty = local.empty === true;
  const remoteEmpty = remote.empty === true;
  if (remote.scm !== local.scm) {
    return { kind: 'full', uploadOk: !localEmpty || remoteEmpty, downloadOk: !remoteEmpty || localEmpty };
  }
  return { kind: 'normal', localIsNewer: local.mod > remote.mod, minUsn: local.usn, serverUsn: remote.usn };
}

/** The ChangesRequired value of a plan, as Anki's sync_collection reports it before acting. */
export function changesRequired(plan: SyncPlan): ChangesRequired {
  switch (plan.kind) {
    case 'none':
      return ChangesRequired.NoChanges;
    case 'normal':
      return ChangesRequired.NormalSync;
    case 'full':
      if (!plan.uploadOk) return ChangesRequired.FullDownload;
      if (!plan.downloadOk) return ChangesRequired.FullUpload;
      return ChangesRequired.FullSync;
  }
}

/** Rows per chunk, both ways (Anki's CHUNK_SIZE). */
export const CHUNK_SIZE = 250;
