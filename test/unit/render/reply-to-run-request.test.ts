// replyToRunRequest for a started run: where to follow it, and what to expect while Slack holds its message back.
import { describe, expect, it } from 'vitest';
import { replyToRunRequest } from '../../../src/slack/replies/reply-to-run-request.js';
import { expectGolden } from './expect-golden.js';
import { aChild, aRunWith, PAYMENTS_PROD } from './render-builders.js';

const run = aRunWith([aChild(PAYMENTS_PROD, 'ap-northeast-1', 'Pending')]);

describe('replyToRunRequest: started', () => {
  it('when Slack shows the run message, then the reply points to its thread', async () => {
    await expectGolden(replyToRunRequest({ kind: 'started', run, message: 'shown' }), 'run-request-started');
  });

  it('when Slack holds the run message back, then the reply says it will appear and how to follow meanwhile', async () => {
    await expectGolden(
      replyToRunRequest({ kind: 'started', run, message: 'pending' }),
      'run-request-started-message-pending',
    );
  });
});

describe('replyToRunRequest: unknown runbook', () => {
  it('when the runbook does not exist, then the reply says where to find the runbooks in one sentence', () => {
    const reply = replyToRunRequest({ kind: 'unknown-runbook', name: 'AWS-Nope', suggestions: [] });
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('`/ssm list` shows the runbooks you may run.');
    expect(text).not.toContain('See `');
  });
});
