// The compliance snapshot in Redis: one JSON value, replaced whole by each refresh, with the time it was read.
import { z } from 'zod';
import type { ComplianceSnapshot } from '../core/compliance/patch-compliance.js';
import type { ComplianceCache } from '../ports.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';

const target = z.object({ accountId: z.string(), region: z.string() });
const storedSnapshot = z.object({
  readAt: z.coerce.date(),
  places: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('read'),
        target,
        instances: z.array(
          z.object({
            instanceId: z.string(),
            accountId: z.string(),
            region: z.string(),
            compliant: z.boolean(),
            missing: z.number(),
            critical: z.number(),
            security: z.number(),
            failed: z.number(),
            lastOperationAt: z.coerce.date().optional(),
          }),
        ),
      }),
      z.object({
        kind: z.literal('unreadable'),
        target,
        reason: z.enum(['region-not-enabled', 'no-read-role', 'access-denied', 'unanswered']),
        message: z.string(),
      }),
    ]),
  ),
});

export class RedisComplianceCache implements ComplianceCache {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = DEFAULT_KEY_PREFIX,
  ) {}

  async get(): Promise<ComplianceSnapshot | undefined> {
    const json = await this.client.get(this.key());
    if (json === null) return undefined;
    // A snapshot written by another version that no longer parses is as good as none: the next read replaces it.
    const parsed = storedSnapshot.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  }

  async put(snapshot: ComplianceSnapshot): Promise<void> {
    await this.client.set(this.key(), JSON.stringify(snapshot));
  }

  private key(): string {
    return `${this.prefix}compliance:snapshot`;
  }
}
