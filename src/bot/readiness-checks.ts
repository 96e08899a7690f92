// What /readyz checks on the bot and the worker: Redis answers, the queues answer, the config was loaded.
import { queuesAnswer } from '../http/queues-answer.js';
import { redisAnswers, redisConnected } from '../http/redis-health.js';
import type { BotServices } from './create-bot-services.js';

/** The checks by name; `more` adds a part's own (the worker's BullMQ workers). */
export function readinessChecks(
  services: Pick<BotServices, 'redis' | 'queues'>,
  more: Record<string, () => Promise<boolean>> = {},
): Record<string, () => Promise<boolean>> {
  return {
    redis: () => redisAnswers(services.redis),
    // While the connection is down a queue's command would wait in the client's queue: false at once instead.
    queues: async () => redisConnected(services.redis) && (await queuesAnswer(services.queues)),
    // The services exist only once loadConfig accepted every setting; a process without them never serves this.
    config: async () => true,
    ...more,
  };
}
