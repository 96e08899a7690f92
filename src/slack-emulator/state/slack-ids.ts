// Ids in Slack's formats (message ts, view ids, trigger ids, hashes), from the emulator's clock and counters.

/** Deterministic, monotonic ids: counters rather than randomness, so runs are repeatable. */
export class SlackIds {
  private lastMicros = 0;
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** A message ts such as `1700000000.000100`, strictly increasing even within one millisecond. */
  ts(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** `V0…`, `Ev0…` and friends: a prefix and nine base-36 digits. */
  id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).toUpperCase().padStart(9, '0')}`;
  }

  /** A view hash such as `1700000000.0000000A1`: changes on every update, as Slack's does. */
  hash(): string {
    this.seq += 1;
    return `${Math.floor(this.now() / 1000)}.${this.seq.toString(36).padStart(8, '0')}`;
  }

  /** A trigger id such as `1700000000.1234.0000000000000a1f`. */
  triggerId(teamNumber: number): string {
    this.seq += 1;
    return `${Math.floor(this.now() / 1000)}.${teamNumber}.${this.seq.toString(16).padStart(16, '0')}`;
  }
}
