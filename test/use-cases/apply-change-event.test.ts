// applyChangeEvent: one event decided against the stored change and stored atomically; a transition is audited
// and shown (request message, requester's link, a thread note); a refusal or a missing change touches nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditActor } from '../../src/core/audit/audit-entry.js';
import { applyChangeEvent } from '../../src/use-cases/apply-change-event.js';
import { aChangeTemplate, EXPIRES_AT, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anApprovedChange, aStoredChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const BOB: AuditActor = { kind: 'user', userId: PEOPLE.bob, displayName: 'bob' };
const SYSTEM: AuditActor = { kind: 'system', name: 'ssm-chatops' };

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext({ templates: [aChangeTemplate()] });
});

const given = (change = aStoredChange()) => context.approvals.changes.create(change);
const stored = async () => (await context.approvals.changes.get(ID))!.request;
const approveAs = (userId: string, groups: string[], actor: AuditActor = BOB) =>
  applyChangeEvent(context, ID, actor, {
    type: 'approve',
    voter: userId,
    voterGroups: groups,
    at: context.now(),
  });
const nothingShown = () => {
  const { shown, links, notes } = context.approvals.notifier;
  return [...shown, ...links, ...notes];
};

describe('applyChangeEvent', () => {
  it('when a vote satisfies the first level, then the change is stored, audited once, and shown in all three places', async () => {
    await given();

    const result = await approveAs(PEOPLE.bob, [GROUPS.sreLeads]);

    expect(result).toMatchObject({ kind: 'changed', outcome: 'level-approved' });
    expect(await stored()).toMatchObject({ status: 'pending', level: 1, version: 2 });
    expect((await context.audit.timeline(ID)).map((entry) => [entry.action, entry.at])).toEqual([
      ['change.level-approved', context.now().toISOString()],
    ]);
    const { shown, links, notes } = context.approvals.notifier;
    expect(shown.map(({ change, template }) => [change.request.version, template])).toEqual([
      [2, 'prod-change'],
    ]);
    expect(links.map((change) => change.request.level)).toEqual([1]);
    expect(notes.map(({ eventKey, note }) => [eventKey, note.kind])).toEqual([['v2', 'level-approved']]);
  });

  it('when the decision refuses (the requester approving her own change), then nothing is stored, audited or shown', async () => {
    await given();

    const result = await approveAs(PEOPLE.requester, [GROUPS.sreLeads]);

    expect(result).toEqual({ kind: 'refused', refusal: { code: 'self-approval', template: 'prod-change' } });
    expect(await stored()).toMatchObject({ status: 'pending', level: 0, version: 1, votes: [] });
    expect(await context.audit.timeline(ID)).toEqual([]);
    expect(nothingShown()).toEqual([]);
  });

  it('when there is no such change, then it says so and shows nothing', async () => {
    expect(await approveAs(PEOPLE.bob, [GROUPS.sreLeads])).toEqual({ kind: 'missing' });
    expect(nothingShown()).toEqual([]);
  });

  it('when the change names a template the config no longer has, then it is a fault and the change stays as it was', async () => {
    await given(aStoredChange({ request: { template: 'gone-change' } }));

    await expect(approveAs(PEOPLE.bob, [GROUPS.sreLeads])).rejects.toThrow(/gone-change/);
    expect(await stored()).toMatchObject({ version: 1, votes: [] });
    expect(nothingShown()).toEqual([]);
  });

  it('when the start is claimed, then the message and link follow it, with no entry or note of its own', async () => {
    await given(anApprovedChange());

    const result = await applyChangeEvent(context, ID, SYSTEM, {
      type: 'start',
      runId: 'run-4f7h2k9p',
      at: context.now(),
    });

    expect(result).toMatchObject({ kind: 'changed', outcome: 'started' });
    expect(await stored()).toMatchObject({ status: 'started', runId: 'run-4f7h2k9p' });
    expect(context.approvals.notifier.shown).toHaveLength(1);
    expect(context.approvals.notifier.links).toHaveLength(1);
    expect(context.approvals.notifier.notes).toEqual([]);
    expect(await context.audit.timeline(ID)).toEqual([]);
  });

  it('when ten expiry jobs race, then one expires the change, and it is audited and noted once', async () => {
    await given();
    context.clock.set(EXPIRES_AT);

    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        applyChangeEvent(context, ID, SYSTEM, { type: 'expire', at: context.now() }),
      ),
    );

    expect(results.filter((result) => result.kind === 'changed')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'refused')).toHaveLength(9);
    expect((await context.audit.timeline(ID)).map((entry) => entry.action)).toEqual(['change.expired']);
    expect(context.approvals.notifier.noteKinds()).toEqual(['expired']);
  });
});
