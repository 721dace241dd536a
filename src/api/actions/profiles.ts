// Profiles: one sub-folder of the base folder each, laid out like Anki's, one open at a time.
import { Type } from '@sinclair/typebox';
import { AnkiConnectError } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { Nothing, StringList } from '../schemas.js';

export const getProfiles = defineAction({
  name: 'getProfiles',
  summary: 'The profile names: folders of the base folder that hold a collection, sorted.',
  params: Type.Object({}),
  result: StringList,
  run: (_params, ctx) => ctx.server.profileNames(),
});

export const getActiveProfile = defineAction({
  name: 'getActiveProfile',
  summary: 'The name of the open profile.',
  params: Type.Object({}),
  result: Type.String(),
  run: (_params, ctx) => {
    const name = ctx.server.profileName();
    if (name === undefined) throw new AnkiConnectError('collection is not available');
    return name;
  },
});

export const loadProfile = defineAction({
  name: 'loadProfile',
  summary: 'Switches to an existing profile once this request is done; false for an unknown name.',
  params: Type.Object({ name: Type.String() }),
  result: Type.Boolean(),
  run: ({ name }, ctx) => ctx.server.loadProfile(name),
});

export const reloadCollection = defineAction({
  name: 'reloadCollection',
  summary: 'Forgets what the server holds in memory of the collection, so the next request reads it afresh.',
  params: Type.Object({}),
  result: Nothing,
  run: (_params, ctx) => {
    ctx.col().resetCaches();
    return null;
  },
});

export const profileActions: Action[] = [getProfiles, getActiveProfile, loadProfile, reloadCollection];
