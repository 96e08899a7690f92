// renderChildReply: one thread reply per account and region, with the failure and, when known, the steps.
import { describe, expect, it } from 'vitest';
import { renderChildReply } from '../../../src/slack/render/render-child-reply.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import {
  aChild,
  HOSTILE,
  IDENTITY_PROD,
  IDENTITY_STAGING,
  minutes,
  PAYMENTS_PROD,
} from './render-builders.js';

const timed = (from: number, to: number) => ({
  startedAt: minutes(from).toISOString(),
  endedAt: minutes(to).toISOString(),
});

describe('renderChildReply', () => {
  it('when an execution succeeded, then the reply links it and says how long it took', async () => {
    await expectGolden(
      renderChildReply({ child: aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Success', timed(0, 2.5)) }),
      'child-reply-succeeded',
    );
  });

  it('when an execution failed, then the failure is shown in a code block', async () => {
    const child = aChild(IDENTITY_PROD, 'us-east-1', 'Failed', {
      ...timed(1, 4),
      failure: {
        reason: 'stopInstances',
        message:
          'Step fails when it is Executing. Fail to execute step: An error occurred (IncorrectInstanceState) when ' +
          'calling the StopInstances operation: The instance i-0a1b2c3d4e5f60718 is not in a state from which it can be stopped.',
      },
    });
    await expectGolden(renderChildReply({ child }), 'child-reply-failed');
  });

  it('when the bot could not start the execution, then there is no link and the reason is given', async () => {
    const child = aChild(IDENTITY_STAGING, 'ap-northeast-1', 'StartFailed', {
      failure: {
        reason: 'AccessDenied',
        message: 'Not authorized to perform sts:AssumeRole on SsmChatOpsExecution',
      },
    });
    await expectGolden(renderChildReply({ child }), 'child-reply-start-failed');
  });

  it('when the steps are known, then they are listed with outputs, durations and the failed step', async () => {
    const child = aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Failed', {
      ...timed(0, 3),
      failure: { reason: 'startInstances', message: 'Step timed out.' },
    });
    await expectGolden(
      renderChildReply({
        child,
        steps: [
          {
            name: 'stopInstances',
            action: 'aws:changeInstanceState',
            status: 'Success',
            durationMs: 42_000,
            outputs: { InstanceStates: ['stopped'] },
          },
          {
            name: 'startInstances',
            action: 'aws:changeInstanceState',
            status: 'TimedOut',
            durationMs: 120_000,
            failureMessage: 'Step timed out.',
          },
        ],
      }),
      'child-reply-steps',
    );
  });

  it('when a multi-account location failed, then its message is shown once, under the step, not the location', () => {
    const message =
      'Step fails when it is Executing. The instance i-0a1b2c3d4e5f60718 is not in a state from which it can be stopped.';
    const child = aChild(IDENTITY_PROD, 'us-east-1', 'Failed', {
      ...timed(1, 4),
      failure: { reason: '333333333302-us-east-1', message },
      steps: [
        {
          name: 'stopInstances',
          action: 'aws:changeInstanceState',
          status: 'Failed',
          failureMessage: message,
        },
      ],
    });

    const shown = JSON.stringify(renderChildReply({ child }).blocks);

    expect(shown.split('is not in a state from which').length - 1).toBe(1);
    expect(shown).not.toContain('333333333302-us-east-1');
    expect(shown).toContain('Failed at step `stopInstances`');
  });

  it('when the organization did not name the account, then the reply says "account <id>", not a bare id', () => {
    const child = aChild({ id: '333333333302', name: '333333333302' }, 'us-east-1', 'Success', timed(0, 1));

    const reply = renderChildReply({ child });

    expect(reply.text).toBe('account 333333333302 us-east-1: Success');
    expect(JSON.stringify(reply.blocks)).toContain('account 333333333302 · `us-east-1`');
  });

  it('when the error threshold stopped a target, then its reply says which failure and the threshold', () => {
    const failed = aChild(IDENTITY_PROD, 'us-east-1', 'Failed', timed(1, 2));
    const child = aChild(PAYMENTS_PROD, 'us-east-1', 'Skipped');

    const reply = renderChildReply({ child, stop: { failed, maxErrors: { kind: 'count', value: 0 } } });

    expect(JSON.stringify(reply.blocks[0])).toContain(
      'Stopped because *identity-prod* `us-east-1` failed and max errors is 0',
    );
  });

  it('when the failure and steps are huge and hostile, then the reply still fits Block Kit', () => {
    const child = aChild({ id: '333333333301', name: HOSTILE }, 'ap-northeast-1', 'Failed', {
      failure: { reason: HOSTILE, message: `${HOSTILE}\n${'m'.repeat(3000)}` },
    });
    const steps = Array.from({ length: 200 }, (_, index) => ({
      name: `${HOSTILE}${index}`,
      action: HOSTILE,
      status: 'Failed' as const,
      durationMs: index * 1000,
      outputs: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`${HOSTILE}${i}`, Array(20).fill(HOSTILE)]),
      ),
      failureMessage: `${HOSTILE}${'f'.repeat(3000)}`,
    }));
    const message = renderChildReply({ child, steps });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more steps/);
  });
});
