// Scheduled changes in the core: `--start-at`/`--end-by` parsed and resolved, a change opened with a window,
// the state machine around it (approve before / inside / after the window, expiry at its end) and its locks.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/core/approval/change-event.js';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import { parseChangeTime, resolveChangeWindow } from '../../src/core/approval/change-window.js';
import { decideChangeEvent } from '../../src/core/approval/decide-change-event.js';
import { type OpenChangeInput, openChangeRequest } from '../../src/core/approval/open-change-request.js';
import { isLockHolding } from '../../src/core/approval/stored-change.js';
import { parseSsmCommand } from '../../src/core/command/parse-ssm-command.js';
import { changeRequestRefusalText } from '../../src/slack/render/render-change-refusal.js';
import { aChangeRequest, aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';

const NOW = new Date('2026-06-02T01:00:00.000Z');
const HOURS = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const iso = (n: number) => HOURS(n).toISOString();
const template = aChangeTemplate();
const dave = { voter: PEOPLE.dave, voterGroups: [GROUPS.security] };

describe('parseChangeTime', () => {
  it.each([
    ['in 2h', 2 * 3_600_000],
    ['in 30m', 30 * 60_000],
    ['in 45 minutes', 45 * 60_000],
    ['in 1d', 86_400_000],
    ['IN 3 hours', 3 * 3_600_000],
  ])('when the time is %s, then it is that long after the command', (text, ms) => {
    expect(parseChangeTime(text)).toEqual({ ok: true, time: { kind: 'in', ms, text } });
  });

  it('when the time is ISO with its zone, then it is that instant in UTC', () => {
    expect(parseChangeTime('2026-06-02T09:00+09:00')).toEqual({
      ok: true,
      time: { kind: 'at', iso: '2026-06-02T00:00:00.000Z', text: '2026-06-02T09:00+09:00' },
    });
  });

  it.each([
    ['2026-06-02T09:00', /has no time zone/],
    ['2026-02-30T09:00Z', /not a date on the calendar/],
    ['2026-06-02T25:00Z', /not a time of day/],
    ['tomorrow', /is not a time: give `in 2h`/],
    ['in 2 fortnights', /is not a time/],
    ['2026-06-02', /is not a time/],
  ])('when the time is %s, then it says what is wrong', (text, problem) => {
    const parsed = parseChangeTime(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('parseSsmCommand: --start-at and --end-by', () => {
  const base = '/ssm run AWS-RestartEC2Instance --accounts payments-prod --regions ap-northeast-1';
  const run = (flags: string) => parseSsmCommand(`${base.replace('/ssm ', '')} ${flags}`);

  it('when the start is written unquoted as `in 2h`, then both words are the time', () => {
    expect(run('--start-at in 2h --end-by "in 4h"')).toMatchObject({
      kind: 'run',
      window: {
        startAt: { kind: 'in', ms: 2 * 3_600_000 },
        endBy: { kind: 'in', ms: 4 * 3_600_000 },
      },
    });
  });

  it('when a time has no zone, then the reply says to add one', () => {
    expect(run('--start-at 2026-06-02T09:00')).toMatchObject({
      kind: 'usage-error',
      message: expect.stringMatching(/--start-at `2026-06-02T09:00` has no time zone/),
    });
  });
});

describe('resolveChangeWindow', () => {
  it('when times are relative, then they count from when the command was received', () => {
    expect(
      resolveChangeWindow(
        {
          startAt: { kind: 'in', ms: 7_200_000, text: 'in 2h' },
          endBy: { kind: 'in', ms: 14_400_000, text: 'in 4h' },
        },
        NOW,
      ),
    ).toEqual({ kind: 'window', window: { startAt: iso(2), endBy: iso(4) } });
  });

  it('when only --end-by is given, then the window opens now', () => {
    expect(resolveChangeWindow({ endBy: { kind: 'at', iso: iso(3), text: '' } }, NOW)).toEqual({
      kind: 'window',
      window: { startAt: NOW.toISOString(), endBy: iso(3) },
    });
  });

  it('when nothing is asked, then there is no window', () => {
    expect(resolveChangeWindow(undefined, NOW)).toEqual({ kind: 'none' });
  });

  it.each([
    [{ startAt: { kind: 'at', iso: iso(-1), text: '' } }, 'in-the-past'],
    [{ endBy: { kind: 'at', iso: iso(-1), text: '' } }, 'in-the-past'],
    [
      { startAt: { kind: 'in', ms: 7_200_000, text: '' }, endBy: { kind: 'in', ms: 3_600_000, text: '' } },
      'ends-before-start',
    ],
  ] as const)('when the window is %j, then it is refused as %s', (asked, code) => {
    const resolved = resolveChangeWindow(asked, NOW);
    expect(resolved).toMatchObject({ kind: 'invalid', problem: { code } });
    if (resolved.kind === 'invalid') {
      expect(changeRequestRefusalText({ code: 'window-invalid', problem: resolved.problem })).toMatch(/^`--/);
    }
  });
});

function anOpening(overrides: Partial<OpenChangeInput> = {}): OpenChangeInput {
  return {
    id: 'chg-4f7h2k9p',
    template,
    requester: PEOPLE.requester,
    requesterGroups: [GROUPS.platform],
    reason: 'Apply the June kernel patch',
    emergency: false,
    calendar: { state: 'OPEN', calendars: ['ProductionFreeze'] },
    now: NOW,
    ...overrides,
  };
}

describe('openChangeRequest with a window', () => {
  it('when the window has an end, then the change expires at that end, never later', () => {
    const opened = openChangeRequest(anOpening({ window: { startAt: iso(2), endBy: iso(4) } }));
    expect(opened).toMatchObject({
      kind: 'opened',
      request: { status: 'pending', expiresAt: iso(4), window: { startAt: iso(2), endBy: iso(4) } },
    });
  });

  it('when the window reaches past what the template lets a change wait, then it is refused', () => {
    const opened = openChangeRequest(anOpening({ window: { startAt: iso(2), endBy: iso(25) } }));
    expect(opened).toMatchObject({ kind: 'refused', refusal: { code: 'window-too-long', latest: iso(24) } });
    if (opened.kind === 'refused') {
      expect(changeRequestRefusalText(opened.refusal)).toMatch(/may wait at most 1d/);
    }
  });

  it('when the calendar is CLOSED now but the window opens later, then the change is opened (checked at start)', () => {
    const opened = openChangeRequest(
      anOpening({
        calendar: { state: 'CLOSED', calendars: ['ProductionFreeze'] },
        window: { startAt: iso(2) },
      }),
    );
    expect(opened).toMatchObject({ kind: 'opened', request: { status: 'pending' } });
  });

  it('when a standard change has a later window, then it is scheduled at once', () => {
    const standard = aChangeTemplate({ levels: [], autoApprove: true });
    expect(openChangeRequest(anOpening({ template: standard, window: { startAt: iso(2) } }))).toMatchObject({
      kind: 'opened',
      request: { status: 'scheduled' },
    });
  });
});

describe('decideChangeEvent with a window', () => {
  const windowed = (overrides: Partial<ChangeRequest> = {}) =>
    aChangeRequest({
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      expiresAt: iso(4),
      window: { startAt: iso(2), endBy: iso(4) },
      ...overrides,
    });
  const atLevel2 = windowed({ level: 1, votes: [{ level: 0, userId: PEOPLE.bob, at: NOW.toISOString() }] });
  const decide = (request: ChangeRequest, event: ChangeEvent) => decideChangeEvent(request, template, event);
  const summary = (request: ChangeRequest, event: ChangeEvent) => {
    const decision = decide(request, event);
    return decision.kind === 'changed'
      ? `${decision.request.status} (${decision.outcome})`
      : `refused ${decision.refusal.code}`;
  };

  it('when the last level approves before the window, then the change is scheduled, not approved', () => {
    expect(summary(atLevel2, { type: 'approve', ...dave, at: HOURS(1) })).toBe('scheduled (scheduled)');
  });

  it('when the last level approves inside the window, then the change is approved and goes on at once', () => {
    expect(summary(atLevel2, { type: 'approve', ...dave, at: HOURS(3) })).toBe('approved (approved)');
  });

  it('when the window has ended before the approval, then the approval is refused as expired', () => {
    expect(summary(atLevel2, { type: 'approve', ...dave, at: HOURS(4) })).toBe('refused expired');
  });

  it('when the window opens, then a scheduled change becomes approved; before it, it is refused', () => {
    const scheduled = windowed({ status: 'scheduled', level: 2 });
    expect(summary(scheduled, { type: 'window-opened', at: HOURS(1) })).toBe('refused window-not-open');
    expect(summary(scheduled, { type: 'window-opened', at: HOURS(2) })).toBe('approved (window-opened)');
  });

  it('when the calendar is CLOSED at the window, then the opened change is held', () => {
    const opened = windowed({ status: 'approved', level: 2 });
    expect(
      summary(opened, {
        type: 'calendar-checked',
        state: 'CLOSED',
        calendars: ['ProductionFreeze'],
        at: HOURS(2),
      }),
    ).toBe('held (held)');
  });

  it.each(['pending', 'scheduled', 'held', 'approved'] as const)(
    'when the window ends with the change %s, then it expires',
    (status) => {
      expect(summary(windowed({ status }), { type: 'expire', at: HOURS(4) })).toBe('expired (expired)');
      expect(summary(windowed({ status }), { type: 'expire', at: HOURS(3) })).toMatch(/^refused not-/);
    },
  );

  it('when an approved change has no window end, then the expiry leaves it alone (it waits for a lock)', () => {
    expect(summary(aChangeRequest({ status: 'approved', level: 2 }), { type: 'expire', at: HOURS(48) })).toBe(
      'refused not-pending',
    );
  });

  it('when a change is scheduled, then it holds its locks (the window is covered); pending holds none', () => {
    expect(isLockHolding({ status: 'scheduled' })).toBe(true);
    expect(isLockHolding({ status: 'pending' })).toBe(false);
  });
});
