/** Every figure of the statistics report, read from the collection in one go. */
import type { Collection } from '../collection/collection.js';
import { asctime } from './format.js';
import { PERIOD_NAME, statsContext } from './context.js';
import { addedByDay, type AddedDay } from './data/added.js';
import { answers, type Answers } from './data/answers.js';
import { buttonCounts, type ButtonCount } from './data/buttons.js';
import { cardTypes, type CardTypes } from './data/card-types.js';
import { forecast, type Forecast } from './data/forecast.js';
import { hours, type HourFigures } from './data/hours.js';
import { intervals, type Intervals } from './data/intervals.js';
import { todayFigures, type TodayFigures } from './data/today.js';

export interface StatsData {
  today: TodayFigures;
  forecast: Forecast;
  answers: Answers;
  added: AddedDay[];
  intervals: Intervals;
  hours: HourFigures[];
  buttons: ButtonCount[];
  cardTypes: CardTypes;
  /** When the report was made, as asctime gives it, in the machine's time zone. */
  generatedAt: string;
  scope: string;
  period: string;
}

export function collectStats(col: Collection, wholeCollection: boolean): StatsData {
  const ctx = statsContext(col, wholeCollection);
  return {
    today: todayFigures(ctx),
    forecast: forecast(ctx),
    answers: answers(ctx),
    added: addedByDay(ctx),
    intervals: intervals(ctx),
    hours: hours(ctx),
    buttons: buttonCounts(ctx),
    cardTypes: cardTypes(ctx),
    generatedAt: asctime(ctx.nowMs, col.clock.minutesWest(ctx.nowMs)),
    scope: ctx.scopeName,
    period: PERIOD_NAME,
  };
}
