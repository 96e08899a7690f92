// A clock that moves only when told: inject `clock.now` to test trigger expiry, response_url expiry and rate limits.

export class ManualClock {
  private ms: number;

  /** Starts at the real time by default, so message ts values look like today's. */
  constructor(startMs: number = Date.now()) {
    this.ms = startMs;
  }

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += Math.max(0, ms);
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
