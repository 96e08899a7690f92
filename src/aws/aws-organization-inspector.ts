// OrganizationInspector over STS, Organizations, SSM and EventBridge: each check is the call a run would make
// (assume the role, read in the region), and AWS's answer is sorted into pass, fail, or could not tell.
import { DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeOrganizationCommand,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
} from '@aws-sdk/client-organizations';
import { DescribeAutomationExecutionsCommand, GetCalendarStateCommand } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type {
  AccountObservations,
  OrganizationObservations,
  OrganizationView,
  Probe,
  RegionObservations,
} from '../core/doctor/observations.js';
import { PASS } from '../core/doctor/observations.js';
import { SYSTEMS_MANAGER_PRINCIPAL } from '../core/doctor/readiness-problem.js';
import type { OrganizationInspector } from '../ports.js';
import type { AssumedRoleCredentials, RoleToAssume } from './assumed-role-credentials.js';
import type { AssumedIdentity, AwsClients } from './aws-clients.js';
import { isRegionRefused, isTransient } from './aws-failure.js';
import { EVENT_DELIVERY_NAMES } from './events/desired-event-delivery.js';
import { describeError } from './events/read-event-delivery-state.js';

export interface OrganizationInspectorSettings {
  administrationRoleName: string;
  executionRoleName: string;
  fanOutRoleName: string;
  /** The worker's read role: it also reads the forwarding rule (events:DescribeRule in deploy/member-account.yaml). */
  readRoleName: string;
  externalId?: string;
}

const SESSION = 'ssm-chatops-doctor';

export class AwsOrganizationInspector implements OrganizationInspector {
  private callerAccount?: Promise<{ accountId: string; arn: string }>;

  /** `roles` should be this check's own: credentials cached from before would hide a role removed since. */
  constructor(
    private readonly clients: AwsClients,
    private readonly roles: AssumedRoleCredentials,
    private readonly settings: OrganizationInspectorSettings,
  ) {}

  async inspectOrganization(calendars: readonly string[]): Promise<OrganizationObservations> {
    const caller = await this.caller();
    const [organization, administrationRole, calendarProbes] = await Promise.all([
      this.organizationView(),
      probe(() => this.roles.identity(this.administrationRole(caller.accountId)).credentials()),
      Promise.all(calendars.map(async (name) => ({ name, probe: await this.calendar(name) }))),
    ]);
    return { caller, organization, administrationRole, calendars: calendarProbes };
  }

  async inspectAccount(accountId: string, regions: readonly string[]): Promise<AccountObservations> {
    const { accountId: operations } = await this.caller();
    const read = this.memberRole(accountId, this.settings.readRoleName);
    const fanOut = this.memberRole(accountId, this.settings.fanOutRoleName);
    const [executionRole, readRole, fanOutRole] = await Promise.all([
      this.executionRole(operations, accountId),
      probe(() => this.roles.identity(read).credentials()),
      probe(() => this.roles.identity(fanOut).credentials()),
    ]);
    const fanOutRequiresExternalId =
      fanOutRole.kind === 'pass' && this.settings.externalId
        ? await this.refusedWithoutExternalId(fanOut.roleArn)
        : { kind: 'unknown' as const, detail: 'no ExternalId to leave out' };
    // Any role the bot holds there shows whether AWS takes the account's credentials in a region.
    const lookWith = readRole.kind === 'pass' ? read : fanOutRole.kind === 'pass' ? fanOut : undefined;
    const regionObservations = await Promise.all(
      regions.map((region) => this.region(accountId, region, lookWith)),
    );
    return {
      accountId,
      executionRole,
      readRole,
      fanOutRole,
      fanOutRequiresExternalId,
      regions: regionObservations,
    };
  }

  private caller(): Promise<{ accountId: string; arn: string }> {
    this.callerAccount ??= this.clients
      .sts()
      .send(new GetCallerIdentityCommand({}))
      .then(({ Account, Arn }) => {
        if (!Account || !Arn) throw new Error('STS GetCallerIdentity returned no account');
        return { accountId: Account, arn: Arn };
      });
    return this.callerAccount;
  }

  private async organizationView(): Promise<OrganizationView> {
    const client = this.clients.organizations();
    try {
      const { Organization } = await client.send(new DescribeOrganizationCommand({}));
      const trustedServices: string[] = [];
      for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
        for (const service of page.EnabledServicePrincipals ?? []) {
          if (service.ServicePrincipal) trustedServices.push(service.ServicePrincipal);
        }
      }
      const delegatedAdministrators: string[] = [];
      for await (const page of paginateListDelegatedAdministrators(
        { client },
        { ServicePrincipal: SYSTEMS_MANAGER_PRINCIPAL },
      )) {
        for (const account of page.DelegatedAdministrators ?? []) {
          if (account.Id) delegatedAdministrators.push(account.Id);
        }
      }
      return {
        kind: 'read',
        id: Organization?.Id ?? '',
        managementAccountId: Organization?.MasterAccountId ?? '',
        trustedServices,
        delegatedAdministrators,
      };
    } catch (error) {
      // Refused or unanswered past the retries alike: without the organization, nothing is resolved by it.
      return { kind: 'unreadable', detail: describeError(error) };
    }
  }

  private async calendar(name: string): Promise<Probe> {
    try {
      await this.clients
        .ssm(this.clients.homeRegion)
        .send(new GetCalendarStateCommand({ CalendarNames: [name] }));
      return PASS;
    } catch (error) {
      if (isTransient(error)) return { kind: 'unknown', detail: describeError(error) };
      return { kind: 'fail', detail: describeError(error) };
    }
  }

  /** What SSM does in a multi-account run: the Administration role assumes the member's execution role. */
  private async executionRole(operations: string, accountId: string): Promise<Probe> {
    let administration: AssumedIdentity;
    try {
      administration = this.roles.identity(this.administrationRole(operations));
      await administration.credentials();
    } catch (error) {
      return { kind: 'unknown', detail: `${this.settings.administrationRoleName}: ${describeError(error)}` };
    }
    const roleArn = `arn:aws:iam::${accountId}:role/${this.settings.executionRoleName}`;
    return probe(() =>
      this.clients
        .sts(this.clients.homeRegion, administration)
        .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION, DurationSeconds: 900 })),
    );
  }

  /** `pass` when AWS refuses the role without the ExternalId, as a role guarding against the confused deputy must. */
  private async refusedWithoutExternalId(roleArn: string): Promise<Probe> {
    const answer = await probe(() =>
      this.clients
        .sts()
        .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION, DurationSeconds: 900 })),
    );
    if (answer.kind === 'pass') return { kind: 'fail', detail: 'assumed without an ExternalId' };
    return answer.kind === 'fail' ? PASS : answer;
  }

  private async region(
    accountId: string,
    region: string,
    lookWith: RoleToAssume | undefined,
  ): Promise<RegionObservations> {
    const enabled = lookWith
      ? await this.regionEnabled(region, this.roles.identity(lookWith))
      : { kind: 'unknown' as const, detail: 'the bot can assume no role there to look with' };
    const forwarding =
      enabled.kind === 'fail'
        ? { kind: 'unknown' as const, detail: 'the region is not enabled' }
        : await this.forwardingRule(accountId, region);
    return { region, enabled, forwarding };
  }

  private async regionEnabled(region: string, identity: AssumedIdentity): Promise<Probe> {
    try {
      await this.clients
        .ssm(region, identity)
        .send(new DescribeAutomationExecutionsCommand({ MaxResults: 1 }));
      return PASS;
    } catch (error) {
      // A disabled opt-in region refuses credentials STS just issued (aws-failure.ts says where AWS says so).
      if (isRegionRefused(error)) return { kind: 'fail', detail: describeError(error) };
      if (isTransient(error)) return { kind: 'unknown', detail: describeError(error) };
      // Any other answer (AccessDenied for this read) came after AWS took the credentials in this region.
      return PASS;
    }
  }

  private async forwardingRule(accountId: string, region: string): Promise<Probe> {
    // The read role, not events setup's: that one may change rules, and the bot's task role may not assume it.
    const read = this.memberRole(accountId, this.settings.readRoleName);
    try {
      await this.roles.identity(read).credentials();
    } catch (error) {
      return { kind: 'unknown', detail: `${this.settings.readRoleName}: ${describeError(error)}` };
    }
    try {
      await this.clients
        .eventBridge(region, this.roles.identity(read))
        .send(new DescribeRuleCommand({ Name: EVENT_DELIVERY_NAMES.memberRule, EventBusName: 'default' }));
      return PASS;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') {
        return { kind: 'fail', detail: `no rule ${EVENT_DELIVERY_NAMES.memberRule} on the default bus` };
      }
      return { kind: 'unknown', detail: describeError(error) };
    }
  }

  private administrationRole(operations: string): RoleToAssume {
    return { roleArn: `arn:aws:iam::${operations}:role/${this.settings.administrationRoleName}` };
  }

  private memberRole(accountId: string, name: string): RoleToAssume {
    return { roleArn: `arn:aws:iam::${accountId}:role/${name}`, externalId: this.settings.externalId };
  }
}

/** An AssumeRole (or any call) as a probe: refused is `fail`, no answer or throttled past retries `unknown`. */
async function probe(call: () => Promise<unknown>): Promise<Probe> {
  try {
    await call();
    return PASS;
  } catch (error) {
    if (isTransient(error)) return { kind: 'unknown', detail: describeError(error) };
    return { kind: 'fail', detail: describeError(error) };
  }
}
