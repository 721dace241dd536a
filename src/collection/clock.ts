/**
 * The source of "now" for a collection. Tests inject a fixed clock so ids, mtimes and day
 * numbers are reproducible; the server uses the system clock and the host's time zone.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
  /** Minutes west of UTC at the given instant (Anki's sign convention, as JS getTimezoneOffset). */
  minutesWest(ms: number): number;
  /**
   * Set by a clock whose offset is the same at every instant (a test's fixed clock); without it,
   * minutesWest is taken to follow the machine's time zone. Reader threads rebuild the clock
   * from this and "now".
   */
  readonly fixedMinutesWest?: number;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  minutesWest: (ms) => new Date(ms).getTimezoneOffset(),
};

/** A clock that stays where it is put; `advance` moves it forward. */
export class FixedClock implements Clock {
  constructor(
    private ms: number,
    private readonly offsetMinutesWest = 0,
  ) {}

  nowMs(): number {
    return this.ms;
  }

  minutesWest(): number {
    return this.offsetMinutesWest;
  }

  get fixedMinutesWest(): number {
    return this.offsetMinutesWest;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
