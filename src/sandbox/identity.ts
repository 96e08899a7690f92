// STUB (to be completed by the Organizations/STS work): credentials, roles and trust evaluation.
import type { SandboxClock } from './clock.js';
import type { SandboxFixture } from './fixture.js';
import type { IdSource } from './ids.js';
import type { Organization } from './organization.js';
import type { CredentialRecord, Principal } from './principal.js';

export interface RoleRecord {
  accountId: string;
  name: string;
  /** arn:aws:iam::ACCOUNT:role/NAME */
  arn: string;
  trust: Array<{ principal: string; externalId?: string }>;
  maxSessionDurationSeconds: number;
}

/** Who asks to assume a role: a signed-in principal, or an AWS service such as ssm.amazonaws.com. */
export type TrustCaller = { kind: 'principal'; principal: Principal } | { kind: 'service'; service: string };

export type TrustDecision = { allowed: true; role: RoleRecord } | { allowed: false; reason: string };

export class IdentityStore {
  private readonly byAccessKey = new Map<string, CredentialRecord>();

  private constructor(
    readonly fixture: SandboxFixture,
    readonly org: Organization,
    readonly clock: SandboxClock,
    readonly ids: IdSource,
  ) {}

  static fromFixture(
    fixture: SandboxFixture,
    org: Organization,
    clock: SandboxClock,
    ids: IdSource,
  ): IdentityStore {
    const store = new IdentityStore(fixture, org, clock, ids);
    const home = fixture.home;
    store.byAccessKey.set(home.accessKeyId, {
      accessKeyId: home.accessKeyId,
      secretAccessKey: home.secretAccessKey,
      principal: { accountId: home.accountId, arn: home.arn, userId: 'AIDASANDBOXHOME', kind: 'user' },
    });
    return store;
  }

  credentials(accessKeyId: string): CredentialRecord | undefined {
    return this.byAccessKey.get(accessKeyId);
  }

  role(_accountId: string, _roleName: string): RoleRecord | undefined {
    throw new Error('not implemented');
  }

  /** Whether `caller` may assume `roleArn` (role exists, trust policy names the caller, ExternalId matches). */
  evaluateTrust(_caller: TrustCaller, _roleArn: string, _externalId?: string): TrustDecision {
    throw new Error('not implemented');
  }
}
