// The simulated AWS Organization built from the fixture: root, nested OUs, accounts and their regions.
import { FixtureError, type SandboxFixture } from './fixture.js';

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

export interface OrgRoot {
  id: string;
  name: string;
  arn: string;
}

export class Organization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly regions: string[];
  readonly root: OrgRoot;
  /**
   * Delegated administrators for Systems Manager (`ssm.amazonaws.com`): the accounts that may call the
   * Organizations read APIs besides the management account.
   */
  readonly delegatedAdministrators: ReadonlySet<string>;
  /** Service principals with trusted access (what ListAWSServiceAccessForOrganization lists). */
  readonly trustedServices: ReadonlyArray<{ principal: string; enabled: Date }>;
  private readonly accountsById = new Map<string, OrgAccount>();
  private readonly unitsById = new Map<string, OrgUnit>();

  private constructor(fixture: SandboxFixture) {
    const spec = fixture.organization;
    this.id = spec.id;
    this.managementAccountId = spec.managementAccountId;
    this.regions = spec.regions;
    const arnPrefix = `arn:aws:organizations::${spec.managementAccountId}`;
    this.root = {
      id: spec.root.id,
      name: spec.root.name,
      arn: `${arnPrefix}:root/${spec.id}/${spec.root.id}`,
    };
    this.delegatedAdministrators = new Set(spec.delegatedAdministrators ?? [fixture.home.accountId]);
    // The fixture gives no dates: trusted access is dated as the management account's joining.
    const since = spec.accounts.find((account) => account.id === spec.managementAccountId)?.joined;
    this.trustedServices = spec.trustedAccess.map((principal) => ({
      principal,
      enabled: since ?? new Date(0),
    }));
    for (const unit of spec.organizationalUnits) {
      if (this.unitsById.has(unit.id)) throw new FixtureError(`organization: OU ${unit.id} is defined twice`);
      this.unitsById.set(unit.id, {
        id: unit.id,
        name: unit.name,
        parentId: unit.parent,
        arn: `${arnPrefix}:ou/${spec.id}/${unit.id}`,
      });
    }
    for (const account of spec.accounts) {
      if (this.accountsById.has(account.id)) {
        throw new FixtureError(`organization: account ${account.id} is defined twice`);
      }
      this.accountsById.set(account.id, {
        id: account.id,
        name: account.name,
        email: account.email,
        arn: `${arnPrefix}:account/${spec.id}/${account.id}`,
        status: account.status,
        parentId: account.parent,
        joined: account.joined,
        regions: account.regions ?? spec.regions,
      });
    }
    this.checkStructure(fixture);
  }

  static fromFixture(fixture: SandboxFixture): Organization {
    return new Organization(fixture);
  }

  account(id: string): OrgAccount | undefined {
    return this.accountsById.get(id);
  }

  accounts(): OrgAccount[] {
    return [...this.accountsById.values()];
  }

  organizationalUnit(id: string): OrgUnit | undefined {
    return this.unitsById.get(id);
  }

  /** Whether `id` names the root or an OU. */
  isParent(id: string): boolean {
    return id === this.root.id || this.unitsById.has(id);
  }

  childAccounts(parentId: string): OrgAccount[] {
    return this.accounts().filter((account) => account.parentId === parentId);
  }

  childUnits(parentId: string): OrgUnit[] {
    return [...this.unitsById.values()].filter((unit) => unit.parentId === parentId);
  }

  /** Every account under a root or OU, at any depth. */
  accountsUnder(parentId: string): OrgAccount[] {
    const found = this.childAccounts(parentId);
    for (const unit of this.childUnits(parentId)) found.push(...this.accountsUnder(unit.id));
    return found;
  }

  enabledRegions(accountId: string): string[] {
    return this.accountsById.get(accountId)?.regions ?? [];
  }

  /** The management account and delegated administrators may read the organization. */
  mayRead(accountId: string): boolean {
    return accountId === this.managementAccountId || this.delegatedAdministrators.has(accountId);
  }

  /** A delegated administrator is a member account: the management account cannot be one (AWS refuses it). */
  private checkDelegatedAdministrators(): void {
    for (const id of this.delegatedAdministrators) {
      if (id === this.managementAccountId) {
        throw new FixtureError('organization: the management account cannot be a delegated administrator');
      }
      if (!this.accountsById.has(id)) {
        throw new FixtureError(
          `organization: delegated administrator ${id} is not an account of the organization`,
        );
      }
    }
  }

  private checkStructure(fixture: SandboxFixture): void {
    this.checkDelegatedAdministrators();
    for (const unit of this.unitsById.values()) {
      if (!this.isParent(unit.parentId)) {
        throw new FixtureError(`organization: OU ${unit.id} names unknown parent ${unit.parentId}`);
      }
      const seen = new Set<string>([unit.id]);
      for (let parent = unit.parentId; parent !== this.root.id; ) {
        if (seen.has(parent)) throw new FixtureError(`organization: OU ${unit.id} is part of a parent cycle`);
        seen.add(parent);
        parent = this.unitsById.get(parent)!.parentId;
      }
    }
    for (const account of this.accountsById.values()) {
      if (!this.isParent(account.parentId)) {
        throw new FixtureError(
          `organization: account ${account.id} names unknown parent ${account.parentId}`,
        );
      }
      const outside = account.regions.filter((region) => !this.regions.includes(region));
      if (outside.length > 0) {
        throw new FixtureError(
          `organization: account ${account.id} enables regions outside the organization: ${outside}`,
        );
      }
    }
    if (!this.accountsById.has(this.managementAccountId)) {
      throw new FixtureError(
        `organization: management account ${this.managementAccountId} is not among the accounts`,
      );
    }
    if (!this.accountsById.has(fixture.home.accountId)) {
      throw new FixtureError(
        `home.accountId ${fixture.home.accountId} is not an account of the organization`,
      );
    }
  }
}
