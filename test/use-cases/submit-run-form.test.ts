// submitRunForm: the modal's Preview checks the form like a command and keeps what passes as a draft.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { submitRunForm } from '../../src/use-cases/submit-run-form.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunRequest, OPS_CHANNEL } from '../support/run-request-builder.js';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

const form = (
  parameterValues: Record<string, string | string[] | null> = { InstanceId: 'i-0a1b2c3d4e5f60718' },
) => ({
  request: aRunRequest({ parameters: {} }),
  parameterValues,
});

describe('submitRunForm', () => {
  it('when the form checks out, then its request is kept as the asker’s draft and the plan is shown to confirm', async () => {
    const result = await submitRunForm(context, form(), anAsker());

    expect(result).toMatchObject({ kind: 'confirm', needsApproval: false, emergency: false });
    if (result.kind !== 'confirm') return;
    expect(result.plan.targets).toEqual([{ accountId: '333333333301', region: 'ap-northeast-1' }]);
    expect(await context.drafts.take(result.draftId)).toEqual({
      request: aRunRequest({ parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] } }),
      userId: 'U0REQUEST1',
      channelId: OPS_CHANNEL,
    });
  });

  it('when a change template governs the run, then the confirmation says it needs approval', async () => {
    const governed = aRunContext({
      templates: [aChangeTemplate({ governs: { organizationalUnits: ['ou-sbx1-prod0001'] } })],
    });

    const result = await submitRunForm(governed, form(), anAsker());

    expect(result).toMatchObject({ kind: 'confirm', needsApproval: true });
  });

  it('when the form asks for an emergency, then the confirmation says so', async () => {
    const emergency = { ...form(), request: aRunRequest({ parameters: {}, emergency: true }) };

    expect(await submitRunForm(context, emergency, anAsker())).toMatchObject({
      kind: 'confirm',
      emergency: true,
    });
  });

  it('when a governed run picks a window, then the draft keeps it; a run that needs no approval is refused one', async () => {
    const governed = aRunContext({
      templates: [aChangeTemplate({ governs: { organizationalUnits: ['ou-sbx1-prod0001'] } })],
    });
    const inAnHour = new Date(governed.now().getTime() + 3_600_000).toISOString();
    const window = { startAt: { kind: 'at', iso: inAnHour, text: inAnHour } } as const;
    const scheduled = { ...form(), request: aRunRequest({ parameters: {}, window }) };

    expect(await submitRunForm(governed, scheduled, anAsker())).toMatchObject({ kind: 'confirm' });
    expect(await submitRunForm(context, scheduled, anAsker())).toEqual({
      kind: 'change-refused',
      refusal: { code: 'schedule-not-governed' },
    });
  });

  it('when the picked start has passed, then the form is refused on that field and no draft is kept', async () => {
    const save = vi.spyOn(context.drafts, 'save');
    const past = new Date(context.now().getTime() - 60_000).toISOString();
    const late = {
      ...form(),
      request: aRunRequest({ parameters: {}, window: { startAt: { kind: 'at', iso: past, text: past } } }),
    };

    expect(await submitRunForm(context, late, anAsker())).toMatchObject({
      kind: 'change-refused',
      refusal: { code: 'window-invalid', problem: { code: 'in-the-past', flag: 'start-at' } },
    });
    expect(save).not.toHaveBeenCalled();
  });

  it('when a field is wrong, then the problem comes back and no draft is kept', async () => {
    const save = vi.spyOn(context.drafts, 'save');

    const result = await submitRunForm(context, form({ InstanceId: 'not-an-instance' }), anAsker());

    expect(result.kind).toBe('invalid');
    expect(save).not.toHaveBeenCalled();
  });

  it('when a required field is left empty, then it is reported missing', async () => {
    const result = await submitRunForm(context, form({ InstanceId: null }), anAsker());

    expect(result).toMatchObject({ kind: 'incomplete', missing: [{ parameter: 'InstanceId' }] });
  });
});
