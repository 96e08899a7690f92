// Runs the ChangeStore contract against every implementation: in memory, and Redis on a real redis-server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { MemoryChangeStore } from '../../src/store/memory-change-store.js';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { closeRedis } from '../../src/store/redis-connection.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { type ChangeStoreUnderTest, describeChangeStoreContract } from './change-store.contract.js';
import { describeChangeLocksContract } from './change-store-locks.contract.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

const memory = async (): Promise<ChangeStoreUnderTest> => ({
  store: new MemoryChangeStore(),
  cleanup: async () => {},
});

const onRedis = async (): Promise<ChangeStoreUnderTest> => {
  const client = redis.client();
  // A fresh prefix per test: no test sees another's keys, and no flush is needed between them.
  const store = new RedisChangeStore(client, { prefix: `test:${randomUUID()}:` });
  return { store, cleanup: () => closeRedis(client) };
};

describeChangeStoreContract('MemoryChangeStore', memory);
describeChangeLocksContract('MemoryChangeStore', memory);
describeChangeStoreContract('RedisChangeStore', onRedis);
describeChangeLocksContract('RedisChangeStore', onRedis);
