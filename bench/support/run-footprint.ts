// What a run leaves in Redis, read by a benchmark: its outbox records (is the thread complete?) and the memory
// of every key of the run (the run store's keys, see src/store/run-keys.ts, and its outbox records).
import type { Redis } from 'ioredis';
import type { Run } from '../../src/core/run/run.js';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { runKeys } from '../../src/store/run-keys.js';

export interface ThreadState {
  /** Outbox records of the run (parent, replies, failure notices, summary, results). */
  records: number;
  /** Records whose latest version Slack shows. */
  delivered: number;
  /** Records Slack refused for good (`gaveUp`), by reason. */
  gaveUp: Record<string, number>;
  /**
   * Messages about one failed target each: a broadcast notice (`failure:`), or the failed child's own reply
   * (`child:`, of a failed target), which a large run's grouped thread keeps for every failure.
   */
  failureReplies: number;
  /** The results files were shared in the thread. */
  resultsShared: boolean;
}

export function runFootprint(redis: Redis, prefix: string) {
  const messagePrefix = outboxKeys(prefix).message(`run:`);
  const keys = runKeys(prefix);

  async function outboxRecordKeys(runId: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${messagePrefix}${runId}:*`, 'COUNT', 5000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  return {
    /** The run's thread as the outbox sees it. */
    async thread(runId: string, failedTargets: ReadonlySet<string> = new Set()): Promise<ThreadState> {
      const recordKeys = await outboxRecordKeys(runId);
      const pipeline = redis.pipeline();
      for (const key of recordKeys) pipeline.hmget(key, 'version', 'delivered', 'ts', 'gaveUpReason');
      const rows = ((await pipeline.exec()) ?? []).map(([, row]) => row as Array<string | null>);
      const state: ThreadState = {
        records: recordKeys.length,
        delivered: 0,
        gaveUp: {},
        failureReplies: recordKeys.filter((key) => {
          const [, kind, target] = /:(failure|child):(\d{12}:[a-z0-9-]+)$/.exec(key) ?? [];
          return kind === 'failure' || (kind === 'child' && failedTargets.has(target!));
        }).length,
        resultsShared: false,
      };
      rows.forEach(([version, delivered, ts, gaveUpReason], index) => {
        if (version !== null && version === delivered && ts) state.delivered++;
        if (gaveUpReason) state.gaveUp[gaveUpReason] = (state.gaveUp[gaveUpReason] ?? 0) + 1;
        if (recordKeys[index]!.endsWith(`${runId}:results`) && ts) state.resultsShared = true;
      });
      return state;
    },

    /** MEMORY USAGE of every key of the run, in bytes, by kind. */
    async memory(run: Run) {
      const executionKeys = [run.parentExecutionId, ...run.children.map((child) => child.executionId)]
        .filter((id): id is string => Boolean(id))
        .map((id) => keys.execution(id));
      const usage = async (list: string[]) => {
        const pipeline = redis.pipeline();
        for (const key of list) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
        const rows = (await pipeline.exec()) ?? [];
        return rows.reduce((sum, [, bytes]) => sum + Number(bytes ?? 0), 0);
      };
      const record = await usage([keys.run(run.id), keys.changed(run.id)]);
      const executionIndex = await usage(executionKeys);
      const outboxRecords = await usage(await outboxRecordKeys(run.id));
      return {
        runRecordBytes: record,
        executionIndexBytes: executionIndex,
        executionIndexKeys: executionKeys.length,
        outboxRecordBytes: outboxRecords,
        totalBytes: record + executionIndex + outboxRecords,
        /** Shared by every run (one entry each), not counted above. */
        recentIndexBytes: await usage([keys.recent]),
      };
    },
  };
}
