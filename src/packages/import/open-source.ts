/**
 * A package opened by the package layer (src/packages/open.ts), seen as the importer's source:
 * the layer has already extracted the collection and checked the media names; media bytes are
 * read from the package when they are copied.
 */
import { openPackage } from '../open.js';
import type { ImportPackageSource } from './source.js';

/** Opens the package at `path`, extracting its collection into a new folder under `tempDir`. */
export function openImportSource(path: string, tempDir: string): ImportPackageSource {
  const pkg = openPackage(path, tempDir);
  return {
    format: pkg.format,
    collectionPath: pkg.collectionPath,
    media: pkg.media.map((media) => ({
      name: media.name,
      sha1: media.sha1 === undefined ? undefined : Buffer.from(media.sha1).toString('hex'),
      size: media.size,
      read: () => media.readBytes(),
      writeTo: (target: string) => {
        media.writeTo(target);
      },
    })),
    close: () => pkg.close(),
  };
}
