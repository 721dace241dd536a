import { Type } from '@sinclair/typebox';
import { forgetCards as forget, relearnCards as relearn, setDueDate as setDue } from '../../cards/reschedule.js';
import { PROTECTED_CARD_KEYS, setSpecificCardValues } from '../../cards/specific-values.js';
import { areSuspended, isSuspended, setSuspended } from '../../cards/suspend.js';
import { cardModTimes, easeFactors, setEaseFactors as writeEaseFactors } from '../../cards/values.js';
import { defineAction, type Action } from '../action.js';
import { Id, IdList, Nothing } from '../schemas.js';

export const cardsModTime = defineAction({
  name: 'cardsModTime',
  summary: 'The modification time (seconds) of each card; {} for an unknown id.',
  params: Type.Object({ cards: IdList }),
  result: Type.Array(Type.Union([Type.Object({ cardId: Id, mod: Type.Integer() }), Type.Object({})])),
  run: ({ cards }, ctx) => cardModTimes(ctx.col(), cards),
});

export const getEaseFactors = defineAction({
  name: 'getEaseFactors',
  summary: 'The ease factor of each card in permille (2500 = 250%); null for an unknown id.',
  params: Type.Object({ cards: IdList }),
  result: Type.Array(Type.Union([Type.Integer(), Type.Null()])),
  run: ({ cards }, ctx) => easeFactors(ctx.col(), cards),
});

export const setEaseFactors = defineAction({
  name: 'setEaseFactors',
  summary: 'Sets the ease factor (permille) of each card; true per card that exists, false per unknown id.',
  params: Type.Object({ cards: IdList, easeFactors: Type.Array(Type.Integer({ minimum: 0, maximum: 65_535 })) }),
  result: Type.Array(Type.Boolean()),
  write: true,
  run: ({ cards, easeFactors: factors }, ctx) => writeEaseFactors(ctx.col(), cards, factors),
});

export const setSpecificValueOfCard = defineAction({
  name: 'setSpecificValueOfCard',
  summary:
    'Sets card properties by name (flags, factor, due, …; did, ivl, queue, type and the like only with warning_check); ' +
    'one true per key, [[false, reason]] on failure, false for malformed arguments.',
  params: Type.Object({
    card: Type.Unknown(),
    keys: Type.Unknown(),
    newValues: Type.Unknown(),
    warning_check: Type.Optional(Type.Unknown()),
  }),
  result: Type.Union([
    Type.Literal(false),
    Type.Array(Type.Union([Type.Literal(true), Type.Tuple([Type.Literal(false), Type.String()])])),
  ]),
  write: true,
  run: ({ card, keys, newValues, warning_check: warningCheck }, ctx) => {
    // Anki-Connect answers a bare false to malformed arguments and to protected keys without
    // warning_check (only an explicit or defaulted false blocks them: `warning_check is False`).
    if (Array.isArray(card) || !Array.isArray(keys) || !Array.isArray(newValues) || keys.length !== newValues.length) return false;
    if (keys.some((key) => typeof key !== 'string')) return false;
    const names = keys as string[];
    if ((warningCheck === undefined || warningCheck === false) && names.some((key) => PROTECTED_CARD_KEYS.has(key))) return false;
    if (typeof card !== 'number' || !Number.isSafeInteger(card)) return [[false, `Card was not found: ${String(card)}`] as [false, string]];
    return setSpecificCardValues(ctx.col(), card, names, newValues as unknown[]);
  },
});

export const suspend = defineAction({
  name: 'suspend',
  summary: 'Suspends cards; true if at least one was not suspended yet, else false.',
  params: Type.Object({ cards: IdList, suspend: Type.Optional(Type.Boolean()) }),
  result: Type.Boolean(),
  write: true,
  run: ({ cards, suspend: wanted }, ctx) => setSuspended(ctx.col(), cards, wanted ?? true),
});

export const unsuspend = defineAction({
  name: 'unsuspend',
  summary: 'Unsuspends cards; true if at least one was suspended, else false (upstream answers null).',
  params: Type.Object({ cards: IdList }),
  result: Type.Boolean(),
  write: true,
  run: ({ cards }, ctx) => setSuspended(ctx.col(), cards, false),
});

export const suspended = defineAction({
  name: 'suspended',
  summary: 'Whether a card is suspended.',
  params: Type.Object({ card: Id }),
  result: Type.Boolean(),
  run: ({ card }, ctx) => isSuspended(ctx.col(), card),
});

export const areSuspendedAction = defineAction({
  name: 'areSuspended',
  summary: 'For each card, whether it is suspended; null for an unknown id.',
  params: Type.Object({ cards: IdList }),
  result: Type.Array(Type.Union([Type.Boolean(), Type.Null()])),
  run: ({ cards }, ctx) => areSuspended(ctx.col(), cards),
});

/** Card actions other than search and cardsInfo. */
export const forgetCards = defineAction({
  name: 'forgetCards',
  summary:
    'Makes cards new again at their old position in the new queue (else the next one), keeping their review and lapse counts; ' +
    'each change is logged as a manual review.',
  params: Type.Object({ cards: IdList }),
  result: Nothing,
  write: true,
  run: ({ cards }, ctx) => {
    forget(ctx.col(), cards);
    return null;
  },
});

export const relearnCards = defineAction({
  name: 'relearnCards',
  summary: "Puts cards in relearning (type 3, learning queue), as Anki-Connect's raw update does; nothing else changes.",
  params: Type.Object({ cards: IdList }),
  result: Nothing,
  write: true,
  run: ({ cards }, ctx) => {
    relearn(ctx.col(), cards);
    return null;
  },
});

export const setDueDate = defineAction({
  name: 'setDueDate',
  summary:
    'Makes cards review cards due in the given days: "0" today, "3" in three days, "3-7" a random day in that range; ' +
    'a trailing "!" also sets the interval to it.',
  params: Type.Object({ cards: IdList, days: Type.String() }),
  result: Type.Literal(true),
  write: true,
  run: ({ cards, days }, ctx) => {
    setDue(ctx.col(), cards, days);
    return true as const;
  },
});

export const cardActions: Action[] = [
  forgetCards,
  relearnCards,
  setDueDate,
  cardsModTime,
  getEaseFactors,
  setEaseFactors,
  setSpecificValueOfCard,
  suspend,
  unsuspend,
  suspended,
  areSuspendedAction,
];
