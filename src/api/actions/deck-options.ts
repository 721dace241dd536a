import { Type } from '@sinclair/typebox';
import { clonePreset, deckConfigDict, presetId, removePreset, saveDeckConfigDict, setDecksPreset } from '../../deckconfig/presets.js';
import { defineAction, type Action } from '../action.js';
import { Id } from '../schemas.js';

/** A preset id as clients send it: a number, or a string of digits (upstream passes it to int()). */
const PresetIdParam = Type.Union([Type.Integer(), Type.String()]);

export const getDeckConfig = defineAction({
  name: 'getDeckConfig',
  summary: "The options preset of a deck as Anki's legacy dict (new/rev/lapse groups); a filtered deck's own dict; false for an unknown deck.",
  params: Type.Object({ deck: Type.String() }),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Literal(false)]),
  run: ({ deck }, ctx) => deckConfigDict(ctx.col(), deck) ?? false,
});

export const saveDeckConfig = defineAction({
  name: 'saveDeckConfig',
  summary: 'Saves a legacy preset dict over the preset with its id; false if there is none or the dict is invalid.',
  params: Type.Object({ config: Type.Record(Type.String(), Type.Unknown()) }),
  result: Type.Boolean(),
  write: true,
  run: ({ config }, ctx) => saveDeckConfigDict(ctx.col(), config),
});

export const setDeckConfigId = defineAction({
  name: 'setDeckConfigId',
  summary: 'Gives decks an options preset; false, changing nothing, if a deck or the preset does not exist.',
  params: Type.Object({ decks: Type.Array(Type.String()), configId: PresetIdParam }),
  result: Type.Boolean(),
  write: true,
  run: ({ decks, configId }, ctx) => setDecksPreset(ctx.col(), decks, presetId(configId)),
});

export const cloneDeckConfigId = defineAction({
  name: 'cloneDeckConfigId',
  summary: 'Creates a preset called name with the settings of preset cloneFrom (default 1); its id, or false if cloneFrom does not exist.',
  params: Type.Object({ name: Type.String(), cloneFrom: Type.Optional(PresetIdParam) }),
  result: Type.Union([Id, Type.Literal(false)]),
  write: true,
  run: ({ name, cloneFrom }, ctx) => clonePreset(ctx.col(), name, presetId(cloneFrom ?? '1')),
});

export const removeDeckConfigId = defineAction({
  name: 'removeDeckConfigId',
  summary: 'Deletes a preset, moving its decks to preset 1; false for preset 1 or an unknown id.',
  params: Type.Object({ configId: PresetIdParam }),
  result: Type.Boolean(),
  write: true,
  run: ({ configId }, ctx) => removePreset(ctx.col(), presetId(configId)),
});

/** Options presets (deck configs) of decks. */
export const deckOptionActions: Action[] = [getDeckConfig, saveDeckConfig, setDeckConfigId, cloneDeckConfigId, removeDeckConfigId];
