// The Redis key layout of the run store, in one place so tests and tools can find a run's keys.

/** Every key of the run store under `prefix` (default `ssm-chatops:`). */
export interface RunKeys {
  /** Hash: `json` (the run as JSON) and `version` (1 on create, +1 per update; the compare-and-set token). */
  run(runId: string): string;
  /** Sorted set: run ids scored by `createdAt` in ms, trimmed to the newest entries. */
  recent: string;
  /** String: the run id that owns an execution id (the parent execution's or a child's). */
  execution(executionId: string): string;
}

export function runKeys(prefix: string): RunKeys {
  return {
    run: (runId) => `${prefix}run:${runId}`,
    recent: `${prefix}runs:recent`,
    execution: (executionId) => `${prefix}execution:${executionId}`,
  };
}
