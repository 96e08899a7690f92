// Per-API call counts, so tests and benchmarks can count the AWS calls a component made.

export type CallOutcome = 'ok' | 'error' | 'throttled';

export interface CallCount {
  service: string;
  operation: string;
  accountId: string;
  region: string;
  ok: number;
  error: number;
  throttled: number;
}

export interface CallReport {
  total: number;
  /** `service:Operation` → calls of any outcome. */
  byOperation: Record<string, number>;
  rows: CallCount[];
}

export class CallLog {
  private readonly counts = new Map<string, CallCount>();

  record(service: string, operation: string, accountId: string, region: string, outcome: CallOutcome): void {
    const key = `${service}|${operation}|${accountId}|${region}`;
    let row = this.counts.get(key);
    if (!row) {
      row = { service, operation, accountId, region, ok: 0, error: 0, throttled: 0 };
      this.counts.set(key, row);
    }
    row[outcome] += 1;
  }

  report(): CallReport {
    const rows = [...this.counts.values()].map((row) => ({ ...row }));
    const byOperation: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      const calls = row.ok + row.error + row.throttled;
      total += calls;
      const api = `${row.service}:${row.operation}`;
      byOperation[api] = (byOperation[api] ?? 0) + calls;
    }
    return { total, byOperation, rows };
  }

  reset(): void {
    this.counts.clear();
  }
}
