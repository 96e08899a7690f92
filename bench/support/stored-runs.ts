// Reading a run as the bot stored it in Redis, for the benchmarks that follow runs from outside the bot.
import type { Redis } from 'ioredis';
import type { Run } from '../../src/core/run/run.js';
import { RedisRunStore } from '../../src/store/redis-run-store.js';

const FINISHED = ['succeeded', 'completed-with-errors', 'failed', 'cancelled'];

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `read` a run by id; `untilFinished` polls it every 500 ms until it ends, or throws after `timeoutMs`. */
export function storedRuns(redis: Redis) {
  // The bot's own store reads the run's parts, and only those changed since the last read of it.
  const store = new RedisRunStore(redis);
  /** The run, or undefined while its record is not written yet. */
  const find = (runId: string): Promise<Run | undefined> => store.get(runId);
  const read = async (runId: string): Promise<Run> => {
    const run = await find(runId);
    if (!run) throw new Error(`no run ${runId} in Redis`);
    return run;
  };
  const untilFinished = async (runId: string, timeoutMs: number): Promise<Run> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await read(runId);
      if (FINISHED.includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`${runId} still ${run.status} after ${timeoutMs} ms`);
      await sleep(500);
    }
  };
  return { find, read, untilFinished };
}
