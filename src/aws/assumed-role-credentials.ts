// Credentials for roles in member accounts: assumed once, shared, and renewed shortly before they expire.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import type { AssumedIdentity, AwsClients } from './aws-clients.js';

export interface RoleToAssume {
  roleArn: string;
  externalId?: string;
}

export interface AssumedRoleOptions {
  /** Session name seen in the member account's CloudTrail. */
  sessionName?: string;
  durationSeconds?: number;
  /** Renew this long before expiry, so no call is made with credentials about to lapse. */
  renewBeforeMs?: number;
  /** How many roles' credentials are kept (default 1,000); beyond it the least recently used is assumed again. */
  maxRoles?: number;
  /** Epoch milliseconds, as credentials' expiration is. */
  now?: () => number;
}

export class AssumedRoleCredentials {
  /** By role key, each kept until `renewBeforeMs` before it expires; the role to assume comes as the context. */
  private readonly cache: LRUCache<string, AwsCredentialIdentity, RoleToAssume>;
  /** How many AssumeRole calls were made; what tests and benchmarks count. */
  assumeRoleCalls = 0;

  constructor(
    private readonly clients: AwsClients,
    private readonly options: AssumedRoleOptions = {},
  ) {
    const renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
    const now = options.now ?? Date.now;
    this.cache = new LRUCache<string, AwsCredentialIdentity, RoleToAssume>({
      max: options.maxRoles ?? 1000,
      // Only turns TTLs on: each entry gets its own below, from its expiration.
      ttl: (options.durationSeconds ?? 3600) * 1000,
      fetchMethod: async (_key, _stale, { context: role, options: entry }) => {
        const credentials = await this.assume(role);
        const usableMs = (credentials.expiration?.getTime() ?? 0) - renewBeforeMs - now();
        // lru-cache wants a positive TTL; credentials already due for renewal (or without an expiration) are
        // then kept for a millisecond, enough for the callers that waited for them.
        entry.ttl = Math.max(1, Math.floor(usableMs));
        return credentials;
      },
      ...readThroughOptions(options.now),
    });
  }

  /** An identity for AwsClients: the same key and provider for the same role, so clients are reused. */
  identity(role: RoleToAssume): AssumedIdentity {
    const key = roleKey(role);
    return { key, credentials: () => this.cache.forceFetch(key, { context: role }) };
  }

  /** Forgets a role's credentials, e.g. after AWS answered ExpiredToken for them. */
  invalidate(role: RoleToAssume): void {
    this.cache.delete(roleKey(role));
  }

  private async assume(role: RoleToAssume): Promise<AwsCredentialIdentity> {
    this.assumeRoleCalls++;
    const { Credentials } = await this.clients.sts().send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: this.options.sessionName ?? 'ssm-chatops',
        ExternalId: role.externalId,
        DurationSeconds: this.options.durationSeconds ?? 3600,
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken) {
      throw new Error(`AssumeRole ${role.roleArn} returned no credentials`);
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  }
}

const roleKey = (role: RoleToAssume) => `${role.roleArn}|${role.externalId ?? ''}`;
