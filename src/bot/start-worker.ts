// Runs the worker side: the BullMQ workers that follow runs (start fan-out children, read statuses, post).
import type { Logger } from 'pino';
import { createFollowRunWorker } from '../jobs/follow-run-worker.js';
import type { BotServices } from './create-bot-services.js';

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker(services: BotServices, logger: Logger): Promise<RunningWorker> {
  // Workers block on Redis: they get their own connection, as BullMQ recommends.
  const connection = services.redis.duplicate();
  const worker = createFollowRunWorker(services.context, {
    connection,
    prefix: services.queuePrefix,
    logger: logger.child({ component: 'worker' }),
  });
  await worker.waitUntilReady();
  logger.info('ssm-chatops worker following runs');
  return {
    close: async () => {
      await worker.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
