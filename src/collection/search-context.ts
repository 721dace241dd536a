/**
 * The plain-data view of a collection that the search writer needs (src/search/context.ts):
 * note types, decks, presets, the current deck, "today" and the search settings. Each part is
 * read when the query first asks for it, so a plain word search touches neither decks nor
 * presets.
 */
import { deckConfigId } from '../decks/deck.js';
import { isCloze } from '../notetypes/notetype.js';
import type { SearchConfig, SearchContext, SearchDeck, SearchNotetype, SearchTiming } from '../search/index.js';
import type { Collection } from './collection.js';
import { adoptMachineTime } from './local-time.js';
import { schedTiming } from './timing.js';

/** Builds the search context of `col` as it is now. */
export function searchContext(col: Collection): SearchContext {
  return new CollectionSearchContext(col);
}

class CollectionSearchContext implements SearchContext {
  private notetypeList: SearchNotetype[] | undefined;
  private deckList: SearchDeck[] | undefined;
  private presetList: { id: number; name: string }[] | undefined;
  private today: SearchTiming | undefined;
  private settings: SearchConfig | undefined;

  constructor(private readonly col: Collection) {}

  get notetypes(): readonly SearchNotetype[] {
    this.notetypeList ??= this.col.notetypes.namesAndIds().flatMap(({ id }) => {
      const notetype = this.col.notetypes.get(id);
      if (notetype === undefined) return [];
      return [
        {
          id,
          name: notetype.name,
          cloze: isCloze(notetype),
          sortFieldIdx: notetype.config.sortFieldIdx,
          fields: notetype.fields.map((field) => ({
            name: field.name,
            ord: field.ord,
            excludeFromSearch: field.config.excludeFromSearch,
          })),
          templates: notetype.templates.map((template) => ({ name: template.name, ord: template.ord })),
        },
      ];
    });
    return this.notetypeList;
  }

  get decks(): readonly SearchDeck[] {
    this.deckList ??= this.col
      .stmt<[], { id: number }>('select id from decks')
      .all()
      .flatMap(({ id }) => {
        const deck = this.col.decks.get(id);
        return deck === undefined ? [] : [{ id, name: deck.name, presetId: deckConfigId(deck) }];
      });
    return this.deckList;
  }

  get currentDeckId(): number {
    return this.col.config.getNumber('curDeck', 1);
  }

  get presets(): readonly { id: number; name: string }[] {
    this.presetList ??= this.col.stmt<[], { id: number; name: string }>('select id, name from deck_config').all();
    return this.presetList;
  }

  get timing(): SearchTiming {
    this.today ??= collectionTiming(this.col);
    return this.today;
  }

  get config(): SearchConfig {
    this.settings ??= {
      normalizeNoteText: this.col.config.getBool('normalize_note_text', true),
      ignoreAccentsInSearch: this.col.config.getBool('ignoreAccentsInSearch', false),
      learnAheadSecs: this.col.config.getNumber('collapseTime', 1200),
    };
    return this.settings;
  }
}

const DAY = 86_400;

/** Anki caps UTC offsets at ±23 hours (`fixed_offset_from_minutes`). */
const boundedMinutesWest = (minutes: number): number => Math.min(Math.max(Math.trunc(minutes), -23 * 60), 23 * 60);

/** Epoch seconds of `hour`:00 on the local calendar day of `secs`, in a fixed UTC offset. */
function rolloverOnDayOf(secs: number, minutesWest: number, hour: number): number {
  const local = secs - minutesWest * 60;
  return Math.floor(local / DAY) * DAY + hour * 3600 + minutesWest * 60;
}

/**
 * "Today" for the collection (rslib `scheduler/timing.rs`, anki-semantics.md §1.8): the v2 new
 * timezone handling when config `creationOffset` is set (every collection of current Anki), the
 * legacy cutoff without it, and the v1 scheduler's days when `schedVer` is 1. Like Anki, it
 * records the machine's UTC offset in the config of a v2/v3 collection on the way.
 */
export function collectionTiming(col: Collection): SearchTiming {
  const nowMs = col.nowMs();
  const nowSecs = Math.floor(nowMs / 1000);
  const crt = col.stmt<[], { crt: number }>('select crt from col').get()?.crt ?? 0;
  if (col.config.getNumber('schedVer', 1) === 1) {
    const days = Math.trunc((nowSecs - crt) / DAY);
    return { daysElapsed: Math.max(days, 0), nextDayAt: crt + (days + 1) * DAY, nowSecs };
  }
  const nowMinutesWest = boundedMinutesWest(col.clock.minutesWest(nowMs));
  adoptMachineTime(col, nowMinutesWest);
  const rollover = Math.min(Math.max(Math.trunc(col.config.getNumber('rollover', 4)), 0), 23);
  const creationOffset = col.config.get('creationOffset');
  if (typeof creationOffset !== 'number') {
    const crtAtRollover = rolloverOnDayOf(crt, nowMinutesWest, rollover);
    let nextDayAt = rolloverOnDayOf(nowSecs, nowMinutesWest, rollover);
    if (nextDayAt < nowSecs) nextDayAt += DAY;
    return { daysElapsed: Math.max(Math.trunc((nowSecs - crtAtRollover) / DAY), 0), nextDayAt, nowSecs };
  }
  const { daysElapsed, nextDayAt } = schedTiming({
    crt,
    creationMinutesWest: boundedMinutesWest(creationOffset),
    nowMinutesWest,
    rolloverHour: rollover,
    nowSecs,
  });
  return { daysElapsed, nextDayAt, nowSecs };
}
