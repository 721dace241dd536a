/**
 * Day boundaries (anki-semantics.md §1.8). Review due dates are day numbers counted from the
 * collection's creation day, so creation time, its UTC offset and the rollover hour must be
 * written the way Anki writes them or cards fall due on the wrong day.
 */

const DAY_SECS = 86_400;

/**
 * The collection creation stamp `crt`: the most recent local 04:00 at or before `nowSecs`,
 * in seconds. Anki computes it this way for every new collection.
 */
export function creationStamp(nowSecs: number, minutesWest: number): number {
  const localSecs = nowSecs - minutesWest * 60;
  const localMidnight = Math.floor(localSecs / DAY_SECS) * DAY_SECS;
  let fourAm = localMidnight + 4 * 3600 + minutesWest * 60;
  if (fourAm > nowSecs) fourAm -= DAY_SECS;
  return fourAm;
}

/** Inputs of the v2/v3 "today" computation. */
export interface TimingInputs {
  /** Collection creation, epoch seconds. */
  crt: number;
  /** Minutes west of UTC when the collection was created (config creationOffset). */
  creationMinutesWest: number;
  /** Minutes west of UTC now. */
  nowMinutesWest: number;
  /** Hour 0–23 at which a new day starts (config rollover, default 4). */
  rolloverHour: number;
  nowSecs: number;
}

export interface SchedTiming {
  /** Days since the collection was created, as review due dates count them. */
  daysElapsed: number;
  /** Epoch seconds of the next day boundary. */
  nextDayAt: number;
}

/** The v2 "new timezone" computation every v3 collection uses. */
export function schedTiming(input: TimingInputs): SchedTiming {
  const rollover = Math.min(Math.max(Math.trunc(input.rolloverHour), 0), 23);
  const nowLocal = input.nowSecs - input.nowMinutesWest * 60;
  const createdLocal = input.crt - input.creationMinutesWest * 60;
  const todayLocalDay = Math.floor(nowLocal / DAY_SECS);
  const createdLocalDay = Math.floor(createdLocal / DAY_SECS);
  const rolloverLocal = todayLocalDay * DAY_SECS + rollover * 3600;
  const passed = rolloverLocal <= nowLocal;
  const rolloverEpoch = rolloverLocal + input.nowMinutesWest * 60;
  const nextDayAt = rolloverEpoch + (passed ? DAY_SECS : 0);
  let days = todayLocalDay - createdLocalDay;
  if (!passed) days -= 1;
  return { daysElapsed: Math.max(days, 0), nextDayAt };
}
