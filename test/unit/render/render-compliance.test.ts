// renderCompliance: totals, the worst accounts first with console links, places not read, the answer's age and
// the buttons; within Slack's limits for a large organization, and with hostile account names escaped.
import { describe, expect, it } from 'vitest';
import type {
  InstancePatchCompliance,
  PlaceCompliance,
} from '../../../src/core/compliance/patch-compliance.js';
import { rollUpCompliance } from '../../../src/core/compliance/roll-up-compliance.js';
import { renderCompliance } from '../../../src/slack/render/render-compliance.js';
import { renderComplianceCard } from '../../../src/slack/render/render-compliance-card.js';
import { renderHelp } from '../../../src/slack/render/render-help.js';
import type { ComplianceAnswer } from '../../../src/use-cases/show-compliance.js';
import { expectGolden } from './expect-golden.js';
import { HOSTILE } from './render-builders.js';

const NOW = new Date('2026-06-02T10:00:00Z');
const READ_AT = new Date('2026-06-02T09:56:00Z');
const RUNBOOK = 'Platform-PatchRegionInstances';

function instances(
  accountId: string,
  region: string,
  compliant: number,
  behind: Array<Partial<InstancePatchCompliance>> = [],
): PlaceCompliance {
  const make = (index: number, missing: Partial<InstancePatchCompliance>): InstancePatchCompliance => ({
    instanceId: `i-0${accountId.slice(-4)}${String(index).padStart(12, '0')}`,
    accountId,
    region,
    missing: 0,
    critical: 0,
    security: 0,
    failed: 0,
    ...missing,
    compliant: !(missing.missing || missing.failed),
  });
  return {
    kind: 'read',
    target: { accountId, region },
    instances: [
      ...Array.from({ length: compliant }, (_, index) => make(index, {})),
      ...behind.map((missing, index) => make(compliant + index, missing)),
    ],
  };
}

function summary(
  places: PlaceCompliance[],
  names: Array<[string, string]>,
  extra: Partial<Extract<ComplianceAnswer, { kind: 'summary' }>> = {},
): Extract<ComplianceAnswer, { kind: 'summary' }> {
  return {
    kind: 'summary',
    scope: { accounts: [], organizationalUnits: [], regions: [] },
    rollUp: rollUpCompliance(places, new Map(names)),
    readAt: READ_AT,
    stale: false,
    hiddenAccounts: 0,
    ...extra,
  };
}

const SANDBOX_NAMES: Array<[string, string]> = [
  ['333333333301', 'payments-prod'],
  ['333333333302', 'identity-prod'],
  ['444444444402', 'identity-staging'],
  ['555555555502', 'data-dev'],
  ['666666666601', 'log-archive'],
];

describe('renderCompliance', () => {
  it('when some accounts are behind and some places were not read, then worst first, then what was not read', async () => {
    const answer = summary(
      [
        instances('333333333301', 'ap-northeast-1', 6, [
          { missing: 7, critical: 2, security: 4 },
          { missing: 2, failed: 1 },
        ]),
        instances('333333333301', 'us-east-1', 4, [{ missing: 3, security: 1 }]),
        instances('333333333302', 'ap-northeast-1', 5, [
          { missing: 12, critical: 5, security: 9 },
          { missing: 12, critical: 5, security: 9 },
        ]),
        instances('666666666601', 'ap-northeast-1', 2),
        {
          kind: 'unreadable',
          target: { accountId: '555555555502', region: 'us-east-1' },
          reason: 'region-not-enabled',
          message: 'us-east-1 is not enabled',
        },
        {
          kind: 'unreadable',
          target: { accountId: '444444444402', region: 'ap-northeast-1' },
          reason: 'no-read-role',
          message: 'cannot assume',
        },
      ],
      SANDBOX_NAMES,
    );
    const message = renderCompliance(answer, RUNBOOK, NOW);
    await expectGolden(message, 'compliance-summary');
    const text = JSON.stringify(message.blocks);
    expect(text.indexOf('identity-prod')).toBeLessThan(text.indexOf('payments-prod'));
    expect(text).toContain(
      'https://ap-northeast-1.console.aws.amazon.com/systems-manager/patch-manager?region=ap-northeast-1',
    );
  });

  it('when the answer is stale and narrowed, then it says it is being read again and what was left out', async () => {
    const answer = summary([instances('333333333301', 'us-east-1', 3, [{ missing: 1 }])], SANDBOX_NAMES, {
      stale: true,
      hiddenAccounts: 2,
      scope: {
        accounts: ['payments-prod'],
        organizationalUnits: ['ou-sbx1-prod0001'],
        regions: ['us-east-1'],
      },
    });
    await expectGolden(renderCompliance(answer, RUNBOOK, NOW), 'compliance-stale-narrowed');
  });

  it('when every instance is compliant, then there is nothing to download or patch', async () => {
    const message = renderCompliance(
      summary([instances('666666666601', 'ap-northeast-1', 2)], SANDBOX_NAMES),
      RUNBOOK,
      NOW,
    );
    await expectGolden(message, 'compliance-all-compliant');
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('when no instance reported, then it says so', async () => {
    await expectGolden(renderCompliance(summary([], []), RUNBOOK, NOW), 'compliance-empty');
  });

  it('when 2,000 accounts are behind and 600 places were not read, then the message stays within Block Kit limits and says how many more', async () => {
    const places: PlaceCompliance[] = [];
    const names: Array<[string, string]> = [];
    for (let index = 0; index < 2000; index++) {
      const id = String(100000000000 + index);
      names.push([id, `workload-${index}-${'x'.repeat(40)}`]);
      places.push(instances(id, 'us-east-1', 3, [{ missing: 4, critical: index % 3, security: 2 }]));
      if (index < 600) {
        places.push({
          kind: 'unreadable',
          target: { accountId: id, region: 'eu-west-1' },
          reason: 'unanswered',
          message: 'x',
        });
      }
    }
    const message = renderCompliance(summary(places, names), RUNBOOK, NOW);
    await expectGolden(message, 'compliance-large-organization');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('…and 1990 more accounts behind');
    expect(text).toContain('…and 592 more places not read');
  });

  it('when an account name holds Slack markup, then it is shown as text', async () => {
    const message = renderCompliance(
      summary([instances('333333333301', 'us-east-1', 0, [{ missing: 1 }])], [['333333333301', HOSTILE]]),
      RUNBOOK,
      NOW,
    );
    await expectGolden(message, 'compliance-hostile-name');
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});

describe('renderComplianceCard', () => {
  it('when a snapshot is cached, then the card shows totals, the three worst accounts, its age and the buttons', async () => {
    const answer = summary(
      ['333333333301', '333333333302', '444444444402', '555555555502', '666666666601'].map((id, index) =>
        instances(id, 'ap-northeast-1', 2, [{ missing: 3, critical: index, security: 1 }]),
      ),
      SANDBOX_NAMES,
    );
    const blocks = renderComplianceCard(answer, RUNBOOK, NOW);
    await expectGolden({ blocks }, 'compliance-home-card', { surface: 'home' });
    const text = JSON.stringify(blocks);
    expect(text).toContain('log-archive');
    expect(text).not.toContain('payments-prod');
  });

  it('when nothing is cached yet, then the card says a read is under way', async () => {
    await expectGolden(
      { blocks: renderComplianceCard({ kind: 'not-read-yet' }, RUNBOOK, NOW) },
      'compliance-home-card-not-read',
      { surface: 'home' },
    );
  });
});

describe('renderHelp: compliance', () => {
  it('when help on compliance is asked, then it says what it reads, from where, and what the buttons do', async () => {
    await expectGolden(renderHelp('compliance'), 'help-compliance');
  });
});
