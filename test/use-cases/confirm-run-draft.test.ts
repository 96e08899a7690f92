// confirmRunDraft: the modal's final submit takes the draft once and requests the run as things stand now.
import { beforeEach, describe, expect, it } from 'vitest';
import { confirmRunDraft } from '../../src/use-cases/confirm-run-draft.js';
import { PEOPLE } from '../support/approval-builders.js';
import { aPolicy, aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunRequest, aSubject } from '../support/run-request-builder.js';

const DRAFTED_IN = 'C0DRAFTED1';

let context: TestRunContext;
let draftId: string;
beforeEach(async () => {
  context = aRunContext();
  draftId = await context.drafts.save({
    request: aRunRequest({ parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] } }),
    userId: PEOPLE.requester,
    channelId: DRAFTED_IN,
  });
});

describe('confirmRunDraft', () => {
  it('when its author confirms, then the run starts in the channel the draft was made in', async () => {
    const result = await confirmRunDraft(context, draftId, anAsker());

    expect(result.kind).toBe('started');
    const [run] = await context.runs.listRecent(10);
    expect(run).toMatchObject({ channelId: DRAFTED_IN, runbook: { name: 'AWS-RestartEC2Instance' } });
    expect(context.scheduler.starts).toEqual([{ runId: run?.id }]);
  });

  it('when it is confirmed twice, then the second finds the draft gone and starts nothing', async () => {
    await confirmRunDraft(context, draftId, anAsker());

    expect(await confirmRunDraft(context, draftId, anAsker())).toEqual({ kind: 'draft-expired' });
    expect(await context.runs.listRecent(10)).toHaveLength(1);
  });

  it('when the draft is unknown, then it has expired', async () => {
    expect(await confirmRunDraft(context, 'no-such-draft', anAsker())).toEqual({ kind: 'draft-expired' });
  });

  it('when someone else confirms it, then it is not theirs and nothing starts', async () => {
    const mallory = anAsker(aSubject({ userId: PEOPLE.mallory }));

    expect(await confirmRunDraft(context, draftId, mallory)).toEqual({ kind: 'not-your-draft' });
    expect(await context.runs.listRecent(10)).toEqual([]);
  });

  it('when the policy changed since the preview, then the run is checked again and denied', async () => {
    context.policies = [aPolicy({ name: 'staging-only', organizationalUnits: ['ou-sbx1-stage001'] })];

    const result = await confirmRunDraft(context, draftId, anAsker());

    expect(result.kind).toBe('denied');
    expect(await context.runs.listRecent(10)).toEqual([]);
  });
});
