// renderRunNotStarted: the last state of a parent message whose start was cut short before the run was recorded.
import { describe, expect, it } from 'vitest';
import { renderRunNotStarted } from '../../../src/slack/render/render-run-not-started.js';
import { expectGolden } from './expect-golden.js';
import { aChild, aRunWith, HOSTILE, PAYMENTS_PROD } from './render-builders.js';

const run = aRunWith([aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Queued')]);

describe('renderRunNotStarted', () => {
  it('when a start was cut short, then the message says the run did not start and nothing ran', async () => {
    await expectGolden(renderRunNotStarted(run), 'run-not-started');
  });

  it('when the runbook name holds Slack markup, then it is escaped and mentions no one', () => {
    const rendered = JSON.stringify(renderRunNotStarted({ ...run, runbook: { name: HOSTILE } }));
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<@U0ADMIN01>');
  });
});
