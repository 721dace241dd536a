/**
 * Which media files an .apkg carries (rslib `gather.rs` `gather_media_names`): every file a
 * gathered note refers to (media tags, `[sound:…]`, LaTeX images named after their source), plus
 * the underscore files of the gathered note types. Names that are not a single plain path
 * component are ignored, and so, when packing, are files missing from the media folder.
 */
import type { Notetype } from '../../notetypes/notetype.js';
import { extractLatex } from '../../template/latex.js';
import { extractMediaRefs } from '../../text/media-refs.js';
import { isSafeFilename } from '../media-names.js';
import { underscoredCssImports, underscoredReferences } from './static-refs.js';

/** Collects media names as notes go by. */
export class MediaNameCollector {
  readonly names = new Set<string>();

  private add(name: string): void {
    if (isSafeFilename(name)) this.names.add(name);
  }

  /** The files the fields of one note refer to; `svg` when its note type renders LaTeX as SVG. */
  addNote(fields: readonly string[], svg: boolean): void {
    for (const field of fields) {
      for (const name of extractMediaRefs(field)) this.add(name);
      if (field.includes('[')) for (const latex of extractLatex(field, svg).latex) this.add(latex.filename);
    }
  }

  /** The underscore files of a note type's CSS and templates. */
  addNotetype(notetype: Notetype): void {
    for (const name of underscoredCssImports(notetype.config.css)) this.add(name);
    for (const template of notetype.templates) {
      for (const side of [template.config.qFormat, template.config.aFormat]) {
        for (const name of underscoredReferences(side)) this.add(name);
      }
    }
  }
}
