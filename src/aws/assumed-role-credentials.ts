// Credentials for roles in member accounts: assumed once, shared, and renewed shortly before they expire.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
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

interface CacheEntry {
  credentials?: AwsCredentialIdentity;
  pending?: Promise<AwsCredentialIdentity>;
}

export class AssumedRoleCredentials {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly now: () => number;
  private readonly renewBeforeMs: number;
  /** How many AssumeRole calls were made; what tests and benchmarks count. */
  assumeRoleCalls = 0;

  constructor(
    private readonly clients: AwsClients,
    private readonly options: AssumedRoleOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
  }

  /** An identity for AwsClients: the same key and provider for the same role, so clients are reused. */
  identity(role: RoleToAssume): AssumedIdentity {
    const key = `${role.roleArn}|${role.externalId ?? ''}`;
    return { key, credentials: () => this.credentialsFor(key, role) };
  }

  /** Forgets a role's credentials, e.g. after AWS answered ExpiredToken for them. */
  invalidate(role: RoleToAssume): void {
    this.entries.delete(`${role.roleArn}|${role.externalId ?? ''}`);
  }

  private credentialsFor(key: string, role: RoleToAssume): Promise<AwsCredentialIdentity> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    const fresh = entry.credentials;
    if (fresh?.expiration && fresh.expiration.getTime() - this.renewBeforeMs > this.now()) {
      return Promise.resolve(fresh);
    }
    // One AssumeRole per role at a time, however many calls wait for it.
    entry.pending ??= this.assume(role).then(
      (credentials) => {
        entry.credentials = credentials;
        entry.pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        entry.pending = undefined;
        throw error;
      },
    );
    return entry.pending;
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
