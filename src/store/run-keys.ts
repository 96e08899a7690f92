// The Redis key layout of the run store, in one place so tests and tools can find a run's keys.
import { checkedKeyPrefix } from './key-slot.js';

/**
 * Every key of the run store under `prefix` (default `ssm-chatops:`). Each key has a hash tag of its own, so on
 * Redis Cluster runs spread over the shards: a run's record is never written in one step with its indexes, which
 * are written first (see RedisRunStore).
 */
export interface RunKeys {
  /**
   * Hash `{prefix}{run:<id>}`, one field per part (see run-record.ts): `version` (1 on create, +1 per write; the
   * compare-and-set token), `header` (the run without its targets and children, JSON), `targets` (JSON),
   * `children` (how many), `child:<n>` (each child, JSON) and `counts` (children by status, JSON). Records
   * written before this layout hold the whole run in `json`; the first write converts them.
   */
  run(runId: string): string;
  /**
   * Sorted set `{prefix}{run:<id>}:changed`, on the run's slot: each part written after the create (`targets`,
   * `child:<n>`) scored by the version that last wrote it, so a reader holding version v reads only what
   * scores above v.
   */
  changed(runId: string): string;
  /** Sorted set `{prefix}{runs}:recent`: run ids scored by `createdAt` in ms, trimmed to the newest entries. */
  recent: string;
  /**
   * Sorted set `{prefix}{runs}:unfinished`: ids of runs not finished yet, scored by `createdAt` in ms. Added
   * before a run's record is created, removed after the write that makes the run final; feeds the minute sweep.
   */
  unfinished: string;
  /**
   * String `{prefix}{execution:<executionId>}`: the run id that owns an execution id (the parent execution's or
   * a child's). Written before the run lists the execution, so it may name a run that does not list it yet.
   */
  execution(executionId: string): string;
}

export function runKeys(prefix: string): RunKeys {
  checkedKeyPrefix(prefix);
  return {
    run: (runId) => `${prefix}{run:${runId}}`,
    changed: (runId) => `${prefix}{run:${runId}}:changed`,
    recent: `${prefix}{runs}:recent`,
    unfinished: `${prefix}{runs}:unfinished`,
    execution: (executionId) => `${prefix}{execution:${executionId}}`,
  };
}
