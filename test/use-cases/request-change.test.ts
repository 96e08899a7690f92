// requestChange: a governed run becomes a stored, audited, shown change request, or is refused with nothing stored.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeTemplate } from '../../src/core/approval/change-template-schema.js';
import type { ChangeWindow } from '../../src/core/approval/change-window.js';
import { requestChange } from '../../src/use-cases/request-change.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import {
  aRunContext,
  type RunContextOverrides,
  type TestRunContext,
} from '../support/run-context-builder.js';
import { aRunPlan, OPS_CHANNEL } from '../support/run-request-builder.js';
import { anApprovedChange } from '../support/stored-change-builder.js';

const closedCalendar = {
  state: async (calendars: readonly string[]) => ({ state: 'CLOSED' as const, calendars: [...calendars] }),
  outlook: async (calendar: string) => ({ calendar, state: 'CLOSED' as const }),
};

let context: TestRunContext;
const given = (overrides: RunContextOverrides = {}, template: ChangeTemplate = aChangeTemplate()) => {
  context = aRunContext({ templates: [template], ...overrides });
  return template;
};
beforeEach(() => given());

const ask = (template: ChangeTemplate, emergency = false, window?: ChangeWindow) =>
  requestChange(context, template, {
    ...(window && { window }),
    run: {
      plan: aRunPlan({ policy: { rules: ['platform-anything'], approvalTemplates: [template.name] } }),
      requester: { userId: PEOPLE.requester, teamId: 'T0TEAM0001', userName: 'alice' },
      channelId: OPS_CHANNEL,
      requested: { accounts: ['payments-prod'], organizationalUnits: [], excludeAccounts: [], regions: [] },
    },
    requesterGroups: [GROUPS.platform],
    emergency,
  });

const nothingStored = async () => {
  expect(await context.approvals.changes.listRecent(10)).toEqual([]);
  expect(await context.audit.list({ limit: 10 })).toEqual([]);
  expect(context.approvals.notifier.shown).toEqual([]);
};

describe('requestChange', () => {
  it('when it is asked, then the change is stored pending, audited, shown twice and given its expiry', async () => {
    const template = aChangeTemplate();
    const result = await ask(template);

    expect(result.kind).toBe('change-requested');
    const id = result.kind === 'change-requested' ? result.change.request.id : '';
    expect((await context.approvals.changes.get(id))?.request.status).toBe('pending');
    expect((await context.audit.timeline(id)).map((entry) => entry.action)).toEqual(['change.requested']);
    expect(context.approvals.notifier.shown).toHaveLength(1);
    expect(context.approvals.notifier.links).toHaveLength(1);
    expect(context.scheduler.expiries).toEqual([{ changeId: id, delayMs: 24 * 3_600_000 }]);
  });

  it('when a calendar is CLOSED, then it is refused naming the calendar, and nothing is stored', async () => {
    const template = given({ calendar: closedCalendar });
    expect(await ask(template)).toEqual({
      kind: 'change-refused',
      refusal: {
        code: 'calendar-closed',
        template: 'prod-change',
        calendars: ['ProductionFreeze'],
        mayRaiseEmergency: false,
      },
    });
    await nothingStored();
  });

  it('when no approvals channel is set anywhere, then it is refused and nothing is stored', async () => {
    const template = aChangeTemplate();
    context = aRunContext({ templates: [template] });
    context.approvals.defaultChannel = undefined;
    expect(await ask(template)).toEqual({
      kind: 'change-refused',
      refusal: { code: 'no-approvals-channel', template: 'prod-change' },
    });
    await nothingStored();
  });

  it('when an approved change holds the targets and the template refuses conflicts, then it is refused naming the holder', async () => {
    const template = given({}, aChangeTemplate({ onConflict: 'refuse' }));
    await context.approvals.changes.create(anApprovedChange({ request: { id: 'chg-holder01' } }));
    await context.approvals.changes.acquireLocks(
      'chg-holder01',
      (await context.approvals.changes.get('chg-holder01'))!.lockKeys,
    );

    const result = await ask(template);

    expect(result).toEqual({
      kind: 'change-refused',
      refusal: {
        code: 'locked',
        runbook: 'AWS-RestartEC2Instance',
        holder: 'chg-holder01',
        holderRequester: PEOPLE.requester,
      },
    });
  });

  it('when the template waits on conflicts, then the change is stored and its thread says whom it waits for', async () => {
    const template = given({}, aChangeTemplate({ onConflict: 'wait' }));
    await context.approvals.changes.create(anApprovedChange({ request: { id: 'chg-holder01' } }));
    await context.approvals.changes.acquireLocks(
      'chg-holder01',
      (await context.approvals.changes.get('chg-holder01'))!.lockKeys,
    );

    expect((await ask(template)).kind).toBe('change-requested');
    expect(context.approvals.notifier.notes.map(({ note }) => note)).toEqual([
      { kind: 'waits-for-lock', holder: 'chg-holder01', runbook: 'AWS-RestartEC2Instance' },
    ]);
  });

  it('when the template auto-approves, then the change starts at once: approved by the bot, then its run', async () => {
    const template = given({}, aChangeTemplate({ autoApprove: true, levels: [] }));

    const result = await ask(template);

    const change = result.kind === 'change-requested' ? result.change : undefined;
    expect(change?.request.status).toBe('started');
    expect(await context.runs.get(change!.request.runId!)).toBeDefined();
    const timeline = await context.audit.timeline(change!.request.id);
    expect(timeline.map((entry) => entry.action)).toEqual([
      'change.requested',
      'change.approved',
      'run.started',
    ]);
    expect(timeline[1]).toMatchObject({ actor: { kind: 'system' }, details: { emergencyBypass: false } });
  });

  it('when the change has a window, then it gets a window job at its start and an expiry at its end', async () => {
    const template = aChangeTemplate();
    const now = context.now().getTime();
    const window = {
      startAt: new Date(now + 2 * 3_600_000).toISOString(),
      endBy: new Date(now + 4 * 3_600_000).toISOString(),
    };

    const result = await ask(template, false, window);

    const id = result.kind === 'change-requested' ? result.change.request.id : '';
    expect(context.scheduler.windows).toEqual([{ changeId: id, delayMs: 2 * 3_600_000 }]);
    expect(context.scheduler.expiries).toEqual([{ changeId: id, delayMs: 4 * 3_600_000 }]);
    const requested = (await context.audit.timeline(id))[0];
    expect(requested?.details).toMatchObject(window);
  });

  it('when a standard change has a later window, then it is scheduled at once, holds its locks, and nothing starts', async () => {
    const template = given({}, aChangeTemplate({ autoApprove: true, levels: [] }));
    const startAt = new Date(context.now().getTime() + 3_600_000).toISOString();

    const result = await ask(template, false, { startAt });

    const change = result.kind === 'change-requested' ? result.change : undefined;
    expect(change?.request.status).toBe('scheduled');
    expect(await context.approvals.changes.lockHolder(change!.lockKeys)).toBe(change!.request.id);
    expect((await context.audit.timeline(change!.request.id)).map((entry) => entry.action)).toEqual([
      'change.requested',
      'change.approved',
      'change.scheduled',
    ]);
    expect(await context.runs.listRecent(10)).toEqual([]);
  });
});
