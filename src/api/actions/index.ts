import type { Action } from '../action.js';
import { Registry } from '../registry.js';
import * as decks from './decks.js';
import * as media from './media.js';
import * as misc from './misc.js';
import * as models from './models.js';
import * as notes from './notes.js';

/** Every supported action, listed explicitly; apiReflect and the API description read this registry. */
export function createRegistry(): Registry {
  const list: Action[] = [
    misc.version,
    misc.requestPermission,
    misc.multi,
    decks.deckNames,
    decks.deckNamesAndIds,
    decks.createDeck,
    models.modelNames,
    models.modelNamesAndIds,
    models.modelFieldNames,
    notes.addNote,
    notes.addNotes,
    notes.canAddNote,
    notes.canAddNotes,
    notes.canAddNoteWithErrorDetail,
    notes.canAddNotesWithErrorDetail,
    notes.notesInfo,
    notes.getTags,
    media.storeMediaFile,
    media.retrieveMediaFile,
    media.getMediaFilesNames,
    media.deleteMediaFile,
    media.getMediaDirPath,
  ];
  let registry: Registry | undefined = undefined;
  list.push(misc.apiReflectAction(() => registry?.names() ?? []));
  registry = new Registry(list);
  return registry;
}
