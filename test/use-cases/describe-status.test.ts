// describeStatus: a change with its template and timeline, a run with its timeline, or not found — and what
// the asker may not see (isVisibleTo) is not found either, answered exactly as an unknown id.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../src/core/policy/subject.js';
import { describeStatus } from '../../src/use-cases/describe-status.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

const CHANGE = aStoredChange({ request: { id: 'chg-4f7h2k9p' } });
const RUN = aRun({ id: 'run-7k3m9q2x' });

/** Someone asking from a channel where neither the run nor the change is shown. */
const asking = (userId: string, userGroupIds: string[] = [], channelId = 'C0ELSEWHR1'): Subject => ({
  userId,
  userGroupIds,
  channelId,
});
const REQUESTER = asking(PEOPLE.requester, [GROUPS.platform]);

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext({ templates: [aChangeTemplate()] });
  await context.approvals.changes.create(CHANGE);
  await context.runs.create(RUN);
  await context.audit.append(anAuditEntry({ subject: { changeId: CHANGE.request.id } }));
  await context.audit.append(anAuditEntry({ subject: { runId: RUN.id } }));
  await context.audit.append(anAuditEntry({ subject: { changeId: 'chg-other001' } }));
});

describe('describeStatus', () => {
  it('when the id is a change’s, then the change, its template and its own timeline come back', async () => {
    const status = await describeStatus(context, CHANGE.request.id, REQUESTER);

    expect(status.kind).toBe('change');
    if (status.kind !== 'change') return;
    expect(status.change).toEqual(CHANGE);
    expect(status.template.name).toBe('prod-change');
    expect(status.timeline.map((entry) => entry.subject)).toEqual([{ changeId: CHANGE.request.id }]);
  });

  it('when the id is a run’s, then the run and its own timeline come back', async () => {
    const status = await describeStatus(context, RUN.id, REQUESTER);

    expect(status.kind).toBe('run');
    if (status.kind !== 'run') return;
    expect(status.run).toEqual(RUN);
    expect(status.timeline.map((entry) => entry.subject)).toEqual([{ runId: RUN.id }]);
  });

  it.each(['run-unknown1', 'chg-unknown1', 'hello'])(
    'when nothing has the id %s, then it is not found',
    async (id) => {
      expect(await describeStatus(context, id, REQUESTER)).toEqual({ kind: 'not-found', id });
    },
  );

  it('when the change’s template is no longer configured, then it is not found', async () => {
    const withoutTemplate = aRunContext({ templates: [] });
    await withoutTemplate.approvals.changes.create(CHANGE);

    expect(await describeStatus(withoutTemplate, CHANGE.request.id, REQUESTER)).toEqual({
      kind: 'not-found',
      id: CHANGE.request.id,
    });
  });
});

describe('describeStatus, for who may see what', () => {
  const mallory = asking(PEOPLE.mallory);

  it.each([
    ['its requester, from elsewhere', REQUESTER],
    ['an operator by name', asking(PEOPLE.erin)],
    ['anyone in the run’s own channel', asking(PEOPLE.mallory, [], RUN.channelId)],
  ])('when %s asks for a run, then they see it', async (_, subject) => {
    expect((await describeStatus(context, RUN.id, subject)).kind).toBe('run');
  });

  it.each([
    ['its requester, from elsewhere', REQUESTER],
    ['an operator by name', asking(PEOPLE.erin)],
    ['an approver by user group (any level)', asking(PEOPLE.bob, [GROUPS.sreLeads])],
    ['an approver by name (a later level)', asking(PEOPLE.dave, [GROUPS.security])],
    ['anyone in the channel it was asked in', asking(PEOPLE.mallory, [], CHANGE.run.channelId)],
    ['anyone in its approvals channel', asking(PEOPLE.mallory, [], CHANGE.slack.approvalsChannel)],
  ])('when %s asks for a change, then they see it', async (_, subject) => {
    expect((await describeStatus(context, CHANGE.request.id, subject)).kind).toBe('change');
  });

  it('when an operator is one by user group, then they see any run', async () => {
    const byGroup = aRunContext({ operators: { users: [], userGroups: [GROUPS.security] } });
    await byGroup.runs.create(RUN);

    expect((await describeStatus(byGroup, RUN.id, asking(PEOPLE.dave, [GROUPS.security]))).kind).toBe('run');
  });

  it('when a change started the run, then that change’s approvers see the run', async () => {
    const started = aRun({
      id: 'run-fromchg1',
      approval: { templates: ['prod-change'], changeId: CHANGE.request.id },
    });
    await context.runs.create(started);

    expect((await describeStatus(context, started.id, asking(PEOPLE.carol, [GROUPS.sreLeads]))).kind).toBe(
      'run',
    );
    expect(await describeStatus(context, started.id, mallory)).toEqual({ kind: 'not-found', id: started.id });
  });

  it.each([
    ['a run', RUN.id],
    ['a change', CHANGE.request.id],
  ])(
    'when someone it does not concern asks for %s from elsewhere, then it is answered as an unknown id',
    async (_, id) => {
      const unknown = id.replace(/-.*/, '-unknown1');

      expect(await describeStatus(context, id, mallory)).toEqual({ kind: 'not-found', id });
      expect(await describeStatus(context, unknown, mallory)).toEqual({ kind: 'not-found', id: unknown });
    },
  );

  it.each([
    ['a run', RUN.id, RUN.channelId],
    ['a change, by its run’s channel', CHANGE.request.id, CHANGE.run.channelId],
    ['a change, by its approvals channel', CHANGE.request.id, CHANGE.slack.approvalsChannel],
  ])('when a member of the channel of %s asks from elsewhere, then they see it', async (_, id, channel) => {
    const members = aRunContext({
      templates: [aChangeTemplate()],
      channelMembers: { [channel]: [PEOPLE.mallory] },
    });
    await members.approvals.changes.create(CHANGE);
    await members.runs.create(RUN);

    expect((await describeStatus(members, id, mallory)).kind).not.toBe('not-found');
    expect(members.channelMembers.lookups).toContain(`${channel}:${PEOPLE.mallory}`);
  });

  it('when a member of other channels only asks, then it is answered as an unknown id', async () => {
    const members = aRunContext({
      templates: [aChangeTemplate()],
      channelMembers: { C0OTHER001: [PEOPLE.mallory] },
    });
    await members.runs.create(RUN);

    expect(await describeStatus(members, RUN.id, mallory)).toEqual({ kind: 'not-found', id: RUN.id });
  });

  it('when the requester, an operator or someone in the channel asks, then Slack is not asked', async () => {
    await describeStatus(context, RUN.id, REQUESTER);
    await describeStatus(context, RUN.id, asking(PEOPLE.erin));
    await describeStatus(context, RUN.id, asking(PEOPLE.mallory, [], RUN.channelId));

    expect(context.channelMembers.lookups).toEqual([]);
  });

  it('when an approver of one template asks for a run no change approved, then it is not found', async () => {
    expect(await describeStatus(context, RUN.id, asking(PEOPLE.bob, [GROUPS.sreLeads]))).toEqual({
      kind: 'not-found',
      id: RUN.id,
    });
  });
});
