// renderRunStatus: every execution of a run, failures first, with console links, capped.
import { describe, expect, it } from 'vitest';
import { renderRunStatus } from '../../../src/slack/render/render-run-status.js';
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

describe('renderRunStatus', () => {
  it('when a multi-account run has failures, then they come first with their messages and links', async () => {
    const run = aRunWith(
      [
        aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Success'),
        aChild(PAYMENTS_PROD, 'us-east-1', 'InProgress'),
        aChild(IDENTITY_PROD, 'ap-northeast-1', 'Success'),
        aChild(IDENTITY_PROD, 'us-east-1', 'Failed', {
          failure: {
            reason: 'stopInstances',
            message:
              'Step fails when it is Executing. Fail to execute step: An error occurred (IncorrectInstanceState) ' +
              'when calling the StopInstances operation: The instance i-0a1b2c3d4e5f60718 is not in a state from which it can be stopped.',
          },
        }),
        aChild(SEARCH_PROD, 'ap-northeast-1', 'Pending'),
        aChild(SEARCH_PROD, 'us-east-1', 'TimedOut', {
          failure: { reason: 'startInstances', message: 'Step timed out.' },
        }),
      ],
      { parentExecutionId: 'a1b2c3d4-0000-4000-8000-000000000001' },
    );
    await expectGolden(renderRunStatus(run, minutes(7)), 'run-status-multi-account');
  });

  it('when a fan-out run could not start in an account, then the line has no link and says why', async () => {
    const run = aRunWith(
      [
        aChild(PAYMENTS_STAGING, 'ap-northeast-1', 'Success'),
        aChild(IDENTITY_STAGING, 'ap-northeast-1', 'StartFailed', {
          failure: {
            reason: 'AccessDenied',
            message:
              'User: arn:aws:sts::222222222222:assumed-role/ssm-chatops is not authorized to perform: sts:AssumeRole on SsmChatOpsExecution',
          },
        }),
      ],
      { mode: 'fan-out', status: 'completed-with-errors' },
    );
    await expectGolden(renderRunStatus(run, minutes(3)), 'run-status-fan-out-start-failed');
  });

  it('when 1500 executions have long hostile failures, then the list is capped, failures first, and fits', () => {
    const regions = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];
    const accounts = manyAccounts(500).map((account) => ({ ...account, name: `${HOSTILE}${account.name}` }));
    const children = childrenOf(accounts, regions, (_, __, index) =>
      index % 5 === 0 ? 'Failed' : 'Success',
    ).map((child) =>
      child.status === 'Failed'
        ? { ...child, failure: { reason: HOSTILE, message: `${HOSTILE}${'m'.repeat(3000)}` } }
        : child,
    );
    const message = renderRunStatus(aRunWith(children, { status: 'completed-with-errors' }), minutes(60));
    expectWithinBlockKitLimits(message);
    const text = JSON.stringify(message);
    expect(text).toMatch(/…and \d+ more executions/);
    expect(text).not.toContain(':white_check_mark: *'); // successes are the ones left out
  });

  it('when an execution is running, then its line shows the step it is at', () => {
    const run = aRunWith([
      aChild(PAYMENTS_PROD, 'ap-northeast-1', 'InProgress', { currentStep: 'stopInstances' }),
      aChild(IDENTITY_PROD, 'ap-northeast-1', 'Success', { currentStep: 'startInstances' }),
    ]);
    const text = JSON.stringify(renderRunStatus(run, minutes(1)));
    expect(text).toContain('In progress · now at `stopInstances`');
    expect(text).not.toContain('startInstances');
  });

  it('when executions are in the same state, then they keep the run’s order', () => {
    const run = aRunWith(childrenOf([PAYMENTS_PROD, IDENTITY_PROD], ['ap-northeast-1'], () => 'Success'));
    const text = JSON.stringify(renderRunStatus(run, minutes(1)));
    expect(text.indexOf('payments-prod')).toBeLessThan(text.indexOf('identity-prod'));
  });
});
