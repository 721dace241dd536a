/**
 * The media sync's fixed sizes (rslib `sync/media/mod.rs`). Both sides enforce them: the server
 * answers 400 to a zip beyond them, so they are not tuning knobs.
 */

/** Files (additions and deletions together) per upload zip, and names per download request. */
export const MAX_FILES_PER_BATCH = 25;

/** Once a batch's file data passes this, no further file is added (so one file may overshoot it). */
export const TARGET_BATCH_BYTES = Math.floor(2.5 * 1024 * 1024);

/** Larger files are never synced: the scanner ignores them and the server refuses them. */
export const MAX_MEDIA_FILE_BYTES = 100 * 1024 * 1024;

/** The server refuses names longer than this many UTF-8 bytes (local names are capped at 120). */
export const MAX_SERVER_FILENAME_BYTES = 255;

/** The name of the JSON map inside both zip formats. */
export const ZIP_META_ENTRY = '_meta';
