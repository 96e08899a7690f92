// The audit trail as a SIEM gets it: real Slack payloads drive the flows, `exportAuditTrail` writes the lines,
// and every line conforms to docs/audit-entry.schema.json with names and ids, never Slack markup.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../src/core/audit/audit-entry.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { exportAuditTrail } from '../../../src/use-cases/export-audit-trail.js';
import { recordRunEnd } from '../../../src/use-cases/record-run-end.js';
import { PEOPLE } from '../../support/approval-builders.js';
import { auditLineProblems, SLACK_MARKUP } from '../../support/audit-schema.js';
import {
  APPROVALS,
  LISTENER_CONFIG,
  type ListenerHarness,
  OPS,
  startListenerHarness,
} from '../../support/listener-harness.js';

let harness: ListenerHarness | undefined;
afterEach(() => harness?.close());

/** Every line the export writes, parsed, with the schema's complaints about it. */
async function exportedLines(current: ListenerHarness) {
  const pages: string[] = [];
  await exportAuditTrail(current.context.audit, {}, (lines) => void pages.push(lines));
  return pages
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ({
      line,
      entry: JSON.parse(line) as Record<string, unknown>,
      problems: auditLineProblems(line),
    }));
}

const GOVERNED = 'run Platform-CleanupUnusedAmis --accounts payments-prod --reason "Free the AMI quota"';
const UNGOVERNED = 'run AWS-RestartEC2Instance --accounts dev-shared InstanceId=i-0123456789abcdef0';

describe('the audit export', () => {
  it('when a change is requested, voted through both levels, started, cancelled and ends, then every line conforms and names people', async () => {
    harness = await startListenerHarness();
    await harness.command(PEOPLE.requester, GOVERNED);
    const [change] = await harness.context.approvals.changes.listRecent(1);
    expect(change?.request.status).toBe('pending');
    const changeId = change!.request.id;
    for (const approver of [PEOPLE.bob, PEOPLE.dave]) {
      await harness.click({
        userId: approver,
        channelId: APPROVALS,
        actionId: ActionId.approveChange,
        value: changeId,
      });
    }
    const runId = (await harness.context.approvals.changes.get(changeId))?.request.runId;
    expect(runId).toBeDefined();
    await harness.command(PEOPLE.requester, `cancel ${runId}`);
    const run = await harness.context.runs.get(runId!);
    await recordRunEnd(harness.context, { ...run!, status: 'cancelled' });

    const lines = await exportedLines(harness);
    expect(lines.map(({ entry }) => entry.action)).toEqual([
      'change.requested',
      'change.level-approved',
      'change.approved',
      'run.started',
      'run.cancelled',
      'run.finished',
    ] satisfies AuditAction[]);
    for (const { line, problems } of lines) {
      expect(problems, line).toEqual([]);
      expect(line).not.toMatch(SLACK_MARKUP);
    }
    const [requested, levelApproved] = lines.map(({ entry }) => entry);
    expect(requested).toMatchObject({
      schemaVersion: 1,
      actor: { kind: 'user', userId: PEOPLE.requester, teamId: 'T0SANDBOX', displayName: 'u0request1' },
      subject: { changeId },
      runbook: 'Platform-CleanupUnusedAmis',
      targets: ['333333333301/ap-northeast-1'],
      template: 'prod-change',
      reason: 'Free the AMI quota',
      outcome: 'pending',
    });
    expect(requested?.summary).toBe(
      `u0request1 requested ${changeId}: Platform-CleanupUnusedAmis on 1 target under prod-change: Free the AMI quota`,
    );
    expect(levelApproved).toMatchObject({
      actor: { userId: PEOPLE.bob, displayName: 'u0approve1' },
      level: { index: 0, name: 'SRE leads' },
      votes: { count: 1, required: 1 },
      summary: `u0approve1 approved ${changeId}; SRE leads is satisfied (1 of 1)`,
    });
  });

  it('when a change is rejected with a reason, then the reason is its own field and the summary has it in plain text', async () => {
    harness = await startListenerHarness();
    await harness.command(PEOPLE.requester, GOVERNED);
    const changeId = (await harness.context.approvals.changes.listRecent(1))[0]!.request.id;
    await harness.submitView({
      userId: PEOPLE.bob,
      callbackId: CallbackId.changeRejection,
      privateMetadata: JSON.stringify({ changeId, channelId: APPROVALS }),
      values: {
        [BlockId.rejectionReason]: {
          [ActionId.rejectionReason]: { type: 'plain_text_input', value: 'Not during the sale' },
        },
      },
    });
    const rejected = (await exportedLines(harness)).at(-1)!;
    expect(rejected.problems).toEqual([]);
    expect(rejected.entry).toMatchObject({
      action: 'change.rejected',
      reason: 'Not during the sale',
      outcome: 'rejected',
      summary: `u0approve1 rejected ${changeId}: Not during the sale`,
    });
  });

  it('when no change template is configured, then a run still writes run.requested', async () => {
    harness = await startListenerHarness({ ...LISTENER_CONFIG, approvalTemplates: [] });
    await harness.command(PEOPLE.requester, UNGOVERNED, OPS);
    const lines = await exportedLines(harness);
    expect(lines.map(({ entry }) => entry.action)).toEqual(['run.requested']);
    expect(lines[0]?.problems).toEqual([]);
    expect(lines[0]?.entry).toMatchObject({
      actor: { userId: PEOPLE.requester, displayName: 'u0request1' },
      runbook: 'AWS-RestartEC2Instance',
      targets: ['555555555501/ap-northeast-1'],
    });
  });
});

describe('the schema', () => {
  it('when a line carries Slack markup in a field the schema constrains, or misses a field, then it is refused', () => {
    const good = {
      schemaVersion: 1,
      id: '1748826000000-0',
      action: 'run.cancelled',
      actor: { kind: 'user', userId: 'U0REQUEST1' },
      subject: { runId: 'run-7k3m9q2x' },
      at: '2025-06-02T01:00:00.000Z',
      summary: 'alice cancelled run-7k3m9q2x',
    };
    expect(auditLineProblems(JSON.stringify(good))).toEqual([]);
    expect(
      auditLineProblems(JSON.stringify({ ...good, actor: { kind: 'user', userId: '<@U0REQUEST1>' } })),
    ).not.toEqual([]);
    expect(auditLineProblems(JSON.stringify({ ...good, schemaVersion: 2 }))).not.toEqual([]);
    expect(auditLineProblems(JSON.stringify({ ...good, subject: {} }))).not.toEqual([]);
    expect(auditLineProblems(JSON.stringify({ ...good, at: 'yesterday' }))).not.toEqual([]);
    const { summary: _summary, ...withoutSummary } = good;
    expect(auditLineProblems(JSON.stringify(withoutSummary))).not.toEqual([]);
  });
});
