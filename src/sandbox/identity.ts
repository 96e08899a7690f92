// Credentials, IAM roles and trust evaluation: who a request acts as, and who may become whom.
import { createHash } from 'node:crypto';
import type { SandboxClock } from './clock.js';
import { FixtureError, type SandboxFixture } from './fixture.js';
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

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** Splits a role ARN into account and role name; undefined when it is not one. */
export function parseRoleArn(arn: string): { accountId: string; name: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match ? { accountId: match[1]!, name: match[2]! } : undefined;
}

/** A stable, AWS-shaped unique id (`AROA…`, `AIDA…`) derived from an ARN. */
const uniqueId = (prefix: string, arn: string) =>
  prefix +
  createHash('sha256')
    .update(arn)
    .digest('base64')
    .replace(/[^A-Z0-9]/gi, '')
    .toUpperCase()
    .slice(0, 17);

/** The principal a role session acts as. */
export function roleSessionPrincipal(role: RoleRecord, sessionName: string, chained = false): Principal {
  return {
    accountId: role.accountId,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${uniqueId('AROA', role.arn)}:${sessionName}`,
    kind: 'assumed-role',
    roleArn: role.arn,
    roleName: role.name,
    sessionName,
    chained,
  };
}

export class IdentityStore {
  private readonly byAccessKey = new Map<string, CredentialRecord>();
  private readonly roles = new Map<string, RoleRecord>();
  private issuedSincePrune = 0;

  private constructor(
    private readonly clock: SandboxClock,
    private readonly ids: IdSource,
  ) {}

  static fromFixture(
    fixture: SandboxFixture,
    org: Organization,
    clock: SandboxClock,
    ids: IdSource,
  ): IdentityStore {
    const store = new IdentityStore(clock, ids);
    const home = fixture.home;
    store.byAccessKey.set(home.accessKeyId, {
      accessKeyId: home.accessKeyId,
      secretAccessKey: home.secretAccessKey,
      principal: {
        accountId: home.accountId,
        arn: home.arn,
        userId: uniqueId('AIDA', home.arn),
        kind: 'user',
      },
    });
    for (const spec of fixture.roles) {
      const accounts =
        spec.accounts === 'all'
          ? org.accounts().map((account) => account.id)
          : spec.accounts === 'members'
            ? org
                .accounts()
                .map((account) => account.id)
                .filter((id) => id !== home.accountId)
            : spec.accounts;
      for (const accountId of accounts) {
        if (!org.account(accountId)) {
          throw new FixtureError(
            `roles: ${spec.name} names account ${accountId}, which is not in the organization`,
          );
        }
        if (spec.except.includes(accountId)) continue;
        const arn = `arn:aws:iam::${accountId}:role/${spec.name}`;
        store.roles.set(arn, {
          accountId,
          name: spec.name,
          arn,
          trust: spec.trust,
          maxSessionDurationSeconds: spec.maxSessionDurationSeconds,
        });
      }
    }
    return store;
  }

  credentials(accessKeyId: string): CredentialRecord | undefined {
    return this.byAccessKey.get(accessKeyId);
  }

  /** Every credential the sandbox accepts now: the home principal's and the sessions it issued. */
  allCredentials(): CredentialRecord[] {
    return [...this.byAccessKey.values()];
  }

  role(accountId: string, roleName: string): RoleRecord | undefined {
    return this.roles.get(`arn:aws:iam::${accountId}:role/${roleName}`);
  }

  /** Whether `caller` may assume `roleArn` (role exists, trust policy names the caller, ExternalId matches). */
  evaluateTrust(caller: TrustCaller, roleArn: string, externalId?: string): TrustDecision {
    const parsed = parseRoleArn(roleArn);
    const role = parsed && this.role(parsed.accountId, parsed.name);
    if (!role) return { allowed: false, reason: `role ${roleArn} does not exist` };
    const trusted = role.trust.some(
      (entry) =>
        trustNames(entry.principal, caller) &&
        (entry.externalId === undefined || entry.externalId === externalId),
    );
    if (trusted) return { allowed: true, role };
    const namesCaller = role.trust.some((entry) => trustNames(entry.principal, caller));
    return {
      allowed: false,
      reason: namesCaller
        ? `the trust policy of ${roleArn} requires a different ExternalId`
        : `the trust policy of ${roleArn} does not name ${caller.kind === 'service' ? caller.service : caller.principal.arn}`,
    };
  }

  /**
   * Issues temporary credentials for a session of `role` (what AssumeRole returns, and what the
   * Automation engine uses when it acts as a role). They expire on the sandbox clock.
   */
  issueRoleSession(
    role: RoleRecord,
    sessionName: string,
    durationSeconds: number,
    chained = false,
  ): CredentialRecord {
    this.pruneExpired();
    const record: CredentialRecord = {
      accessKeyId: `ASIA${this.ids.upper(16)}`,
      secretAccessKey: this.ids.base64(40),
      sessionToken: `IQoJb3JpZ2luX2VjE${this.ids.base64(180)}`,
      expiresAtMs: Math.floor(this.clock.nowMs() / 1000 + durationSeconds) * 1000,
      principal: roleSessionPrincipal(role, sessionName, chained),
    };
    this.byAccessKey.set(record.accessKeyId, record);
    return record;
  }

  /** Drops credentials that expired over an hour ago, so long runs do not grow without bound. */
  private pruneExpired(): void {
    if (++this.issuedSincePrune < 1000) return;
    this.issuedSincePrune = 0;
    const horizon = this.clock.nowMs() - 3_600_000;
    for (const [key, record] of this.byAccessKey) {
      if (record.expiresAtMs !== undefined && record.expiresAtMs < horizon) this.byAccessKey.delete(key);
    }
  }
}

/** Whether one trust-policy principal entry names the caller. */
function trustNames(entry: string, caller: TrustCaller): boolean {
  if (caller.kind === 'service') return entry === caller.service;
  if (entry === '*') return true;
  const principal = caller.principal;
  const accountRoot = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/.exec(entry);
  if (accountRoot) return accountRoot[1] === principal.accountId;
  if (principal.kind === 'assumed-role') return entry === principal.roleArn || entry === principal.arn;
  return entry === principal.arn;
}
