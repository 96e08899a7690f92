// renderGroupReply and renderFailureSummary: a large run's thread, a table per region and page, one summary.
import { describe, expect, it } from 'vitest';
import { NOT_STARTED } from '../../../src/core/run/run.js';
import { summariseFailures, threadLayout } from '../../../src/core/run/thread-layout.js';
import { renderFailureSummary } from '../../../src/slack/render/render-failure-summary.js';
import { renderGroupReply } from '../../../src/slack/render/render-group-reply.js';
import { expectGolden } from './expect-golden.js';
import { aChild, anAccount, aRunWith, HOSTILE, manyAccounts, minutes } from './render-builders.js';

const timed = (from: number, to: number) => ({
  startedAt: minutes(from).toISOString(),
  endedAt: minutes(to).toISOString(),
});

function groupsOf(children: Parameters<typeof aRunWith>[0]) {
  const layout = threadLayout(aRunWith(children), 0);
  if (layout.kind !== 'grouped') throw new Error('expected groups');
  return layout.groups;
}

describe('renderGroupReply', () => {
  it('when a page of accounts is mid-run, then it counts the phases and lists each account (a running one at its step)', async () => {
    const accounts = manyAccounts(4);
    const [group] = groupsOf([
      aChild(accounts[0]!, 'us-east-1', 'Success', timed(0, 1.5)),
      aChild(accounts[1]!, 'us-east-1', 'Failed', {
        ...timed(0, 2),
        steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' }],
      }),
      aChild(accounts[2]!, 'us-east-1', 'InProgress', {
        startedAt: minutes(0).toISOString(),
        currentStep: 'startInstances',
      }),
      aChild(accounts[3]!, 'us-east-1', 'Skipped', {
        failure: { reason: 'MaxErrorsReached', message: 'stop' },
      }),
    ]);
    await expectGolden(renderGroupReply(group!), 'group-reply-mid-run');
  });

  it('when a region has more accounts than a page, then the reply says which of them it lists', () => {
    const groups = groupsOf(manyAccounts(120).map((account) => aChild(account, 'eu-west-1', 'Success')));
    const second = renderGroupReply(groups[1]!);
    expect(second.text).toBe('eu-west-1, accounts 51–100 of 120: 50 succeeded');
    expect(second.blocks[1]).toMatchObject({ type: 'table' });
    expect((second.blocks[1] as { rows: unknown[] }).rows).toHaveLength(51);
  });

  it('when an account name carries markup, then the table shows it as plain characters', () => {
    const [group] = groupsOf([aChild(anAccount('999999999999', HOSTILE), 'us-east-1', 'Success')]);
    const table = renderGroupReply(group!).blocks[1] as unknown as {
      rows: Array<Array<{ elements: Array<{ elements: Array<{ type: string; text?: string }> }> }>>;
    };
    const nameCell = table.rows[1]![0]!.elements[0]!.elements[0]!;
    expect(nameCell.type).toBe('text');
    // Raw characters, not mrkdwn: no entity escaping, and a mention stays inert text.
    expect(nameCell.text).toMatch(/^<!channel> <@U0ADMIN01>/);
  });
});

describe('renderFailureSummary', () => {
  it('when failures have two causes, then the summary counts each with a few accounts', async () => {
    const accounts = manyAccounts(14);
    const run = aRunWith([
      ...accounts.slice(0, 12).map((account) =>
        aChild(account, 'us-east-1', 'Failed', {
          steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' }],
        }),
      ),
      ...accounts
        .slice(12)
        .map((account) =>
          aChild(account, 'us-east-1', 'StartFailed', { failure: { reason: 'AccessDenied', message: 'no' } }),
        ),
    ]);
    await expectGolden(renderFailureSummary(run, summariseFailures(run)), 'failure-summary');
  });

  it('when an account fails in several regions or never starts, then it is named once with its regions', () => {
    const [ledger, data] = manyAccounts(2);
    const failedAtStep = {
      steps: [{ name: 'startInstances', action: 'aws:changeInstanceState', status: 'Failed' as const }],
    };
    const notStarted = (region: string) => ({
      failure: { reason: NOT_STARTED, message: `Region ${region} is not enabled for account ${data!.id}.` },
    });
    const run = aRunWith([
      ...['ap-northeast-1', 'eu-west-1', 'us-east-1'].map((region) =>
        aChild(ledger!, region, 'Failed', failedAtStep),
      ),
      aChild(data!, 'eu-west-1', 'Failed', notStarted('eu-west-1')),
      aChild(data!, 'us-east-1', 'Failed', notStarted('us-east-1')),
    ]);
    const text = JSON.stringify(renderFailureSummary(run, summariseFailures(run)).blocks);
    expect(text).toContain(`*3* failed at step \`startInstances\`: ${ledger!.name} (3 regions)`);
    expect(text).toContain(`*2* did not start there: ${data!.name} (2 regions)`);
  });
});
