// The playground's "Try it" tour, derived from the demo's workspace, sandbox organization and policies: the real
// fixtures give the golden path; a workspace or configuration that lacks a piece gives no tour and says why.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildDemoTour, type TourSources } from '../../src/demo/build-demo-tour.js';
import { loadFixture } from '../../src/sandbox/fixture.js';
import { ActionId } from '../../src/slack/ids.js';
import type { PlaygroundTour, TourAnswer } from '../../src/slack-emulator/index.js';
import { loadWorkspaceFixture } from '../../src/slack-emulator/workspace-fixture.js';

/** What `npm run demo` runs with: fixtures/slack/workspace.yml, fixtures/sandbox/organization.yml, config/demo.yml. */
function demoSources(): TourSources {
  const workspace = loadWorkspaceFixture();
  const { organization } = loadFixture().fixture;
  const config = loadConfig({ SSM_CHATOPS_CONFIG: resolve('config/demo.yml') });
  return {
    workspace: {
      users: workspace.users,
      userGroups: workspace.userGroups,
      channels: workspace.channels,
      botUserId: workspace.bot.userId,
    },
    organization,
    bot: {
      approvalsChannelId: config.file.slack.channels.approvals,
      policies: config.file.policies,
      approvalTemplates: config.file.approvalTemplates,
      approveActionId: ActionId.approveChange,
    },
  };
}

function tourOf(answer: TourAnswer): PlaygroundTour {
  if (!answer.tour) throw new Error(`no tour: ${answer.reason}`);
  return answer.tour;
}

describe('buildDemoTour', () => {
  it('when given the demo, then it walks the golden path with the people, channels and accounts that exist', () => {
    const tour = tourOf(buildDemoTour(demoSources()));
    expect(tour.steps.map((step) => step.id)).toEqual([
      'dev-run',
      'prod-change',
      'approve',
      'inject-failure',
      'failure-thread',
    ]);
    const [devRun, prodChange, approve, inject, thread] = tour.steps;
    expect(devRun!.actions).toEqual([
      expect.objectContaining({
        kind: 'slash-command',
        userId: 'U0REQUEST1',
        channelId: 'C0OPS00001',
        text: '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,data-dev',
      }),
    ]);
    expect(prodChange!.actions[0]).toMatchObject({
      text: '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod --reason "Kernel patch"',
      outcome: { ephemeral: { userId: 'U0REQUEST1', pattern: expect.stringContaining('chg-') } },
    });
    expect(approve!.actions[0]).toEqual(
      expect.objectContaining({
        kind: 'click-change-button',
        userId: 'U0APPROVE1',
        channelId: 'C0APPROVE1',
        actionId: ActionId.approveChange,
      }),
    );
    expect(inject!.actions[0]).toEqual({
      kind: 'inject-failure',
      fault: { accountId: '555555555501', documentName: 'AWS-RestartEC2Instance' },
    });
    expect(thread!.actions[0]).toMatchObject({ kind: 'open-run-thread', channelId: 'C0OPS00001' });
    // What each step sends is shown as it is sent.
    for (const step of tour.steps) {
      for (const action of step.actions) {
        if (action.kind === 'slash-command') expect(step.shows).toContain(action.text);
      }
      expect(step.explanation).not.toBe('');
      expect(step.lookFor).not.toBe('');
    }
  });

  it('when the people and accounts are others, then the tour names them, not the demo fixture', () => {
    const sources = demoSources();
    sources.workspace.users = sources.workspace.users.map((user) =>
      user.id === 'U0REQUEST1' ? { ...user, name: 'zoe' } : user,
    );
    // dev-shared suspended: the next active development accounts are used.
    sources.organization.accounts = sources.organization.accounts.map((account) =>
      account.name === 'dev-shared' ? { ...account, status: 'SUSPENDED' } : account,
    );
    sources.organization.accounts.push({ id: '555555555503', name: 'ml-dev', parent: 'ou-sbx1-dev00001' });
    const tour = tourOf(buildDemoTour(sources));
    expect(tour.steps[0]!.shows).toEqual([
      'as zoe in #ops:',
      '/ssm run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev,ml-dev',
    ]);
  });

  it('when a policy for other people comes first, then the requester is still one who may do both', () => {
    const sources = demoSources();
    // The SRE leads' restart outside production first: bob may run without approval but asks for no change.
    sources.bot.policies = [...sources.bot.policies].sort((a) =>
      a.when?.userGroups?.includes('S0SRELEADS') ? -1 : 0,
    );
    expect(sources.bot.policies[0]!.when?.userGroups).toEqual(['S0SRELEADS']);
    const tour = tourOf(buildDemoTour(sources));
    expect(tour.steps[0]!.actions[0]).toMatchObject({ userId: 'U0REQUEST1' });
    expect(tour.steps[2]!.actions[0]).toMatchObject({ userId: 'U0APPROVE1' });
  });

  it.each<[string, (sources: TourSources) => void]>([
    ['no change-approvals channel is configured', (s) => (s.bot.approvalsChannelId = undefined)],
    [
      'the approvers group is empty',
      (s) => (s.workspace.userGroups = s.workspace.userGroups.filter((g) => g.id !== 'S0SRELEADS')),
    ],
    [
      'no policy asks for an approval',
      (s) => (s.bot.policies = s.bot.policies.filter((p) => !p.approvalTemplate)),
    ],
    [
      'no policy lets anyone run without approval',
      (s) => (s.bot.policies = s.bot.policies.filter((p) => p.approvalTemplate)),
    ],
    [
      'the organization has no development accounts',
      (s) =>
        (s.organization.accounts = s.organization.accounts.filter((a) => a.parent !== 'ou-sbx1-dev00001')),
    ],
    [
      'the bot is in no channel',
      (s) =>
        (s.workspace.channels = s.workspace.channels.map((c) => ({
          ...c,
          members: c.members.filter((m) => m !== s.workspace.botUserId),
        }))),
    ],
    ['there are no policies at all (the emulator alone)', (s) => (s.bot.policies = [])],
  ])('when %s, then there is no tour and the reason says to start the demo', (_, breakIt) => {
    const sources = demoSources();
    breakIt(sources);
    const answer = buildDemoTour(sources);
    expect(answer.tour).toBeNull();
    expect(answer).toMatchObject({ reason: expect.stringContaining('npm run demo') });
  });
});
