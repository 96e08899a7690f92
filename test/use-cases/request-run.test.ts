// requestRun: a planned run starts, is previewed, or becomes a change request; refusals store nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { requestRun } from '../../src/use-cases/request-run.js';
import { aChangeTemplate, GROUPS } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunRequest } from '../support/run-request-builder.js';

/** Governs restarts in the Production OU, as a template's `governs` says it. */
const prodChange = aChangeTemplate({
  governs: { runbooks: ['AWS-RestartEC2Instance'], organizationalUnits: ['ou-sbx1-prod0001'] },
});
const securityChange = aChangeTemplate({
  name: 'security-change',
  governs: { runbooks: ['AWS-RestartEC2Instance'], accounts: ['333333333301'] },
  levels: [{ approvers: { userGroups: [GROUPS.security] } }],
});

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

const request = (overrides = {}) => ({ ...aRunRequest(), dryRun: false, ...overrides });

describe('requestRun', () => {
  it('when no template governs the run, then it is recorded, scheduled and audited with who asked', async () => {
    const result = await requestRun(context, request(), anAsker());

    expect(result.kind).toBe('started');
    const run = result.kind === 'started' ? result.run : undefined;
    // The runbook's steps go with the run: progress moves with each child's steps from the first poll.
    expect((await context.runs.get(run!.id))?.runbook).toEqual({
      name: 'AWS-RestartEC2Instance',
      steps: ['stopInstances', 'startInstances'],
    });
    expect(context.scheduler.starts.map((start) => start.runId)).toEqual([run!.id]);
    const [entry] = await context.audit.timeline(run!.id);
    expect(entry).toMatchObject({
      action: 'run.requested',
      actor: { kind: 'user', userId: 'U0REQUEST1', teamId: 'T0TEAM0001', displayName: 'alice' },
      runbook: 'AWS-RestartEC2Instance',
      targets: ['333333333301/ap-northeast-1'],
      reason: 'Apply the June kernel patch',
    });
    expect(entry?.summary).toBe(
      `alice started ${run!.id}: AWS-RestartEC2Instance on 1 target (no approval needed)`,
    );
  });

  it('when the bot cannot post in the asker’s channel, then it is refused with no run, no start and no audit entry', async () => {
    const asker = anAsker();
    context.notifier.unavailableChannels.add(asker.channelId);

    expect(await requestRun(context, request(), asker)).toEqual({
      kind: 'channel-unavailable',
      channelId: asker.channelId,
      reason: 'channel_not_found',
    });
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(context.scheduler.starts).toEqual([]);
    expect(await context.audit.list({ limit: 10 })).toEqual([]);
  });

  it('when it is a dry run, then the plan comes back and nothing is stored, started or audited', async () => {
    const result = await requestRun(context, request({ dryRun: true }), anAsker());

    expect(result.kind).toBe('preview');
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(context.scheduler.starts).toEqual([]);
    expect(await context.audit.list({ limit: 10 })).toEqual([]);
  });

  it('when a template governs the run, then a pending change is stored and no run exists', async () => {
    context = aRunContext({ templates: [prodChange] });

    const result = await requestRun(context, request(), anAsker());

    expect(result.kind).toBe('change-requested');
    const change = result.kind === 'change-requested' ? result.change : undefined;
    expect(change?.request).toMatchObject({ status: 'pending', template: 'prod-change', level: 0 });
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(context.scheduler.expiries).toHaveLength(1);
  });

  it('when two templates govern the run, then it is refused naming both, and nothing is stored', async () => {
    context = aRunContext({ templates: [prodChange, securityChange] });

    expect(await requestRun(context, request(), anAsker())).toEqual({
      kind: 'change-refused',
      refusal: { code: 'several-templates', templates: ['prod-change', 'security-change'] },
    });
    expect(await context.approvals.changes.listRecent(10)).toEqual([]);
    expect(await context.runs.listRecent(10)).toEqual([]);
  });

  it('when an emergency is asked for a run no template governs, then it is refused and nothing starts', async () => {
    expect(await requestRun(context, request({ emergency: true }), anAsker())).toEqual({
      kind: 'change-refused',
      refusal: { code: 'emergency-not-governed' },
    });
    expect(await context.runs.listRecent(10)).toEqual([]);
  });
});
