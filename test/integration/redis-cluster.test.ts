// The Redis stores on a real 3-master Redis Cluster: every store contract passes there as on one Redis. The cluster
// refuses any script or transaction over two hash slots (CROSSSLOT), so this is the proof of the key layouts.
import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisChangeStore } from '../../src/store/redis-change-store.js';
import { closeRedis, createRedisConnection } from '../../src/store/redis-connection.js';
import { RedisExecutionTracker } from '../../src/store/redis-execution-tracker.js';
import { RedisRunDraftStore } from '../../src/store/redis-run-draft-store.js';
import { RedisRunStore } from '../../src/store/redis-run-store.js';
import { describeAuditLogContract } from '../contract/audit-log.contract.js';
import { describeChangeStoreContract } from '../contract/change-store.contract.js';
import { describeChangeLocksContract } from '../contract/change-store-locks.contract.js';
import { describeExecutionTrackerContract } from '../contract/execution-tracker.contract.js';
import { describeRunStoreContract } from '../contract/run-store.contract.js';
import { describeSlackOutboxContract } from '../contract/slack-outbox.contract.js';
import { redisOutboxUnderTest } from '../contract/slack-outbox-harness.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';
import type { TestRedis } from '../support/redis.js';
import { startTestRedisCluster } from '../support/redis-cluster.js';
import { aRunRequest } from '../support/run-request-builder.js';

let cluster: TestRedis<Cluster>;
/** One client for the stores of every test (a fresh key prefix each keeps them apart), as the bot shares one. */
let client: Cluster;
beforeAll(async () => {
  cluster = await startTestRedisCluster();
  client = cluster.client();
}, 60_000);
afterAll(() => cluster?.stop());

const freshPrefix = () => `test:${randomUUID()}:`;
const nothingToClean = async () => {};

describe('the test cluster', () => {
  it('when it has started, then it has three masters and refuses a script over two slots', async () => {
    expect(cluster.url).toMatch(/^redis\+cluster:\/\/127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/);
    await client.set('{a}probe', '1');
    expect(client.nodes('master')).toHaveLength(3);
    await expect(
      client.eval("return redis.call('MGET', KEYS[1], KEYS[2])", 2, '{a}x', '{b}y'),
    ).rejects.toThrow(/CROSSSLOT/);
  });

  it('when the bot connects by its redis+cluster:// URL, then it reaches every node', async () => {
    const connection = createRedisConnection(cluster.url);
    try {
      const keys = Array.from({ length: 30 }, (_, n) => `probe-${n}`);
      await Promise.all(keys.map((key) => connection.set(key, key, 'EX', 60)));
      expect(await Promise.all(keys.map((key) => connection.get(key)))).toEqual(keys);
    } finally {
      await closeRedis(connection);
    }
  });
});

describeRunStoreContract('RedisRunStore on a Redis Cluster', async () => ({
  store: new RedisRunStore(client, { prefix: freshPrefix() }),
  cleanup: nothingToClean,
}));

describeChangeStoreContract('RedisChangeStore on a Redis Cluster', async () => ({
  store: new RedisChangeStore(client, { prefix: freshPrefix() }),
  cleanup: nothingToClean,
}));

describeChangeLocksContract('RedisChangeStore on a Redis Cluster', async () => ({
  store: new RedisChangeStore(client, { prefix: freshPrefix() }),
  cleanup: nothingToClean,
}));

describeAuditLogContract('RedisAuditLog on a Redis Cluster', async (logger) => ({
  log: new RedisAuditLog(client, { logger, prefix: freshPrefix() }),
  cleanup: nothingToClean,
}));

describeExecutionTrackerContract(
  'RedisExecutionTracker on a Redis Cluster',
  async () => new RedisExecutionTracker(client, freshPrefix()),
);

describeSlackOutboxContract('RedisSlackOutbox on a Redis Cluster', () => redisOutboxUnderTest(cluster));

describe('RedisRunDraftStore on a Redis Cluster', () => {
  it('when a draft is saved, then it is taken once', async () => {
    const drafts = new RedisRunDraftStore(client, freshPrefix());
    const draft = { request: aRunRequest(), userId: 'U0REQUEST1', channelId: 'C0OPS00001' };
    const id = await drafts.save(draft);
    expect(await drafts.take(id)).toEqual(draft);
    expect(await drafts.take(id)).toBeUndefined();
  });
});

describe('the audit log read by a CLI on a Redis Cluster', () => {
  it('when entries are appended by the bot, then a reader with its own connection lists them', async () => {
    const prefix = freshPrefix();
    const logger = createLogger({ level: 'silent' });
    const writer = new RedisAuditLog(client, { logger, prefix });
    const reader = createRedisConnection(cluster.url, { maxRetriesPerRequest: 1 });
    try {
      const entry = await writer.append(anAuditEntry({ subject: { changeId: 'chg-7k3m9q2x' } }));
      expect(await new RedisAuditLog(reader, { logger, prefix }).timeline('chg-7k3m9q2x')).toEqual([entry]);
    } finally {
      await closeRedis(reader);
    }
  });
});
