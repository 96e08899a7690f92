// Runs the ExecutionTracker contract against every implementation: in memory, and Redis on a real redis-server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { MemoryExecutionTracker } from '../../src/store/memory-execution-tracker.js';
import { RedisExecutionTracker } from '../../src/store/redis-execution-tracker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeExecutionTrackerContract } from './execution-tracker.contract.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis?.stop());

describeExecutionTrackerContract('MemoryExecutionTracker', async () => new MemoryExecutionTracker());
describeExecutionTrackerContract(
  'RedisExecutionTracker',
  // A fresh prefix per test: no test sees another's keys.
  async () => new RedisExecutionTracker(redis.client(), `test:${randomUUID()}:`),
);
