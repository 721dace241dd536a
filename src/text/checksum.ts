/** Anki's note checksum (`notes.csum`, rslib `notes/mod.rs` `field_checksum`). */
import { hash } from 'node:crypto';

/**
 * The first 4 bytes of the SHA-1 of `strippedText`'s UTF-8 bytes, read as a big-endian unsigned
 * 32-bit integer. Pass the first field already run through `stripHtmlPreservingMediaFilenames`
 * (and normalised as the note is saved), as Anki does.
 */
export function fieldChecksum(strippedText: string): number {
  // crypto.hash (Node 20.12+) skips the Hash object: this runs for every note added or checked.
  return hash('sha1', strippedText, 'buffer').readUInt32BE(0);
}
