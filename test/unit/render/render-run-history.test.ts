// renderRunHistory: recent runs and changes, one line each, newest first, capped; and the empty state.
import { describe, expect, it } from 'vitest';
import { overviewOf } from '../../../src/core/run/run-overview.js';
import { historyEntry, renderRunHistory } from '../../../src/slack/render/render-run-history.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import {
  aChild,
  aRunWith,
  HOSTILE,
  IDENTITY_STAGING,
  PAYMENTS_PROD,
  PAYMENTS_STAGING,
} from './render-builders.js';

const none = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, skipped: 0 };

describe('renderRunHistory', () => {
  it('when there are runs in several states, then each is one line with its outcome', async () => {
    await expectGolden(
      renderRunHistory({
        entries: [
          {
            kind: 'run',
            id: 'run-9c4h2m7p',
            runbook: 'AWS-RestartEC2Instance',
            requester: 'U0REQUEST1',
            status: 'running',
            createdAt: '2025-06-03T09:30:00.000Z',
            counts: { ...none, running: 2, succeeded: 4 },
          },
          historyEntry(
            overviewOf(
              aRunWith(
                [
                  aChild(PAYMENTS_STAGING, 'ap-northeast-1', 'Success'),
                  aChild(IDENTITY_STAGING, 'ap-northeast-1', 'StartFailed'),
                ],
                { id: 'run-7k3m9q2x', status: 'completed-with-errors' },
              ),
            ),
          ),
          {
            kind: 'change',
            id: 'chg-2b8d5f1q',
            runbook: 'Platform-CleanupUnusedAmis',
            requester: 'U0OPERATE1',
            status: 'rejected',
            createdAt: '2025-06-01T22:15:00.000Z',
            targets: 3,
          },
          {
            kind: 'change',
            id: 'chg-5h3k8n2r',
            runbook: 'AWS-RestartEC2Instance',
            requester: 'U0REQUEST1',
            status: 'held',
            createdAt: '2025-06-01T21:00:00.000Z',
            targets: 2,
          },
        ],
      }),
      'run-history',
    );
  });

  it('when nothing matches the filter, then the reply says so', async () => {
    await expectGolden(renderRunHistory({ filter: 'payments-prod', entries: [] }), 'run-history-empty');
  });

  it('when only runs are listed, then the reply counts runs and points at run ids', () => {
    const message = renderRunHistory({
      entries: [historyEntry(overviewOf(aRunWith([aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Success')])))],
    });
    expect(message.text).toBe('Recent runs: 1 run');
    expect(JSON.stringify(message.blocks)).toContain('/ssm status &lt;run-id&gt;');
    expect(JSON.stringify(message.blocks)).not.toContain('change request');
  });

  it('when a hundred runs with hostile names are listed, then the reply fits Block Kit', () => {
    const run = historyEntry(overviewOf(aRunWith([aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Success')])));
    const runs = Array.from({ length: 100 }, (_, index) => ({
      ...run,
      id: `run-${String(index).padStart(8, '0')}`,
      runbook: `${HOSTILE}${'n'.repeat(128)}`,
      requester: HOSTILE,
    }));
    const message = renderRunHistory({ filter: HOSTILE, entries: runs });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more runs/);
  });
});
