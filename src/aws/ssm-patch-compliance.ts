// PatchComplianceReader over STS and SSM: in each account, the read role; in each region, Compliance's per-instance
// summaries (ListResourceComplianceSummaries, Patch) and Patch Manager's counts for the non-compliant ones
// (DescribeInstancePatchStates), a few accounts at a time. AWS's refusals become unreadable places, never throws.
import {
  DescribeInstancePatchStatesCommand,
  type InstancePatchState,
  ListResourceComplianceSummariesCommand,
  type ResourceComplianceSummaryItem,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type {
  InstancePatchCompliance,
  PlaceCompliance,
  UnreadableReason,
} from '../core/compliance/patch-compliance.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import type { Target } from '../core/organization/organization.js';
import type { PatchComplianceReader } from '../ports.js';
import type { AssumedRoleCredentials, RoleToAssume } from './assumed-role-credentials.js';
import type { AwsClients } from './aws-clients.js';
import { isRegionRefused, isThrottling, isTransient } from './aws-failure.js';

export interface PatchComplianceSettings {
  readRoleName: string;
  externalId?: string;
  /** Accounts read at once (default 8): 1,000 accounts must not burst 1,000 AssumeRoles. */
  accountsAtOnce?: number;
}

/** DescribeInstancePatchStates takes at most 50 instance ids per call (the API model's InstanceIds bound). */
const IDS_PER_CALL = 50;
const PATCH_ONLY = [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' as const }];

export class SsmPatchCompliance implements PatchComplianceReader {
  constructor(
    private readonly clients: AwsClients,
    private readonly roles: AssumedRoleCredentials,
    private readonly homeAccountId: () => Promise<string>,
    private readonly settings: PatchComplianceSettings,
  ) {}

  async read(targets: readonly Target[]): Promise<PlaceCompliance[]> {
    const regionsByAccount = new Map<string, string[]>();
    for (const { accountId, region } of targets) {
      regionsByAccount.set(accountId, [...(regionsByAccount.get(accountId) ?? []), region]);
    }
    const perAccount = await mapConcurrently(
      [...regionsByAccount],
      this.settings.accountsAtOnce ?? 8,
      ([accountId, regions]) => this.readAccount(accountId, regions),
    );
    return perAccount.flat();
  }

  private async readAccount(accountId: string, regions: string[]): Promise<PlaceCompliance[]> {
    let client: (region: string) => SSMClient;
    const role: RoleToAssume = {
      roleArn: `arn:aws:iam::${accountId}:role/${this.settings.readRoleName}`,
      externalId: this.settings.externalId,
    };
    try {
      if (accountId === (await this.homeAccountId())) {
        client = (region) => this.clients.ssm(region);
      } else {
        const identity = this.roles.identity(role);
        await identity.credentials();
        client = (region) => this.clients.ssm(region, identity);
      }
    } catch (error) {
      const unreadable = this.roleRefusal(error, accountId);
      return regions.map((region) => ({ kind: 'unreadable', target: { accountId, region }, ...unreadable }));
    }
    return Promise.all(regions.map((region) => this.readRegion({ accountId, region }, client(region))));
  }

  private async readRegion(target: Target, client: SSMClient): Promise<PlaceCompliance> {
    try {
      const summaries = await listPatchSummaries(client);
      const nonCompliantIds = summaries
        .filter((summary) => summary.Status === 'NON_COMPLIANT')
        .map((summary) => summary.ResourceId!);
      const states = await describePatchStates(client, nonCompliantIds);
      return {
        kind: 'read',
        target,
        instances: summaries.map((summary) => toInstance(target, summary, states.get(summary.ResourceId!))),
      };
    } catch (error) {
      const { reason, message } = regionRefusal(error, target);
      return { kind: 'unreadable', target, reason, message };
    }
  }

  private roleRefusal(error: unknown, accountId: string): { reason: UnreadableReason; message: string } {
    const name = this.settings.readRoleName;
    if (isThrottling(error) || isTransient(error)) {
      return {
        reason: 'unanswered',
        message: `AssumeRole ${name} in ${accountId} got no answer: ${describe(error)}`,
      };
    }
    return {
      reason: 'no-read-role',
      message:
        `the bot cannot assume ${name} in ${accountId}: the role is missing, or its trust policy does not ` +
        `name the bot (${describe(error)})`,
    };
  }
}

async function listPatchSummaries(client: SSMClient): Promise<ResourceComplianceSummaryItem[]> {
  const items: ResourceComplianceSummaryItem[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListResourceComplianceSummariesCommand({ Filters: PATCH_ONLY, MaxResults: 50, NextToken: token }),
    );
    items.push(...(page.ResourceComplianceSummaryItems ?? []).filter((item) => item.ResourceId));
    token = page.NextToken || undefined;
  } while (token);
  return items;
}

async function describePatchStates(
  client: SSMClient,
  instanceIds: readonly string[],
): Promise<Map<string, InstancePatchState>> {
  const states = new Map<string, InstancePatchState>();
  for (let start = 0; start < instanceIds.length; start += IDS_PER_CALL) {
    const batch = instanceIds.slice(start, start + IDS_PER_CALL);
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeInstancePatchStatesCommand({ InstanceIds: batch, MaxResults: 50, NextToken: token }),
      );
      for (const state of page.InstancePatchStates ?? []) states.set(state.InstanceId!, state);
      token = page.NextToken || undefined;
    } while (token);
  }
  return states;
}

/** Patch Manager's counts when it has them; Compliance's severity summary otherwise (no security count there). */
function toInstance(
  target: Target,
  summary: ResourceComplianceSummaryItem,
  state: InstancePatchState | undefined,
): InstancePatchCompliance {
  const nonCompliant = summary.NonCompliantSummary;
  return {
    instanceId: summary.ResourceId!,
    accountId: target.accountId,
    region: target.region,
    compliant: summary.Status !== 'NON_COMPLIANT',
    missing: state?.MissingCount ?? nonCompliant?.NonCompliantCount ?? 0,
    critical: state?.CriticalNonCompliantCount ?? nonCompliant?.SeveritySummary?.CriticalCount ?? 0,
    security: state?.SecurityNonCompliantCount ?? 0,
    failed: state?.FailedCount ?? 0,
    lastOperationAt: state?.OperationEndTime ?? summary.ExecutionSummary?.ExecutionTime,
  };
}

function regionRefusal(error: unknown, target: Target): { reason: UnreadableReason; message: string } {
  // A disabled opt-in region refuses credentials just issued (aws-failure.ts says where AWS says so).
  if (isRegionRefused(error)) {
    return {
      reason: 'region-not-enabled',
      message: `${target.region} is not enabled for account ${target.accountId}`,
    };
  }
  if (isThrottling(error) || isTransient(error)) {
    return { reason: 'unanswered', message: `no answer from SSM: ${describe(error)}` };
  }
  return { reason: 'access-denied', message: `SSM refused the read: ${describe(error)}` };
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
