import { Type } from '@sinclair/typebox';
import { AnkiConnectError } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { Id } from '../schemas.js';

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

export const modelFieldNames = defineAction({
  name: 'modelFieldNames',
  summary: "A note type's field names in field order.",
  params: Type.Object({ modelName: Type.String() }),
  result: Type.Array(Type.String()),
  run: ({ modelName }, ctx) => {
    const notetype = ctx.col().notetypes.byName(modelName);
    if (notetype === undefined) throw new AnkiConnectError(`model was not found: ${modelName}`);
    return notetype.fields.map((field) => field.name);
  },
});

/** The models actions, in the order the registry lists them. */
export const modelActions: Action[] = [modelNames, modelNamesAndIds, modelFieldNames];
