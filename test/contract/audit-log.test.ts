// Runs the AuditLog contract against every implementation: in memory, and Redis on a real redis-server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { MemoryAuditLog } from '../../src/store/memory-audit-log.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { closeRedis } from '../../src/store/redis-connection.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeAuditLogContract } from './audit-log.contract.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

describeAuditLogContract('MemoryAuditLog', async (logger) => {
  // Two appends a millisecond apart, so time ranges split the entries as they would in production.
  let ms = Date.parse('2025-06-02T01:00:00.000Z');
  let calls = 0;
  const now = () => new Date(calls++ % 2 === 0 ? ms : ms++);
  return { log: new MemoryAuditLog({ logger, now }), cleanup: async () => {} };
});

describeAuditLogContract('RedisAuditLog', async (logger) => {
  const client = redis.client();
  // A fresh prefix per test: no test sees another's keys, and no flush is needed between them.
  const log = new RedisAuditLog(client, { logger, prefix: `test:${randomUUID()}:` });
  return { log, cleanup: () => closeRedis(client) };
});
