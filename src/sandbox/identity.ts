// STUB (to be completed): credentials, roles and trust evaluation.
import type { SandboxClock } from './clock.js';
import type { SandboxFixture } from './fixture.js';
import type { IdSource } from './ids.js';
import type { Organization } from './organization.js';
import type { CredentialRecord } from './principal.js';

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
}
