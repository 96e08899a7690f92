// renderRunMessage: the run's channel message through its life, from approval to outcome.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/core/run/run.js';
import { ActionId } from '../../../src/slack/ids.js';
import { renderRunMessage } from '../../../src/slack/render/render-run-message.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import {
  aChild,
  aRunWith,
  childrenOf,
  HOSTILE,
  IDENTITY_PROD,
  IDENTITY_STAGING,
  manyAccounts,
  minutes,
  PAYMENTS_PROD,
  PAYMENTS_STAGING,
  SEARCH_PROD,
} from './render-builders.js';

const PROD = [PAYMENTS_PROD, IDENTITY_PROD, SEARCH_PROD];
const REGIONS = ['ap-northeast-1', 'us-east-1'];
const ended = (minute: number) => ({
  startedAt: minutes(0).toISOString(),
  endedAt: minutes(minute).toISOString(),
});

/** Fan-out over the three production accounts: two done, two going, two waiting for a slot. */
function aRunningRun(): Run {
  const statuses = ['Success', 'InProgress', 'Success', 'InProgress', 'Queued', 'Queued'] as const;
  return aRunWith(
    childrenOf(PROD, REGIONS, (_, __, index) => statuses[index]!),
    { mode: 'fan-out', concurrency: { kind: 'count', value: 2 }, maxErrors: { kind: 'count', value: 1 } },
  );
}

const buttonsOf = (run: Run) =>
  renderRunMessage(run, minutes(1)).blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((element) => ('action_id' in element ? element.action_id : ''))
      : [],
  );

describe('renderRunMessage', () => {
  it('when the run is going, then counts, progress, elapsed time, Status and a confirmed Stop are shown', async () => {
    await expectGolden(renderRunMessage(aRunningRun(), minutes(3.34)), 'run-message-running');
  });

  it('when every execution succeeded, then the outcome is green, the time is final and Cancel is gone', async () => {
    const run = aRunWith(
      PROD.flatMap((account) =>
        REGIONS.map((region, i) => aChild(account, region, 'Success', ended(10 + i))),
      ),
      { status: 'succeeded', updatedAt: minutes(40).toISOString() },
    );
    await expectGolden(renderRunMessage(run, minutes(45)), 'run-message-succeeded');
  });

  it('when some executions failed, then the outcome is red and counts the failures', async () => {
    const run = aRunWith(
      [
        aChild(PAYMENTS_STAGING, 'ap-northeast-1', 'Success', ended(4)),
        aChild(PAYMENTS_STAGING, 'us-east-1', 'Success', ended(5)),
        aChild(IDENTITY_STAGING, 'ap-northeast-1', 'StartFailed', {
          failure: {
            reason: 'AccessDenied',
            message: 'The role AWS-SystemsManager-AutomationExecutionRole is missing.',
          },
        }),
        aChild(IDENTITY_STAGING, 'us-east-1', 'Skipped'),
      ],
      { status: 'completed-with-errors', reason: undefined },
    );
    await expectGolden(renderRunMessage(run, minutes(9)), 'run-message-completed-with-errors');
  });

  it('when the run was cancelled, then it says by whom and what had finished', async () => {
    const run = aRunWith(
      [
        aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Success', ended(2)),
        aChild(PAYMENTS_PROD, 'us-east-1', 'Cancelled', ended(3)),
      ],
      {
        status: 'cancelled',
        cancelledBy: 'U0OPERATE1',
        parentExecutionId: 'a1b2c3d4-0000-4000-8000-000000000001',
      },
    );
    await expectGolden(renderRunMessage(run, minutes(4)), 'run-message-cancelled');
  });

  it.each([
    ['starting', [ActionId.showRunStatus, ActionId.cancelRun]],
    ['running', [ActionId.showRunStatus, ActionId.cancelRun]],
    ['cancelling', [ActionId.showRunStatus]],
    ['succeeded', [ActionId.showRunStatus, ActionId.runAgain]],
    ['failed', [ActionId.showRunStatus, ActionId.retryFailed, ActionId.runAgain]],
    ['cancelled', [ActionId.showRunStatus, ActionId.retryFailed, ActionId.runAgain]],
  ] as const)('when the run is %s, then the buttons are %j', (status, buttons) => {
    const childStatus = { succeeded: 'Success', failed: 'Failed', cancelled: 'Cancelled' } as const;
    expect(
      buttonsOf(
        aRunWith(
          childrenOf(PROD, REGIONS, () =>
            status in childStatus ? childStatus[status as 'failed'] : 'Pending',
          ),
          { status },
        ),
      ),
    ).toEqual(buttons);
  });

  it('when a run ended with failures, then Retry failed asks first, naming how many targets it retries as the clicker', async () => {
    const statuses = ['Success', 'Failed', 'Success', 'TimedOut', 'Success', 'Success'] as const;
    const run = aRunWith(
      childrenOf(PROD, REGIONS, (_, __, index) => statuses[index]!),
      { status: 'completed-with-errors', updatedAt: minutes(20).toISOString() },
    );
    await expectGolden(renderRunMessage(run, minutes(21)), 'run-message-retry-buttons');
  });

  it('when the run retries another run, then its message says which, and the kind of retry', () => {
    const retry = { ...aRunningRun(), origin: { runId: 'run-aaaabbbb', kind: 'retry-failed' as const } };
    const again = { ...aRunningRun(), origin: { runId: 'run-aaaabbbb', kind: 'run-again' as const } };
    expect(JSON.stringify(renderRunMessage(retry, minutes(1)).blocks)).toContain(
      'Retry of the failed targets of `run-aaaabbbb`',
    );
    expect(JSON.stringify(renderRunMessage(again, minutes(1)).blocks)).toContain(
      'Run again of `run-aaaabbbb`',
    );
    expect(JSON.stringify(renderRunMessage(aRunningRun(), minutes(1)).blocks)).not.toContain('Retry of');
  });

  it('when Slack said where the original run is, then the retry links to its message', () => {
    const permalink = 'https://example.slack.com/archives/C0OPS00001/p1700000000000100';
    const retry = {
      ...aRunningRun(),
      origin: { runId: 'run-aaaabbbb', kind: 'retry-failed' as const, permalink },
    };
    expect(JSON.stringify(renderRunMessage(retry, minutes(1)).blocks)).toContain(
      `Retry of the failed targets of <${permalink}|run-aaaabbbb>`,
    );
  });

  it('when a change request approved the run, then its footnote names the change and its template', () => {
    const run = { ...aRunningRun(), approval: { templates: ['prod-change'], changeId: 'chg-7k3m9q2x' } };
    const footnote = JSON.stringify(renderRunMessage(run, minutes(1)).blocks);
    expect(footnote).toContain('Approved change `chg-7k3m9q2x` (`prod-change`)');
    expect(JSON.stringify(renderRunMessage(aRunningRun(), minutes(1)).blocks)).not.toContain(
      'Approved change',
    );
  });

  it('when a change approved the run, then the footnote names who approved it', () => {
    const run = {
      ...aRunningRun(),
      approval: { templates: ['prod-change'], changeId: 'chg-7k3m9q2x', approvedBy: ['U0APPROVE1'] },
    };
    expect(JSON.stringify(renderRunMessage(run, minutes(1)).blocks)).toContain(
      'Approved change `chg-7k3m9q2x` (`prod-change`) by <@U0APPROVE1>',
    );
  });

  it('when the run has parameters and many accounts, then it names them, compactly, with secrets masked', () => {
    const run = aRunWith(
      childrenOf(manyAccounts(14), ['us-east-1'], () => 'InProgress'),
      {
        parameters: {
          InstanceId: ['i-0a1b2c3d4e5f60718', 'i-0f9e8d7c6b5a40312', 'i-1', 'i-2'],
          DbPassword: ['hunter2'],
          ApiToken: ['xoxb-secret'],
        },
      },
    );

    const head = JSON.stringify(renderRunMessage(run, minutes(1)).blocks[0]);

    expect(head).toContain('member-0001, member-0002, member-0003 and 11 more in `us-east-1`');
    expect(head).toContain(
      'Parameters: InstanceId `i-0a1b2c3d4e5f60718`, `i-0f9e8d7c6b5a40312`, `i-1` and 1 more',
    );
    expect(head).toContain('DbPassword ••••');
    expect(head).toContain('ApiToken ••••');
    expect(head).not.toContain('hunter2');
    expect(head).not.toContain('xoxb-secret');
  });

  it('when the same run is rendered twice at the same time, then the messages are identical', () => {
    expect(renderRunMessage(aRunningRun(), minutes(3))).toEqual(renderRunMessage(aRunningRun(), minutes(3)));
  });

  it('when 500 accounts × 3 regions run with long hostile failures, then the message fits Block Kit', () => {
    const regions = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];
    const accounts = manyAccounts(500).map((account) => ({ ...account, name: `${HOSTILE}${account.name}` }));
    const children = childrenOf(accounts, regions, (_, __, index) =>
      index % 7 === 0 ? 'Failed' : 'Success',
    ).map((child) =>
      child.status === 'Failed'
        ? { ...child, failure: { reason: HOSTILE, message: `${HOSTILE}${'m'.repeat(3000)}` } }
        : child,
    );
    for (const status of ['running', 'completed-with-errors', 'cancelled'] as const) {
      const run = aRunWith(children, {
        status,
        reason: `${HOSTILE}${'r'.repeat(4000)}`,
        cancelledBy: HOSTILE,
      });
      expectWithinBlockKitLimits(renderRunMessage(run, minutes(90)));
    }
  });
});
