// renderChangeRequest and the change's status with its timeline: golden files, and what must not be shown.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/core/audit/audit-entry.js';
import { ActionId } from '../../../src/slack/ids.js';
import { renderChangeLink, renderChangeRequest } from '../../../src/slack/render/render-change-request.js';
import { renderChangeStatus } from '../../../src/slack/render/render-change-status.js';
import { aChangeTemplate, PEOPLE } from '../../support/approval-builders.js';
import { aStoredChange } from '../../support/stored-change-builder.js';
import { expectGolden } from './expect-golden.js';

const template = aChangeTemplate();
const actionIds = (blocks: unknown) => JSON.stringify(blocks).match(/"action_id":"[^"]+"/g) ?? [];

describe('renderChangeRequest', () => {
  it('when a change waits at level 1, then it mentions who may approve and offers Approve, Reject and Withdraw', async () => {
    const message = renderChangeRequest(aStoredChange(), template);
    await expectGolden(message, 'change-request-pending');
    expect(actionIds(message.blocks)).toEqual([
      `"action_id":"${ActionId.approveChange}"`,
      `"action_id":"${ActionId.rejectChange}"`,
      `"action_id":"${ActionId.withdrawChange}"`,
    ]);
  });

  it('when level 1 approved and level 2 waits, then level 1 shows its voter and level 2 is asked', async () => {
    const change = aStoredChange({
      request: {
        level: 1,
        votes: [{ level: 0, userId: PEOPLE.bob, at: '2026-06-02T01:30:00.000Z' }],
        version: 2,
      },
    });
    await expectGolden(renderChangeRequest(change, template), 'change-request-level-2');
  });

  it('when a change was rejected, then it says by whom and why and has no buttons', async () => {
    const change = aStoredChange({
      request: {
        status: 'rejected',
        rejection: { by: PEOPLE.carol, reason: 'Not during the *sale*', at: '2026-06-02T01:40:00.000Z' },
        version: 2,
      },
    });
    const message = renderChangeRequest(change, template);
    await expectGolden(message, 'change-request-rejected');
    expect(actionIds(message.blocks)).toEqual([]);
  });

  it('when a change has a window, then the card says when it starts and by when, while it waits for votes', async () => {
    const window = { startAt: '2026-06-02T03:00:00.000Z', endBy: '2026-06-02T05:00:00.000Z' };
    const change = aStoredChange({ request: { window, expiresAt: window.endBy } });
    const message = renderChangeRequest(change, template);
    await expectGolden(message, 'change-request-pending-window');
    expect(message.blocks[1]).toMatchObject({
      text: { text: expect.stringContaining('Scheduled: starts <!date^1780369200^{date_short} {time}|') },
    });
  });

  it('when a change is approved before its window, then the card says scheduled and offers only Withdraw', async () => {
    const window = { startAt: '2026-06-02T03:00:00.000Z', endBy: '2026-06-02T05:00:00.000Z' };
    const change = aStoredChange({
      request: {
        status: 'scheduled',
        window,
        expiresAt: window.endBy,
        level: 2,
        votes: [
          { level: 0, userId: PEOPLE.bob, at: '2026-06-02T01:30:00.000Z' },
          { level: 1, userId: PEOPLE.dave, at: '2026-06-02T01:40:00.000Z' },
        ],
        version: 3,
      },
    });
    const message = renderChangeRequest(change, template);
    await expectGolden(message, 'change-request-scheduled');
    expect(actionIds(message.blocks)).toEqual([`"action_id":"${ActionId.withdrawChange}"`]);
  });

  it('when the status of a scheduled change is asked, then it shows the window too', () => {
    const window = { startAt: '2026-06-02T03:00:00.000Z' };
    const change = aStoredChange({ request: { status: 'scheduled', window, level: 2, version: 3 } });
    expect(JSON.stringify(renderChangeStatus(change, template, []).blocks)).toContain('Scheduled: starts');
  });

  it('when the status is asked, then the timeline comes without buttons', async () => {
    const timeline: AuditEntry[] = [
      {
        id: '1780361200000-0',
        action: 'change.requested',
        actor: { kind: 'user', userId: PEOPLE.requester, displayName: 'alice' },
        subject: { changeId: 'chg-7k3m9q2x' },
        at: '2026-06-02T01:00:00.000Z',
        // A name as its owner chose it: the timeline must show it, not let it mention the channel.
        summary:
          'alice <!channel> requested chg-7k3m9q2x: AWS-RestartEC2Instance on 2 targets under prod-change',
        runbook: 'AWS-RestartEC2Instance',
        template: 'prod-change',
      },
    ];
    const message = renderChangeStatus(aStoredChange(), template, timeline);
    await expectGolden(message, 'change-status-with-timeline');
    expect(actionIds(message.blocks)).toEqual([]);
  });

  it('when asked elsewhere, then the requester’s channel gets a one-line pointer to the approvals channel', () => {
    expect(renderChangeLink(aStoredChange()).text).toContain('<#C0APPROVAL>');
  });
});
