import { Type, type Static } from '@sinclair/typebox';
import type { Collection } from '../../collection/collection.js';
import { AnkiConnectError } from '../../errors.js';
import { pythonRepr } from '../../http/python-errors.js';
import { createNotetype } from '../../notetypes/create.js';
import { beginEdit, type EditableNotetype } from '../../notetypes/edit.js';
import { addField, removeField, renameField, repositionField } from '../../notetypes/fields.js';
import { fieldFonts, fieldsOnTemplates, templatesByName } from '../../notetypes/legacy-views.js';
import { fieldByName, notetypeByName } from '../../notetypes/lookup.js';
import { saveNotetype } from '../../notetypes/save.js';
import { notetypeToSchema11 } from '../../notetypes/schema11.js';
import {
  addTemplate,
  findAndReplace,
  removeTemplate,
  renameTemplate,
  repositionTemplate,
  updateTemplates,
} from '../../notetypes/templates.js';
import { defineAction, type Action } from '../action.js';
import { Id, IdList, Nothing, StringList } from '../schemas.js';

/**
 * A note type's legacy dict (see notetypes/schema11.ts). Field and template `id`s are 64-bit
 * integers that the reply carries with all their digits.
 */
const NotetypeDict = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The note type as Anki\'s legacy JSON dict (id, name, type, mod, usn, sortf, did, tmpls, flds, css, latexPre, latexPost, latexsvg, req, …).',
});
const ModelName = Type.String();

/** Loads the note type called `modelName`, lets `edit` change a copy, and saves it. */
function editNotetype(col: Collection, modelName: string, edit: (notetype: EditableNotetype) => void): void {
  const edited = beginEdit(notetypeByName(col, modelName));
  edit(edited);
  saveNotetype(col, edited);
}

/** Python's `str()` of a JSON value, for Anki-Connect's "should be a string: {}" messages. */
function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

export const modelNames = defineAction({
  name: 'modelNames',
  summary: 'Names of all note types.',
  params: Type.Object({}),
  result: Type.Array(Type.String()),
  run: (_params, ctx) => ctx.col().notetypes.namesAndIds().map((notetype) => notetype.name),
});

export const modelNamesAndIds = defineAction({
  name: 'modelNamesAndIds',
  summary: 'Every note type name mapped to its id.',
  params: Type.Object({}),
  result: Type.Record(Type.String(), Id),
  run: (_params, ctx) =>
    Object.fromEntries(ctx.col().notetypes.namesAndIds().map((notetype) => [notetype.name, notetype.id])),
});

export const modelNameFromId = defineAction({
  name: 'modelNameFromId',
  summary: 'The name of the note type with this id.',
  params: Type.Object({ modelId: Id }),
  result: Type.String(),
  run: ({ modelId }, ctx) => {
    const notetype = ctx.col().notetypes.get(modelId);
    if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${modelId}`);
    return notetype.name;
  },
});

export const findModelsById = defineAction({
  name: 'findModelsById',
  summary: 'The full note types with these ids, as legacy JSON dicts.',
  params: Type.Object({ modelIds: IdList }),
  result: Type.Array(NotetypeDict),
  run: ({ modelIds }, ctx) =>
    modelIds.map((id) => {
      const notetype = ctx.col().notetypes.get(id);
      if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${id}`);
      return notetypeToSchema11(notetype);
    }),
});

export const findModelsByName = defineAction({
  name: 'findModelsByName',
  summary: 'The full note types with these names, as legacy JSON dicts.',
  params: Type.Object({ modelNames: StringList }),
  result: Type.Array(NotetypeDict),
  run: ({ modelNames: names }, ctx) => names.map((name) => notetypeToSchema11(notetypeByName(ctx.col(), name))),
});

export const modelFieldNames = defineAction({
  name: 'modelFieldNames',
  summary: "A note type's field names in field order.",
  params: Type.Object({ modelName: ModelName }),
  result: Type.Array(Type.String()),
  run: ({ modelName }, ctx) => notetypeByName(ctx.col(), modelName).fields.map((field) => field.name),
});

export const modelFieldDescriptions = defineAction({
  name: 'modelFieldDescriptions',
  summary: "A note type's field descriptions in field order.",
  params: Type.Object({ modelName: ModelName }),
  result: Type.Array(Type.String()),
  run: ({ modelName }, ctx) => notetypeByName(ctx.col(), modelName).fields.map((field) => field.config.description),
});

export const modelFieldFonts = defineAction({
  name: 'modelFieldFonts',
  summary: "Each field's editor font and size.",
  params: Type.Object({ modelName: ModelName }),
  result: Type.Record(Type.String(), Type.Object({ font: Type.String(), size: Type.Integer() })),
  run: ({ modelName }, ctx) => fieldFonts(notetypeByName(ctx.col(), modelName)),
});

export const modelFieldsOnTemplates = defineAction({
  name: 'modelFieldsOnTemplates',
  summary: 'For each template, the fields shown on its front and (not already on the front) on its back.',
  params: Type.Object({ modelName: ModelName }),
  result: Type.Record(Type.String(), Type.Tuple([StringList, StringList])),
  run: ({ modelName }, ctx) => fieldsOnTemplates(notetypeByName(ctx.col(), modelName)),
});

const CardTemplateRequest = Type.Object({
  Name: Type.Optional(Type.String()),
  Front: Type.String(),
  Back: Type.String(),
});

export const createModel = defineAction({
  name: 'createModel',
  summary: 'Creates a note type from field names and card templates; returns it as a legacy JSON dict.',
  params: Type.Object({
    modelName: Type.String(),
    inOrderFields: StringList,
    cardTemplates: Type.Array(CardTemplateRequest),
    css: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    isCloze: Type.Optional(Type.Boolean()),
  }),
  result: NotetypeDict,
  write: true,
  run: (params, ctx) => notetypeToSchema11(createNotetype(ctx.col(), params)),
});

export const modelTemplates = defineAction({
  name: 'modelTemplates',
  summary: "Each template's front and back, by template name.",
  params: Type.Object({ modelName: ModelName }),
  result: Type.Record(Type.String(), Type.Object({ Front: Type.String(), Back: Type.String() })),
  run: ({ modelName }, ctx) => templatesByName(notetypeByName(ctx.col(), modelName)),
});

export const modelStyling = defineAction({
  name: 'modelStyling',
  summary: "A note type's CSS.",
  params: Type.Object({ modelName: ModelName }),
  result: Type.Object({ css: Type.String() }),
  run: ({ modelName }, ctx) => ({ css: notetypeByName(ctx.col(), modelName).config.css }),
});

const TemplateSides = Type.Object({
  Front: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  Back: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const updateModelTemplates = defineAction({
  name: 'updateModelTemplates',
  summary: 'Replaces the given sides of the named templates; empty sides and unknown names are ignored.',
  params: Type.Object({
    model: Type.Object({
      name: Type.String(),
      templates: Type.Record(Type.String(), Type.Union([TemplateSides, Type.Null()])),
    }),
  }),
  result: Nothing,
  write: true,
  run: ({ model }, ctx) => {
    editNotetype(ctx.col(), model.name, (notetype) => updateTemplates(notetype, model.templates));
    return null;
  },
});

export const updateModelStyling = defineAction({
  name: 'updateModelStyling',
  summary: "Replaces a note type's CSS.",
  params: Type.Object({ model: Type.Object({ name: Type.String(), css: Type.String() }) }),
  result: Nothing,
  write: true,
  run: ({ model }, ctx) => {
    editNotetype(ctx.col(), model.name, (notetype) => {
      notetype.config.css = model.css;
    });
    return null;
  },
});

const FindAndReplaceFields = {
  modelName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  findText: Type.Optional(Type.String()),
  replaceText: Type.Optional(Type.String()),
  front: Type.Optional(Type.Boolean()),
  back: Type.Optional(Type.Boolean()),
  css: Type.Optional(Type.Boolean()),
};
const FindAndReplaceParams = Type.Object({
  ...FindAndReplaceFields,
  // The seed README shows the arguments wrapped in `model`; Anki-Connect's code takes them flat.
  model: Type.Optional(Type.Object(FindAndReplaceFields)),
});

/** The arguments of findAndReplaceInModels, flat or wrapped in `model`, with Python's missing-argument error. */
function findAndReplaceArguments(params: Static<typeof FindAndReplaceParams>) {
  const source = params.model ?? params;
  const missing = (['modelName', 'findText', 'replaceText'] as const).filter((key) => !(key in source));
  if (missing.length > 0) {
    const names = missing.map((key) => `'${key}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')}${names.length > 2 ? ',' : ''} and ${names.at(-1) ?? ''}`;
    const noun = missing.length === 1 ? 'argument' : 'arguments';
    throw new AnkiConnectError(`findAndReplaceInModels() missing ${missing.length} required positional ${noun}: ${list ?? ''}`);
  }
  return {
    modelName: source.modelName ?? null,
    findText: source.findText ?? '',
    replaceText: source.replaceText ?? '',
    scope: { front: source.front ?? true, back: source.back ?? true, css: source.css ?? true },
  };
}

export const findAndReplaceInModels = defineAction({
  name: 'findAndReplaceInModels',
  summary: 'Plain text replacement in the fronts, backs and/or CSS of one note type (or all when modelName is empty); returns how many contained the text.',
  params: FindAndReplaceParams,
  result: Type.Integer(),
  write: true,
  run: (params, ctx) => {
    const col = ctx.col();
    const { modelName, findText, replaceText, scope } = findAndReplaceArguments(params);
    const notetypes =
      modelName === null || modelName === '' ? col.notetypes.ids().map((id) => col.notetypes.get(id)) : [notetypeByName(col, modelName)];
    let changed = 0;
    for (const notetype of notetypes) {
      if (notetype === undefined) continue;
      const edited = beginEdit(notetype);
      // Anki-Connect saves every note type it visits; one the text is not in is left untouched here.
      if (findAndReplace(edited, findText, replaceText, scope)) {
        saveNotetype(col, edited);
        changed++;
      }
    }
    return changed;
  },
});

export const modelTemplateRename = defineAction({
  name: 'modelTemplateRename',
  summary: 'Renames a card template.',
  params: Type.Object({ modelName: ModelName, oldTemplateName: Type.String(), newTemplateName: Type.String() }),
  result: Nothing,
  write: true,
  run: ({ modelName, oldTemplateName, newTemplateName }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => renameTemplate(notetype, oldTemplateName, newTemplateName));
    return null;
  },
});

export const modelTemplateReposition = defineAction({
  name: 'modelTemplateReposition',
  summary: 'Moves a card template to a 0-based position; its cards follow.',
  params: Type.Object({ modelName: ModelName, templateName: Type.String(), index: Type.Integer() }),
  result: Nothing,
  write: true,
  run: ({ modelName, templateName, index }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => repositionTemplate(notetype, templateName, index));
    return null;
  },
});

export const modelTemplateAdd = defineAction({
  name: 'modelTemplateAdd',
  summary: 'Adds a card template (a no-op when one of that name exists) and the cards it makes.',
  params: Type.Object({
    modelName: ModelName,
    template: Type.Object({ Name: Type.String(), Front: Type.String(), Back: Type.String() }),
  }),
  result: Nothing,
  write: true,
  run: ({ modelName, template }, ctx) => {
    const col = ctx.col();
    const edited = beginEdit(notetypeByName(col, modelName));
    if (addTemplate(edited, template.Name, template.Front, template.Back)) saveNotetype(col, edited);
    return null;
  },
});

export const modelTemplateRemove = defineAction({
  name: 'modelTemplateRemove',
  summary: 'Removes a card template and its cards; refused when a note would be left without cards.',
  params: Type.Object({ modelName: ModelName, templateName: Type.String() }),
  result: Nothing,
  write: true,
  run: ({ modelName, templateName }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => removeTemplate(notetype, templateName));
    return null;
  },
});

export const modelFieldRename = defineAction({
  name: 'modelFieldRename',
  summary: 'Renames a field and its references in every template.',
  params: Type.Object({ modelName: ModelName, oldFieldName: Type.String(), newFieldName: Type.String() }),
  result: Nothing,
  write: true,
  run: ({ modelName, oldFieldName, newFieldName }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => renameField(notetype, oldFieldName, newFieldName));
    return null;
  },
});

export const modelFieldReposition = defineAction({
  name: 'modelFieldReposition',
  summary: 'Moves a field to a 0-based position; note contents follow.',
  params: Type.Object({ modelName: ModelName, fieldName: Type.String(), index: Type.Integer() }),
  result: Nothing,
  write: true,
  run: ({ modelName, fieldName, index }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => repositionField(notetype, fieldName, index));
    return null;
  },
});

export const modelFieldAdd = defineAction({
  name: 'modelFieldAdd',
  summary: 'Adds an empty field (at the end, or at a 0-based index); an existing field is only moved.',
  params: Type.Object({
    modelName: ModelName,
    fieldName: Type.String(),
    index: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  }),
  result: Nothing,
  write: true,
  run: ({ modelName, fieldName, index }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => addField(notetype, fieldName, index ?? null));
    return null;
  },
});

export const modelFieldRemove = defineAction({
  name: 'modelFieldRemove',
  summary: 'Removes a field from the note type, its notes and its templates.',
  params: Type.Object({ modelName: ModelName, fieldName: Type.String() }),
  result: Nothing,
  write: true,
  run: ({ modelName, fieldName }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => removeField(notetype, fieldName));
    return null;
  },
});

export const modelFieldSetFont = defineAction({
  name: 'modelFieldSetFont',
  summary: "Sets a field's editor font.",
  params: Type.Object({ modelName: ModelName, fieldName: Type.String(), font: Type.Unknown() }),
  result: Nothing,
  write: true,
  run: ({ modelName, fieldName, font }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => {
      const field = fieldByName(notetype, fieldName);
      if (typeof font !== 'string') throw new AnkiConnectError(`font should be a string: ${pythonStr(font)}`);
      field.config.fontName = font;
    });
    return null;
  },
});

export const modelFieldSetFontSize = defineAction({
  name: 'modelFieldSetFontSize',
  summary: "Sets a field's editor font size.",
  params: Type.Object({ modelName: ModelName, fieldName: Type.String(), fontSize: Type.Unknown() }),
  result: Nothing,
  write: true,
  run: ({ modelName, fieldName, fontSize }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => {
      const field = fieldByName(notetype, fieldName);
      if (typeof fontSize !== 'number' || !Number.isInteger(fontSize)) {
        throw new AnkiConnectError(`fontSize should be an integer: ${pythonStr(fontSize)}`);
      }
      // Anki's legacy dict holds the size as a u16 and refuses anything else.
      if (fontSize < 0 || fontSize > 0xffff) throw new AnkiConnectError(`fontSize should be between 0 and 65535: ${fontSize}`);
      field.config.fontSize = fontSize;
    });
    return null;
  },
});

export const modelFieldSetDescription = defineAction({
  name: 'modelFieldSetDescription',
  summary: "Sets a field's description (the editor's placeholder text); returns true.",
  params: Type.Object({ modelName: ModelName, fieldName: Type.String(), description: Type.Unknown() }),
  result: Type.Boolean(),
  write: true,
  run: ({ modelName, fieldName, description }, ctx) => {
    editNotetype(ctx.col(), modelName, (notetype) => {
      const field = fieldByName(notetype, fieldName);
      if (typeof description !== 'string') {
        throw new AnkiConnectError(`description should be a string: ${pythonStr(description)}`);
      }
      field.config.description = description;
    });
    return true;
  },
});

/** The models actions, in the order the registry lists them. */
export const modelActions: Action[] = [
  modelNames,
  modelNamesAndIds,
  modelNameFromId,
  findModelsById,
  findModelsByName,
  modelFieldNames,
  modelFieldDescriptions,
  modelFieldFonts,
  modelFieldsOnTemplates,
  createModel,
  modelTemplates,
  modelStyling,
  updateModelTemplates,
  updateModelStyling,
  findAndReplaceInModels,
  modelTemplateRename,
  modelTemplateReposition,
  modelTemplateAdd,
  modelTemplateRemove,
  modelFieldRename,
  modelFieldReposition,
  modelFieldAdd,
  modelFieldRemove,
  modelFieldSetFont,
  modelFieldSetFontSize,
  modelFieldSetDescription,
];
