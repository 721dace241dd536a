import type { Action } from '../action.js';
import { Registry } from '../registry.js';
import { answerActions } from './answers.js';
import { cardInfoActions } from './card-info.js';
import { cardActions } from './cards.js';
import { deckOptionActions } from './deck-options.js';
import { deckActions } from './decks.js';
import { guiActions } from './gui.js';
import { mediaActions } from './media.js';
import { apiReflectAction, miscActions } from './misc.js';
import { modelActions } from './models.js';
import { noteEditActions } from './note-edits.js';
import { noteActions } from './notes.js';
import { packageExportActions } from './package-export.js';
import { packageImportActions } from './package-import.js';
import { profileActions } from './profiles.js';
import { searchActions } from './search.js';
import { reviewActions } from './reviews.js';
import { statsActions } from './stats.js';
import { syncActions } from './sync.js';

/**
 * Every supported action. Each category file exports its own list; the registry rejects a name
 * declared twice. apiReflect and the API description read this registry.
 */
export function createRegistry(): Registry {
  const list: Action[] = [
    ...miscActions,
    ...profileActions,
    ...deckActions,
    ...deckOptionActions,
    ...modelActions,
    ...noteActions,
    ...noteEditActions,
    ...searchActions,
    ...cardActions,
    ...cardInfoActions,
    ...answerActions,
    ...mediaActions,
    ...reviewActions,
    ...statsActions,
    ...packageExportActions,
    ...packageImportActions,
    ...syncActions,
    ...guiActions,
  ];
  let registry: Registry | undefined = undefined;
  list.push(apiReflectAction(() => registry?.names() ?? []));
  registry = new Registry(list);
  return registry;
}
