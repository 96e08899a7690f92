// renderHome: the App Home of one person — changes to approve with their buttons, their changes and running
// runs, recent failures, calendars — and the empty Home, each within Block Kit's limits for a view.
import { describe, expect, it } from 'vitest';
import { ActionId } from '../../../src/slack/ids.js';
import { renderHome } from '../../../src/slack/render/render-home.js';
import type { Home, HomeChange, HomeRun } from '../../../src/use-cases/describe-home.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';

const none = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, skipped: 0 };
const READ_AT = '2026-06-02T01:30:00.000Z';

const aChange = (overrides: Partial<HomeChange> = {}): HomeChange => ({
  id: 'chg-4f7h2k9p',
  runbook: 'AWS-RestartEC2Instance',
  requester: 'U0REQUEST1',
  status: 'pending',
  targets: 6,
  reason: 'Apply the June kernel patch',
  createdAt: '2026-06-02T01:00:00.000Z',
  expiresAt: '2026-06-03T01:00:00.000Z',
  level: 'SRE leads',
  ...overrides,
});

const aRun = (overrides: Partial<HomeRun> = {}): HomeRun => ({
  id: 'run-7k3m9q2x',
  runbook: 'AWS-RestartEC2Instance',
  requester: 'U0REQUEST1',
  status: 'running',
  channelId: 'C0OPS00001',
  createdAt: '2026-06-02T01:10:00.000Z',
  updatedAt: '2026-06-02T01:20:00.000Z',
  total: 6,
  counts: { ...none, running: 2, succeeded: 3, failed: 1 },
  ...overrides,
});

const EMPTY: Home = {
  awaitingMyApproval: [],
  myChanges: [],
  myRunningRuns: [],
  recentFailures: [],
  calendars: [],
};

describe('renderHome', () => {
  it('when everything has something, then each section lists it and each change to approve has its buttons', async () => {
    const home: Home = {
      awaitingMyApproval: [
        aChange(),
        aChange({ id: 'chg-2b8d5f1q', reason: 'Rotate <everything> & more' }),
        aChange({ id: 'chg-3w3w3w3w', window: { startAt: '2026-06-02T03:00:00.000Z' } }),
      ],
      myChanges: [
        aChange({ id: 'chg-9x8w7v6u', status: 'held', level: undefined, reason: undefined }),
        aChange({
          id: 'chg-5s5s5s5s',
          status: 'scheduled',
          level: undefined,
          window: { startAt: '2026-06-02T03:00:00.000Z', endBy: '2026-06-02T05:00:00.000Z' },
          expiresAt: '2026-06-02T05:00:00.000Z',
        }),
      ],
      myRunningRuns: [aRun(), aRun({ id: 'run-startin1', status: 'starting', total: 0, counts: none })],
      recentFailures: [
        aRun({
          id: 'run-failed01',
          status: 'completed-with-errors',
          counts: { ...none, succeeded: 5, failed: 1 },
        }),
      ],
      calendars: [
        { calendar: 'ProductionFreeze', state: 'CLOSED', nextTransitionAt: '2027-01-05T00:00:00Z' },
        { calendar: 'WeekendMaintenanceWindow', state: 'OPEN' },
        { calendar: 'Broken', state: 'unknown' },
      ],
    };
    await expectGolden(renderHome({ home, readAt: READ_AT }), 'home', { surface: 'home' });
  });

  it('when nothing concerns the person, then each section says so and no calendar section is drawn', async () => {
    await expectGolden(renderHome({ home: EMPTY, readAt: READ_AT }), 'home-empty', { surface: 'home' });
  });

  it('when a click from the Home was refused, then the reason is on top', async () => {
    await expectGolden(
      renderHome({
        home: { ...EMPTY, awaitingMyApproval: [aChange()] },
        readAt: READ_AT,
        notice: 'You cannot approve your own change: `prod-change` needs someone else.',
      }),
      'home-notice',
      { surface: 'home' },
    );
  });

  it('when many changes wait, then the view stays within Block Kit’s limits and says how many it left out', () => {
    const many = Array.from({ length: 80 }, (_, index) =>
      aChange({ id: `chg-${String(index).padStart(8, 'a')}` }),
    );
    const view = renderHome({ home: { ...EMPTY, awaitingMyApproval: many }, readAt: READ_AT });
    expectWithinBlockKitLimits(view, { surface: 'home' });
    expect(JSON.stringify(view.blocks)).toContain('…and 60 more waiting for you');
  });

  it('when a change waits, then its buttons are the change request’s own, so the same listener decides', () => {
    const view = renderHome({ home: { ...EMPTY, awaitingMyApproval: [aChange()] }, readAt: READ_AT });
    const actions = view.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(
      actions.map((element) => (element.type === 'button' ? [element.action_id, element.value] : [])),
    ).toEqual([
      [ActionId.homeRunRunbook, undefined],
      [ActionId.homeHistory, undefined],
      [ActionId.approveChange, 'chg-4f7h2k9p'],
      [ActionId.rejectChange, 'chg-4f7h2k9p'],
    ]);
  });
});
