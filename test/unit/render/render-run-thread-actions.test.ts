// The run thread's actions: Retry failed on a failure notice, and the note a retried run's thread gets.
import { describe, expect, it } from 'vitest';
import { ActionId, BlockId } from '../../../src/slack/ids.js';
import { renderFailureNotice } from '../../../src/slack/render/render-failure-notice.js';
import { renderRetryNote } from '../../../src/slack/render/render-retry-note.js';
import { replyToRunAction } from '../../../src/slack/replies/reply-to-run-action.js';
import { expectGolden } from './expect-golden.js';
import {
  aChild,
  aRunWith,
  childrenOf,
  IDENTITY_PROD,
  PAYMENTS_PROD,
  SEARCH_PROD,
} from './render-builders.js';

const PROD = [PAYMENTS_PROD, IDENTITY_PROD, SEARCH_PROD];

describe('renderFailureNotice', () => {
  it('when a child fails while the run goes on, then the notice offers Retry failed in a fixed block, asking first', async () => {
    const failed = aChild(SEARCH_PROD, 'us-east-1', 'Failed', {
      executionId: 'a1b2c3d4-0000-4000-8000-000000000009',
      failure: { reason: 'startInstances', message: 'Step startInstances failed' },
    });
    const run = aRunWith(
      [...childrenOf([PAYMENTS_PROD, IDENTITY_PROD], ['us-east-1'], () => 'InProgress'), failed],
      { status: 'running' },
    );
    const notice = renderFailureNotice(run, failed);
    const actions = notice.blocks.find((block) => block.type === 'actions');
    expect(actions?.block_id).toBe(BlockId.failureActions);
    expect(JSON.stringify(actions)).toContain(ActionId.retryFailed);
    await expectGolden(notice, 'failure-notice-retry');
  });
});

describe('renderRetryNote', () => {
  it.each([
    [
      'retry-failed-run',
      {
        userId: 'U0APPROVE1',
        kind: 'retry-failed',
        targets: 3,
        next: { kind: 'run', runId: 'run-bbbbcccc' },
      },
    ],
    [
      'retry-failed-change',
      {
        userId: 'U0APPROVE1',
        kind: 'retry-failed',
        targets: 1,
        next: { kind: 'change', changeId: 'chg-ddddeeee', status: 'pending' },
      },
    ],
    [
      'retry-failed-run-linked',
      {
        userId: 'U0APPROVE1',
        kind: 'retry-failed',
        targets: 3,
        next: {
          kind: 'run',
          runId: 'run-bbbbcccc',
          permalink: 'https://example.slack.com/archives/C0OPS00001/p1700000000000200',
        },
      },
    ],
    [
      'run-again-run',
      { userId: 'U0APPROVE1', kind: 'run-again', targets: 6, next: { kind: 'run', runId: 'run-bbbbcccc' } },
    ],
  ] as const)(
    'when %s, then the original thread says who did what, and where it goes on',
    async (name, note) => {
      await expectGolden(renderRetryNote(note), `retry-note-${name}`);
    },
  );
});

describe('replyToRunAction', () => {
  it('when nothing of the run failed, then the clicker is told there is nothing to retry', () => {
    const run = aRunWith(
      childrenOf(PROD, ['us-east-1'], () => 'Success'),
      { status: 'succeeded' },
    );
    expect(replyToRunAction({ kind: 'nothing-to-retry', run }).text).toMatch(/nothing to retry/);
  });
});
