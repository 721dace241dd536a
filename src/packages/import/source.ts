/**
 * What the importer needs from an opened package, whatever its format: the collection inside it,
 * already extracted to a file of its own, and its media files, read on demand. The package layer
 * (src/packages) provides it; tests may build one by hand.
 */

/** The three package formats (anki-format.md §3.1). */
export type PackageFormat = 'legacy1' | 'legacy2' | 'latest';

/** One media file of a package, as its media map lists it. */
export interface PackageMediaEntry {
  /** The file name the map gives, not yet checked (a package can name anything). */
  readonly name: string;
  /** Hex SHA-1 of the content when the package states it (Latest format); Anki trusts it unchecked. */
  readonly sha1?: string | undefined;
  /** Size of the content in bytes, when known without reading it. */
  readonly size?: number | undefined;
  /** The file's content, uncompressed. Throws when the package lacks the file. */
  read(): Uint8Array;
  /** Writes the content to a new file at `path`, without holding it all in memory (optional). */
  writeTo?(path: string): void;
}

/** An opened package. */
export interface ImportPackageSource {
  readonly format: PackageFormat;
  /** The package's collection, extracted to a scratch file the importer may change and delete. */
  readonly collectionPath: string;
  readonly media: readonly PackageMediaEntry[];
  /** Releases the package file and removes the scratch files. */
  close(): void;
}
