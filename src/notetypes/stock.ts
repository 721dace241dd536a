import { create } from '@bufbuild/protobuf';
import { randomBytes } from 'node:crypto';
import {
  FieldConfigSchema,
  NotetypeConfigSchema,
  NotetypeConfig_CardRequirement_Kind as ReqKind,
  NotetypeConfig_CardRequirementSchema,
  NotetypeConfig_Kind,
  NotetypeConfig_OriginalStockKind as StockKind,
  TemplateConfigSchema,
} from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import type { Notetype } from './notetype.js';

/**
 * The six note types Anki adds to every new collection, with the English names, fields,
 * templates, CSS and LaTeX preamble that Anki 26.9 stores byte for byte (the reference suite
 * compares them with a collection real Anki creates: test-anki/new-collection.test.ts).
 * Ids, mtimes and usns are filled in when they are added.
 */

/** Anki's default note type CSS (`Notetype::new_config`), also what createModel uses without `css`. */
export const CARD_CSS =
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    line-height: 1.5;\n    text-align: center;\n' +
  '    color: black;\n    background-color: white;\n}\n';

const CLOZE_CSS = `${CARD_CSS}.cloze {\n    font-weight: bold;\n    color: blue;\n}\n.nightMode .cloze {\n    color: lightblue;\n}\n`;

/** Image Occlusion keeps the card style Anki used before 25.07, without a line height. */
const IMAGE_OCCLUSION_CSS =
  '#image-occlusion-canvas {\n    --inactive-shape-color: #ffeba2;\n    --active-shape-color: #ff8e8e;\n' +
  '    --inactive-shape-border: 1px #212121;\n    --active-shape-border: 1px #212121;\n' +
  '    --highlight-shape-color: #ff8e8e00;\n    --highlight-shape-border: 1px #ff8e8e;\n}\n\n' +
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n' +
  '    color: black;\n    background-color: white;\n}\n';

export const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
export const LATEX_POST = '\\end{document}';

const BASIC_ANSWER = (field: string) => `{{FrontSide}}\n\n<hr id=answer>\n\n{{${field}}}`;

const IMAGE_OCCLUSION_QUESTION =
  '{{#Header}}<div>{{Header}}</div>{{/Header}}\n' +
  '<div style="display: none">{{cloze:Occlusion}}</div>\n' +
  '<div id="err"></div>\n' +
  '<div id="image-occlusion-container">\n' +
  '    {{Image}}\n' +
  '    <canvas id="image-occlusion-canvas"></canvas>\n' +
  '</div>\n' +
  '<script>\n' +
  'try {\n' +
  '    anki.imageOcclusion.setup();\n' +
  '} catch (exc) {\n' +
  '    document.getElementById("err").innerHTML = `Error loading image occlusion. Is your Anki version up to date?<br><br>${exc}`;\n' +
  '}\n' +
  '</script>\n';

const IMAGE_OCCLUSION_ANSWER =
  IMAGE_OCCLUSION_QUESTION +
  '\n<div><button id="toggle">Toggle Masks</button></div>\n' +
  '{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}\n';

interface FieldSpec {
  name: string;
  /** Image occlusion and cloze fields carry a tag so Anki can find them after renames. */
  tag?: number;
  preventDeletion?: boolean;
}

interface StockSpec {
  name: string;
  /** The original_stock_kind value Anki stores. */
  kind: StockKind;
  cloze: boolean;
  css: string;
  fields: FieldSpec[];
  templates: { name: string; q: string; a: string }[];
  /** Anki's legacy card requirements: [card ord, kind, field ords]. */
  reqs: [number, ReqKind, number[]][];
}

const STOCK: StockSpec[] = [
  {
    name: 'Basic',
    kind: StockKind.BASIC,
    cloze: false,
    css: CARD_CSS,
    fields: [{ name: 'Front' }, { name: 'Back' }],
    templates: [{ name: 'Card 1', q: '{{Front}}', a: BASIC_ANSWER('Back') }],
    reqs: [[0, ReqKind.ANY, [0]]],
  },
  {
    name: 'Basic (and reversed card)',
    kind: StockKind.BASIC_AND_REVERSED,
    cloze: false,
    css: CARD_CSS,
    fields: [{ name: 'Front' }, { name: 'Back' }],
    templates: [
      { name: 'Card 1', q: '{{Front}}', a: BASIC_ANSWER('Back') },
      { name: 'Card 2', q: '{{Back}}', a: BASIC_ANSWER('Front') },
    ],
    reqs: [
      [0, ReqKind.ANY, [0]],
      [1, ReqKind.ANY, [1]],
    ],
  },
  {
    name: 'Basic (optional reversed card)',
    kind: StockKind.BASIC_OPTIONAL_REVERSED,
    cloze: false,
    css: CARD_CSS,
    fields: [{ name: 'Front' }, { name: 'Back' }, { name: 'Add Reverse' }],
    templates: [
      { name: 'Card 1', q: '{{Front}}', a: BASIC_ANSWER('Back') },
      { name: 'Card 2', q: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', a: BASIC_ANSWER('Front') },
    ],
    reqs: [
      [0, ReqKind.ANY, [0]],
      [1, ReqKind.ALL, [1, 2]],
    ],
  },
  {
    name: 'Basic (type in the answer)',
    kind: StockKind.BASIC_TYPING,
    cloze: false,
    css: CARD_CSS,
    fields: [{ name: 'Front' }, { name: 'Back' }],
    templates: [
      {
        name: 'Card 1',
        q: '{{Front}}\n\n{{type:Back}}',
        a: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}',
      },
    ],
    reqs: [[0, ReqKind.ANY, [0, 1]]],
  },
  {
    name: 'Cloze',
    kind: StockKind.CLOZE,
    cloze: true,
    css: CLOZE_CSS,
    fields: [{ name: 'Text', tag: 0, preventDeletion: true }, { name: 'Back Extra', tag: 1 }],
    templates: [{ name: 'Cloze', q: '{{cloze:Text}}', a: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
    reqs: [[0, ReqKind.ANY, [0]]],
  },
  {
    name: 'Image Occlusion',
    kind: StockKind.IMAGE_OCCLUSION,
    cloze: true,
    css: IMAGE_OCCLUSION_CSS,
    fields: [
      { name: 'Occlusion', tag: 0, preventDeletion: true },
      { name: 'Image', tag: 1, preventDeletion: true },
      { name: 'Header', tag: 2, preventDeletion: true },
      { name: 'Back Extra', tag: 3, preventDeletion: true },
      { name: 'Comments', tag: 4 },
    ],
    templates: [{ name: 'Image Occlusion', q: IMAGE_OCCLUSION_QUESTION, a: IMAGE_OCCLUSION_ANSWER }],
    reqs: [[0, ReqKind.ANY, [0, 1, 2]]],
  },
];

/** A random signed 64-bit id, as Anki gives every field and template since 23.10. */
export function randomI64(): bigint {
  return randomBytes(8).readBigInt64LE();
}

/** The stock note types in Anki's order, without ids. */
export function stockNotetypes(): Omit<Notetype, 'id'>[] {
  return STOCK.map((spec) => ({
    name: spec.name,
    mtimeSecs: 0,
    usn: 0,
    config: create(NotetypeConfigSchema, {
      kind: spec.cloze ? NotetypeConfig_Kind.CLOZE : NotetypeConfig_Kind.NORMAL,
      css: spec.css,
      latexPre: LATEX_PRE,
      latexPost: LATEX_POST,
      reqs: spec.reqs.map(([cardOrd, kind, fieldOrds]) =>
        create(NotetypeConfig_CardRequirementSchema, { cardOrd, kind, fieldOrds }),
      ),
      originalStockKind: spec.kind,
    }),
    fields: spec.fields.map((field, ord) => ({
      ord,
      name: field.name,
      config: create(FieldConfigSchema, {
        fontName: 'Arial',
        fontSize: 20,
        id: randomI64(),
        ...(field.tag === undefined ? {} : { tag: field.tag }),
        preventDeletion: field.preventDeletion ?? false,
      }),
    })),
    templates: spec.templates.map((template, ord) => ({
      ord,
      name: template.name,
      mtimeSecs: 0,
      usn: 0,
      config: create(TemplateConfigSchema, { qFormat: template.q, aFormat: template.a, id: randomI64() }),
    })),
  }));
}
