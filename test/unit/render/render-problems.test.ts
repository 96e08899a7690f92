// renderProblems: what validation found wrong, with suggestions, allowed values and patterns.
import { describe, expect, it } from 'vitest';
import { renderProblems } from '../../../src/slack/render/render-problems.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import { HOSTILE } from './render-builders.js';

describe('renderProblems', () => {
  it('when parameters are wrong, then each problem shows its hint, allowed values or pattern, then the usage', async () => {
    await expectGolden(
      renderProblems({
        title: "Can't run AWS-RestartEC2Instance",
        problems: [
          {
            message: '`InstanceIds` is not a parameter of AWS-RestartEC2Instance.',
            suggestions: ['InstanceId'],
          },
          {
            message: '`i-12` is not a valid `InstanceId`.',
            allowedPattern: '^i-[a-z0-9]{8,17}$',
          },
          {
            message: '`Mode` must be one of the allowed values.',
            allowedValues: ['rolling', 'all-at-once'],
            suggestions: ['rolling', 'all-at-once'],
          },
        ],
        usage:
          '/ssm run AWS-RestartEC2Instance InstanceId=i-0a1b2c3d4e5f60718 --accounts payments-prod --regions ap-northeast-1',
      }),
      'problems-parameters',
    );
  });

  it('when a problem has many allowed values, then ten are shown and the rest counted', async () => {
    const regions = Array.from({ length: 25 }, (_, index) => `region-${index + 1}`);
    await expectGolden(
      renderProblems({
        title: "Can't run Platform-RollingRestartService",
        problems: [{ message: '`Region` must be one of the allowed values.', allowedValues: regions }],
      }),
      'problems-many-allowed-values',
    );
  });

  it('when the message already suggests a name, then the suggestion is not repeated', () => {
    const message = renderProblems({
      title: "Can't run X",
      problems: [
        { message: '`InstanceIds` is unknown. Did you mean `InstanceId`?', suggestions: ['InstanceId'] },
      ],
    });
    expect(JSON.stringify(message).match(/Did you mean/g)).toHaveLength(2); // once in the block, once in text
  });

  it('when there are hundreds of long problems with outside text, then the reply still fits Block Kit', () => {
    const problems = Array.from({ length: 300 }, (_, index) => ({
      message: `${HOSTILE} problem ${index} ${'x'.repeat(3000)}`,
      suggestions: [HOSTILE],
      allowedValues: Array.from({ length: 200 }, () => HOSTILE),
      allowedPattern: `${HOSTILE}${'('.repeat(3000)}`,
    }));
    const message = renderProblems({ title: HOSTILE, problems, usage: `${HOSTILE}${'u'.repeat(5000)}` });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toContain('more problems');
  });
});
