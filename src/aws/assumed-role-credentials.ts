// Credentials for roles in member accounts: assumed once, shared, and renewed shortly before they expire.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { SingleFlightCache } from '../cache/single-flight-cache.js';
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
  now?: () => number;
}

export class AssumedRoleCredentials {
  private readonly cache: SingleFlightCache<string, AwsCredentialIdentity>;
  private readonly roles = new Map<string, RoleToAssume>();
  /** How many AssumeRole calls were made; what tests and benchmarks count. */
  assumeRoleCalls = 0;

  constructor(
    private readonly clients: AwsClients,
    private readonly options: AssumedRoleOptions = {},
  ) {
    const renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
    this.cache = new SingleFlightCache((key) => this.assume(this.roles.get(key)!), {
      isFresh: (credentials, _loadedAt, now) =>
        credentials.expiration !== undefined && credentials.expiration.getTime() - renewBeforeMs > now,
      now: options.now,
    });
  }

  /** An identity for AwsClients: the same key and provider for the same role, so clients are reused. */
  identity(role: RoleToAssume): AssumedIdentity {
    const key = roleKey(role);
    this.roles.set(key, role);
    return { key, credentials: () => this.cache.get(key) };
  }

  /** Forgets a role's credentials, e.g. after AWS answered ExpiredToken for them. */
  invalidate(role: RoleToAssume): void {
    this.cache.forget(roleKey(role));
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
