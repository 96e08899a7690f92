// Builders of what a person asks for, for use-case tests: a run request, who asks, and a plan it resolves to.

import type { RunTargets } from '../../src/core/command/ssm-command.js';
import type { Subject } from '../../src/core/policy/subject.js';
import type { RunPlan } from '../../src/core/run/run-plan.js';
import type { RunRequest } from '../../src/core/run/run-request.js';
import type { RunAsker } from '../../src/use-cases/request-run.js';
import type { StartRunInput } from '../../src/use-cases/start-run.js';
import { GROUPS, PEOPLE } from './approval-builders.js';
import { anOrganization } from './organization-builder.js';

export const OPS_CHANNEL = 'C0OPS00001';

/** payments-prod in Tokyo, as typed: names, not ids. */
export function someTargets(overrides: Partial<RunTargets> = {}): RunTargets {
  return {
    accounts: ['payments-prod'],
    organizationalUnits: [],
    excludeAccounts: [],
    regions: [],
    ...overrides,
  };
}

/** A restart of one instance in payments-prod, with a reason; everything else left to the defaults. */
export function aRunRequest(overrides: Partial<RunRequest> = {}): RunRequest {
  return {
    runbook: 'AWS-RestartEC2Instance',
    parameters: { InstanceId: 'i-0a1b2c3d4e5f60718' },
    targets: someTargets(),
    reason: 'Apply the June kernel patch',
    ...overrides,
  };
}

/** alice (the requester, in the platform group) asking in the ops channel. */
export function aSubject(overrides: Partial<Subject> = {}): Subject {
  return {
    userId: PEOPLE.requester,
    teamId: 'T0TEAM0001',
    userName: 'alice',
    userGroupIds: [GROUPS.platform],
    channelId: OPS_CHANNEL,
    ...overrides,
  };
}

export function anAsker(subject: Subject = aSubject()): RunAsker {
  return {
    requester: { userId: subject.userId, teamId: subject.teamId, userName: subject.userName },
    subject,
    channelId: subject.channelId,
  };
}

const organization = anOrganization();
const account = (id: string) => {
  const found = organization.accounts.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no account ${id} in the sandbox organization`);
  return found;
};

/** A restart in payments-prod and payments-staging, Tokyo, multi-account, allowed by the platform rule. */
export function aRunPlan(overrides: Partial<RunPlan> = {}): RunPlan {
  const accounts = [account('333333333301'), account('444444444401')];
  const regions = overrides.regions ?? ['ap-northeast-1'];
  return {
    runbook: { name: 'AWS-RestartEC2Instance', description: 'Restart EC2 instances(s)' },
    parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
    accounts,
    regions,
    targets: accounts.flatMap((a) => regions.map((region) => ({ accountId: a.id, region }))),
    skipped: [],
    mode: 'multi-account',
    concurrency: { kind: 'count', value: 10 },
    maxErrors: { kind: 'count', value: 0 },
    reason: 'Apply the June kernel patch',
    policy: { rules: ['platform-anything'], approvalTemplates: [] },
    ...overrides,
  };
}

/** What startRun gets for a plain request by U0REQUEST1 in #ops, audited as `run.requested`. */
export function aStartRunInput(plan = aRunPlan(), channelId = OPS_CHANNEL): StartRunInput {
  return {
    plan,
    requester: anAsker().requester,
    channelId,
    requested: someTargets(),
    audit: (run) => ({
      action: 'run.requested',
      actor: { kind: 'user', userId: 'U0REQUEST1' },
      subject: { runId: run.id },
      runbook: run.runbook.name,
    }),
  };
}
