// openChangeRequest: a governed run becomes a pending, approved or refused change request.

import { describe, expect, it } from 'vitest';
import type { CalendarState } from '../../src/core/approval/change-request.js';
import { type OpenChangeInput, openChangeRequest } from '../../src/core/approval/open-change-request.js';
import { changeRequestRefusalText } from '../../src/slack/render/render-change-refusal.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';

const NOW = new Date('2026-06-02T01:00:00.000Z');
const OPEN: CalendarState = { state: 'OPEN', calendars: ['ProductionFreeze'] };
const CLOSED: CalendarState = { state: 'CLOSED', calendars: ['ProductionFreeze'] };

function anOpening(overrides: Partial<OpenChangeInput> = {}): OpenChangeInput {
  return {
    id: 'chg-4f7h2k9p',
    template: aChangeTemplate(),
    requester: PEOPLE.requester,
    requesterGroups: [GROUPS.platform],
    reason: 'Apply the June kernel patch',
    emergency: false,
    calendar: OPEN,
    now: NOW,
    ...overrides,
  };
}

function refusalOf(input: OpenChangeInput) {
  const result = openChangeRequest(input);
  if (result.kind !== 'refused') throw new Error('expected a refusal');
  // The sentence is the Slack renderer's: checked here with the decision that gives it its facts.
  return { code: result.refusal.code, message: changeRequestRefusalText(result.refusal) };
}

function openedOf(input: OpenChangeInput) {
  const result = openChangeRequest(input);
  if (result.kind !== 'opened') throw new Error(`expected an opened request, got ${result.refusal.code}`);
  return result;
}

describe('openChangeRequest', () => {
  it('when a normal change is requested under an open calendar, then it is pending at level 1 until it expires', () => {
    expect(openChangeRequest(anOpening({ reason: '  Apply the June kernel patch ' }))).toEqual({
      kind: 'opened',
      request: {
        id: 'chg-4f7h2k9p',
        template: 'prod-change',
        requester: PEOPLE.requester,
        reason: 'Apply the June kernel patch',
        emergency: false,
        createdAt: '2026-06-02T01:00:00.000Z',
        updatedAt: '2026-06-02T01:00:00.000Z',
        expiresAt: '2026-06-03T01:00:00.000Z',
        status: 'pending',
        level: 0,
        votes: [],
        calendar: OPEN,
        version: 1,
      },
      flags: { emergency: false, calendarBypassed: false, approvalsBypassed: false, autoApproved: false },
    });
  });

  it('when the template expires after 30 minutes, then so does the request', () => {
    const { request } = openedOf(anOpening({ template: aChangeTemplate({ expiresAfter: '30m' }) }));
    expect(request.expiresAt).toBe('2026-06-02T01:30:00.000Z');
  });

  it('when the template names no calendar, then the request has no calendar state', () => {
    const { request } = openedOf(
      anOpening({ template: aChangeTemplate({ calendars: undefined }), calendar: undefined }),
    );
    expect(request).not.toHaveProperty('calendar');
  });

  describe('reasons', () => {
    it.each([undefined, '', '   '])(
      'when the reason is %j and the template requires one, then it is refused',
      (reason) => {
        expect(refusalOf(anOpening({ reason }))).toEqual({
          code: 'reason-required',
          message: 'Changes under `prod-change` need a reason: say why this run is needed.',
        });
      },
    );

    it('when the template does not require a reason, then the request opens without one', () => {
      const template = aChangeTemplate({ reasonRequired: { onRequest: false } });
      expect(openedOf(anOpening({ template, reason: ' ' })).request).not.toHaveProperty('reason');
    });
  });

  describe('calendars', () => {
    it('when the calendar is CLOSED, then a normal change is refused, naming the calendar', () => {
      expect(refusalOf(anOpening({ calendar: CLOSED }))).toEqual({
        code: 'calendar-closed',
        message:
          'The change calendar `ProductionFreeze` is CLOSED, so `prod-change` changes cannot start now. Try again once it opens.',
      });
    });

    it('when the requester may raise an emergency change, by name or by group, then the refusal says so', () => {
      const byName = refusalOf(anOpening({ calendar: CLOSED, requester: PEOPLE.erin }));
      expect(byName.message).toBe(
        'The change calendar `ProductionFreeze` is CLOSED, so `prod-change` changes cannot start now. If this cannot wait, you may raise it as an emergency change.',
      );
      const template = aChangeTemplate({ emergency: { userGroups: [GROUPS.platform] } });
      expect(refusalOf(anOpening({ template, calendar: CLOSED })).message).toMatch(
        /you may raise it as an emergency/,
      );
    });

    it('when several calendars are checked, then the refusal names them all', () => {
      const calendar: CalendarState = { state: 'CLOSED', calendars: ['ProductionFreeze', 'PaymentsFreeze'] };
      expect(refusalOf(anOpening({ calendar })).message).toMatch(
        /^The change calendars `ProductionFreeze`, `PaymentsFreeze` are not all OPEN, so/,
      );
    });

    it('when a CLOSED calendar and a missing reason coincide, then the calendar is reported first', () => {
      expect(refusalOf(anOpening({ calendar: CLOSED, reason: undefined })).code).toBe('calendar-closed');
    });
  });

  describe('emergency changes', () => {
    it('when an allowed person raises one under a CLOSED calendar, then it opens pending and flagged', () => {
      const result = openedOf(anOpening({ requester: PEOPLE.erin, emergency: true, calendar: CLOSED }));
      expect(result.request).toMatchObject({
        status: 'pending',
        level: 0,
        emergency: true,
        calendar: CLOSED,
      });
      expect(result.flags).toEqual({
        emergency: true,
        calendarBypassed: true,
        approvalsBypassed: false,
        autoApproved: false,
      });
    });

    it('when an allowed person raises one under an open calendar, then it is flagged but bypasses nothing', () => {
      const result = openedOf(anOpening({ requester: PEOPLE.erin, emergency: true }));
      expect(result.flags).toMatchObject({ emergency: true, calendarBypassed: false });
    });

    it('when the template lets emergencies bypass approvals, then the change opens approved', () => {
      const template = aChangeTemplate({ emergency: { users: [PEOPLE.erin], bypassApprovals: true } });
      const result = openedOf(
        anOpening({ template, requester: PEOPLE.erin, emergency: true, calendar: CLOSED }),
      );
      expect(result.request).toMatchObject({ status: 'approved', level: 2, votes: [] });
      expect(result.flags).toMatchObject({ approvalsBypassed: true, calendarBypassed: true });
    });

    it('when someone not allowed raises one, then it is refused, saying who may, before any calendar talk', () => {
      expect(refusalOf(anOpening({ emergency: true, calendar: CLOSED }))).toEqual({
        code: 'emergency-not-allowed',
        message:
          'You may not raise an emergency change under `prod-change`: ask <@U0OPERATE1>, or request a normal change.',
      });
    });

    it('when the template has no emergency procedure, then nobody may raise one', () => {
      const template = aChangeTemplate({ emergency: undefined });
      expect(refusalOf(anOpening({ template, requester: PEOPLE.erin, emergency: true }))).toEqual({
        code: 'emergency-not-allowed',
        message: 'Changes under `prod-change` have no emergency procedure: request a normal change.',
      });
    });
  });

  describe('standard changes', () => {
    const standard = aChangeTemplate({ name: 'standard-restart', levels: [], autoApprove: true });

    it('when the template auto-approves, then the change opens approved, with no votes', () => {
      const result = openedOf(anOpening({ template: standard }));
      expect(result.request).toMatchObject({
        template: 'standard-restart',
        status: 'approved',
        level: 0,
        votes: [],
      });
      expect(result.flags).toMatchObject({ autoApproved: true, approvalsBypassed: false });
    });

    it('when the calendar is CLOSED, then a standard change is refused too', () => {
      expect(refusalOf(anOpening({ template: standard, calendar: CLOSED })).code).toBe('calendar-closed');
    });
  });
});
