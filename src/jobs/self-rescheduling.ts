// Jobs that run again and again under one id (a location's poll, a run's starter): after each tick the job moves
// itself back to delayed, unless someone asked for it meanwhile, then it runs again at once.
import { DelayedError, type Job } from 'bullmq';
import type { RedisClient } from '../store/redis-connection.js';
import { BullWorkScheduler } from './bull-work-scheduler.js';

/** Ends the tick: finished (no delay) or back to delayed for `delayMs` (0 when it was asked for meanwhile). */
export async function rescheduleOrFinish(
  job: Job,
  token: string | undefined,
  redis: RedisClient,
  prefix: string,
  delayMs: number | undefined,
): Promise<void> {
  const askedAgain = (await redis.getdel(BullWorkScheduler.againKey(prefix, job.id!))) !== null;
  if (delayMs === undefined && !askedAgain) return;
  const wait = askedAgain ? 0 : (delayMs ?? 0);
  await job.updateData({ ...job.data, delayMs: wait });
  await job.moveToDelayed(Date.now() + wait, token);
  throw new DelayedError();
}
