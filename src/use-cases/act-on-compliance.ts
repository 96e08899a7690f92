// The buttons of a compliance answer: the CSV of every non-compliant instance, and a patch run on the
// non-compliant account × region pairs requested as the clicker, through policy and change requests.
import type { ComplianceScope, RunCommand } from '../core/command/ssm-command.js';
import { nonCompliantInstancesCsv } from '../core/compliance/compliance-csv.js';
import { complianceShareKey } from '../core/compliance/compliance-share-key.js';
import type { Subject } from '../core/policy/subject.js';
import type { Requester } from '../core/run/run.js';
import type { ComplianceServices } from './compliance-services.js';
import { type RequestRunResult, requestRun } from './request-run.js';
import type { RunContext } from './run-context.js';
import { type ComplianceAnswer, showCompliance } from './show-compliance.js';

export type DownloadResult =
  | Extract<ComplianceAnswer, { kind: 'problems' }>
  | { kind: 'nothing-non-compliant' }
  | { kind: 'shared'; instances: number };

export async function downloadNonCompliant(
  run: RunContext,
  compliance: ComplianceServices,
  request: { scope: ComplianceScope; subject: Subject; channelId: string },
): Promise<DownloadResult> {
  const answer = await showCompliance(run, compliance, request);
  if (answer.kind === 'problems') return answer;
  const instances = answer.rollUp.nonCompliantInstances;
  if (instances.length === 0) return { kind: 'nothing-non-compliant' };
  const names = new Map(answer.rollUp.accounts.map((account) => [account.accountId, account.accountName]));
  const stamp = answer.readAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  await compliance.files.share({
    key: complianceShareKey({ ...request, userId: request.subject.userId, readAt: answer.readAt }),
    channel: request.channelId,
    comment: `Non-compliant instances (${instances.length}), as read at ${answer.readAt.toISOString()}`,
    file: {
      name: `patch-compliance-${stamp}.csv`,
      title: `Non-compliant instances ${stamp}`,
      content: nonCompliantInstancesCsv(instances, names),
    },
  });
  return { kind: 'shared', instances: instances.length };
}

export type PatchResult =
  | Extract<ComplianceAnswer, { kind: 'problems' }>
  | { kind: 'nothing-non-compliant' }
  | { kind: 'requested'; result: RequestRunResult };

export async function patchNonCompliant(
  run: RunContext,
  compliance: ComplianceServices,
  request: { scope: ComplianceScope; subject: Subject; requester: Requester; channelId: string },
): Promise<PatchResult> {
  const answer = await showCompliance(run, compliance, request);
  if (answer.kind === 'problems') return answer;
  const pairs = answer.rollUp.nonCompliantTargets;
  if (pairs.length === 0) return { kind: 'nothing-non-compliant' };
  const command: RunCommand = {
    kind: 'run',
    runbook: compliance.settings.patchRunbook,
    parameters: {},
    // Exact pairs: only where something is behind, each checked by policy like any target.
    targets: {
      accounts: [...new Set(pairs.map((pair) => pair.accountId))],
      organizationalUnits: [],
      excludeAccounts: [],
      regions: [...new Set(pairs.map((pair) => pair.region))],
      pairs,
    },
    dryRun: false,
    reason: `Patch ${answer.rollUp.totals.nonCompliant} non-compliant instances found by /ssm compliance`,
  };
  return {
    kind: 'requested',
    result: await requestRun(run, command, {
      requester: request.requester,
      subject: request.subject,
      channelId: request.channelId,
    }),
  };
}
