// STUB (to be completed by the Organizations/STS work): the simulated AWS Organization built from the fixture.
import type { SandboxFixture } from './fixture.js';

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  /** arn:aws:organizations::MANAGEMENT:account/o-…/ID */
  arn: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  parentId: string;
  joined: Date;
  /** Regions enabled for this account. */
  regions: string[];
}

export interface OrgUnit {
  id: string;
  name: string;
  arn: string;
  parentId: string;
}

export class Organization {
  private constructor(readonly fixture: SandboxFixture['organization']) {}

  static fromFixture(fixture: SandboxFixture): Organization {
    return new Organization(fixture.organization);
  }

  get id(): string {
    return this.fixture.id;
  }

  account(_id: string): OrgAccount | undefined {
    throw new Error('not implemented');
  }

  accounts(): OrgAccount[] {
    throw new Error('not implemented');
  }

  organizationalUnit(_id: string): OrgUnit | undefined {
    throw new Error('not implemented');
  }

  /** Every account under a root or OU, at any depth. */
  accountsUnder(_parentId: string): OrgAccount[] {
    throw new Error('not implemented');
  }

  enabledRegions(_accountId: string): string[] {
    throw new Error('not implemented');
  }
}
