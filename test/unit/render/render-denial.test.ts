// renderDenial: which targets policy refused, under which rule, and who can change it.
import { describe, expect, it } from 'vitest';
import { renderDenial } from '../../../src/slack/render/render-denial.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import { HOSTILE, IDENTITY_PROD, manyAccounts, PAYMENTS_PROD, SEARCH_PROD } from './render-builders.js';

describe('renderDenial', () => {
  it('when policy refuses production targets, then each is listed with its rule and an operator is named', async () => {
    await expectGolden(
      renderDenial({
        runbook: 'AWS-RestartEC2Instance',
        denials: [
          {
            accountId: PAYMENTS_PROD.id,
            accountName: PAYMENTS_PROD.name,
            region: 'ap-northeast-1',
            rule: 'prod-readonly',
          },
          {
            accountId: IDENTITY_PROD.id,
            accountName: IDENTITY_PROD.name,
            region: 'ap-northeast-1',
            rule: 'prod-readonly',
          },
          {
            accountId: SEARCH_PROD.id,
            accountName: SEARCH_PROD.name,
            region: 'us-east-1',
          },
        ],
      }),
      'denial',
    );
  });

  it('when 1500 targets are denied, then 30 are listed and the rest counted', () => {
    const denials = manyAccounts(500).flatMap((account) =>
      ['ap-northeast-1', 'us-east-1', 'eu-west-1'].map((region) => ({
        accountId: account.id,
        accountName: account.name,
        region,
        rule: 'prod-readonly',
        reason: `${HOSTILE} ${'r'.repeat(3000)}`,
      })),
    );
    const message = renderDenial({ runbook: 'AWS-RestartEC2Instance', denials });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more/);
  });
});

describe('renderDenial: rules', () => {
  it('when one rule denies several targets, then the rule is named once', () => {
    const denials = [PAYMENTS_PROD, IDENTITY_PROD, SEARCH_PROD].map((account) => ({
      accountId: account.id,
      accountName: account.name,
      region: 'ap-northeast-1',
      rule: 'prod-no-stop',
    }));
    const text = JSON.stringify(renderDenial({ runbook: 'AWS-StopEC2Instance', denials }));
    expect(text.split('prod-no-stop')).toHaveLength(2);
  });
});
