// Runs the RunStore contract against every implementation: in memory, and Redis on a real redis-server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { MemoryRunStore } from '../../src/store/memory-run-store.js';
import { closeRedis } from '../../src/store/redis-connection.js';
import { RedisRunStore } from '../../src/store/redis-run-store.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeRunStoreContract } from './run-store.contract.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

describeRunStoreContract('MemoryRunStore', async () => ({
  store: new MemoryRunStore(),
  cleanup: async () => {},
}));

describeRunStoreContract('RedisRunStore', async () => {
  const client = redis.client();
  // A fresh prefix per test: no test sees another's keys, and no flush is needed between them.
  const store = new RedisRunStore(client, { prefix: `test:${randomUUID()}:` });
  return { store, cleanup: () => closeRedis(client) };
});
