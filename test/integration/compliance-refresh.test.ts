// The compliance cache and its refresh on real Redis and BullMQ: read once when nothing is cached, served from the
// cache while fresh, served with its age and read again in the background once stale (one job however often
// asked), and a job scheduler that the worker runs on the configured interval.
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceCompliance } from '../../src/core/compliance/patch-compliance.js';
import type { Target } from '../../src/core/organization/organization.js';
import {
  BullComplianceRefresh,
  COMPLIANCE_NOW_JOB_ID,
  COMPLIANCE_SCHEDULER_ID,
  complianceQueue,
  createComplianceWorker,
  scheduleComplianceRefresh,
} from '../../src/jobs/compliance-refresh.js';
import { createLogger } from '../../src/logging/logger.js';
import type { PatchComplianceReader } from '../../src/ports.js';
import { RedisComplianceCache } from '../../src/store/redis-compliance-cache.js';
import { createRedisConnection, type RedisClient } from '../../src/store/redis-connection.js';
import type { ComplianceServices } from '../../src/use-cases/compliance-services.js';
import { describeComplianceCard } from '../../src/use-cases/describe-compliance-card.js';
import { resolveSubject } from '../../src/use-cases/resolve-subject.js';
import { showCompliance } from '../../src/use-cases/show-compliance.js';
import { PEOPLE } from '../support/approval-builders.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';

const SIX_HOURS = 6 * 3_600_000;
const EVERYWHERE = { accounts: [], organizationalUnits: [], regions: [] };

/** Every place it is asked for has one instance missing a critical patch; counts its reads. */
class CountingReader implements PatchComplianceReader {
  reads = 0;
  async read(targets: readonly Target[]): Promise<PlaceCompliance[]> {
    this.reads++;
    return targets.map((target, index) => ({
      kind: 'read',
      target,
      instances: [
        {
          instanceId: `i-0${String(index).padStart(16, '0')}`,
          ...target,
          compliant: false,
          missing: 1,
          critical: 1,
          security: 0,
          failed: 0,
        },
      ],
    }));
  }
}

let redis: TestRedis;
let client: Redis;
let queue: Queue;
let run: TestRunContext;
let reader: CountingReader;
let compliance: ComplianceServices;
let prefix: string;
let worker: Worker | undefined;
/** BullMQ workers block on Redis: a connection of their own, as the bot gives them. */
let workerConnection: RedisClient;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  workerConnection = createRedisConnection(redis.url);
});
afterAll(async () => {
  await workerConnection?.quit();
  await redis?.stop();
});

beforeEach(() => {
  prefix = `t${Math.random().toString(36).slice(2, 8)}:`;
  queue = complianceQueue({ connection: client, prefix: `{${prefix}bull}` });
  run = aRunContext();
  reader = new CountingReader();
  compliance = {
    reader,
    cache: new RedisComplianceCache(client, prefix),
    refresh: new BullComplianceRefresh(queue),
    files: { share: async () => undefined },
    settings: { refreshEveryMs: SIX_HOURS, patchRunbook: 'Platform-PatchRegionInstances' },
  };
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.close();
});

const ask = async () =>
  showCompliance(run, compliance, {
    scope: EVERYWHERE,
    subject: await resolveSubject(run, { userId: PEOPLE.requester, channelId: 'C0OPS00001' }),
  });

describe('the compliance cache', () => {
  it('when nothing is cached, then every place is read at once and kept with the time it was read', async () => {
    const answer = await ask();
    expect(answer).toMatchObject({ kind: 'summary', stale: false, readAt: run.now() });
    expect(reader.reads).toBe(1);
    expect((await compliance.cache.get())?.readAt).toEqual(run.now());
  });

  it('when the snapshot is younger than the interval, then it is served without reading AWS again', async () => {
    await ask();
    const readAt = run.now();
    run.clock.advance(SIX_HOURS - 1);
    expect(await ask()).toMatchObject({ kind: 'summary', stale: false, readAt });
    expect(reader.reads).toBe(1);
    expect(await queue.getJob(COMPLIANCE_NOW_JOB_ID)).toBeUndefined();
  });

  it('when the snapshot is older than the interval, then it is still served, marked stale, and one read is queued however often asked', async () => {
    await ask();
    const readAt = run.now();
    run.clock.advance(SIX_HOURS + 1);
    expect(await ask()).toMatchObject({ kind: 'summary', stale: true, readAt });
    await ask();
    expect(reader.reads).toBe(1);
    expect(await queue.getJobCounts('waiting', 'delayed', 'prioritized')).toMatchObject({ waiting: 1 });
    expect((await queue.getJob(COMPLIANCE_NOW_JOB_ID))?.name).toBe('refresh-now');
  });

  it('when the worker takes the queued read, then the cache holds the new snapshot', async () => {
    await ask();
    run.clock.advance(SIX_HOURS + 1);
    await ask();
    worker = createComplianceWorker(run, compliance, {
      connection: workerConnection,
      queuePrefix: `{${prefix}bull}`,
      logger: createLogger({ level: 'silent' }),
    });
    const done = new Promise((resolve) => worker!.once('completed', resolve));
    await done;
    expect(reader.reads).toBe(2);
    expect((await compliance.cache.get())?.readAt).toEqual(run.now());
    expect(await ask()).toMatchObject({ stale: false });
  });
});

describe('the App Home compliance card', () => {
  it('when nothing is cached, then publishing a Home reads nothing and queues no read: it says so', async () => {
    const subject = await resolveSubject(run, { userId: PEOPLE.requester, channelId: 'D0ALICE001' });
    expect(await describeComplianceCard(run, compliance, subject)).toEqual({ kind: 'not-read-yet' });
    expect(reader.reads).toBe(0);
    expect(await queue.getJob(COMPLIANCE_NOW_JOB_ID)).toBeUndefined();
  });

  it('when a snapshot is cached, then the card is the summary of every account the person may see', async () => {
    await ask();
    const subject = await resolveSubject(run, { userId: PEOPLE.requester, channelId: 'D0ALICE001' });
    expect(await describeComplianceCard(run, compliance, subject)).toMatchObject({
      kind: 'summary',
      rollUp: { totals: { nonCompliant: expect.any(Number) } },
    });
    expect(reader.reads).toBe(1);
  });
});

describe('the compliance job scheduler', () => {
  it('when every worker upserts it, then there is one scheduler at the configured interval', async () => {
    await scheduleComplianceRefresh(queue, SIX_HOURS);
    await scheduleComplianceRefresh(queue, SIX_HOURS);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: COMPLIANCE_SCHEDULER_ID, every: SIX_HOURS });
  });

  it('when a worker starts, then the first read is due one interval later, and a restart does not push it away', async () => {
    await scheduleComplianceRefresh(queue, SIX_HOURS);
    const [first] = await queue.getJobs(['delayed']);
    expect(first?.opts.delay).toBeGreaterThan(SIX_HOURS - 60_000);
    await scheduleComplianceRefresh(queue, SIX_HOURS, () => Date.now() + 3_600_000);
    const [still] = await queue.getJobs(['delayed']);
    expect(still?.id).toBe(first?.id);
    expect(await queue.getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 });
  });

  it('when the interval changes in the config, then the one scheduler takes it', async () => {
    await scheduleComplianceRefresh(queue, SIX_HOURS);
    await scheduleComplianceRefresh(queue, 60 * 60_000);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.every)).toEqual([60 * 60_000]);
  });
});
