// Properties every renderer keeps whatever the state: within Block Kit's limits, escaped, and pure.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChildStatus, RunStatus } from '../../../src/core/run/run.js';
import { renderChildReply } from '../../../src/slack/render/render-child-reply.js';
import { renderRunMessage } from '../../../src/slack/render/render-run-message.js';
import { renderRunStatus } from '../../../src/slack/render/render-run-status.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { aRunWith, minutes } from './render-builders.js';

const RUN_STATUSES: RunStatus[] = [
  'awaiting-approval',
  'starting',
  'running',
  'cancelling',
  'succeeded',
  'completed-with-errors',
  'failed',
  'cancelled',
  'rejected',
  'expired',
  'withdrawn',
];
const CHILD_STATUSES: ChildStatus[] = [
  'Queued',
  'Pending',
  'InProgress',
  'Success',
  'Failed',
  'TimedOut',
  'Cancelled',
  'StartFailed',
  'Skipped',
];

/** Text mixing what outsiders send: Slack markup, entities, fences, emoji, very long runs. */
const outsideText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<!channel>',
        '<@U0ADMIN01>',
        '<https://evil.example|x>',
        '&',
        '```',
        '`',
        '*',
        '\n',
        '😀',
        '>',
      ),
      fc.string({ maxLength: 20 }),
      fc.constant('x'.repeat(3000)),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const child = fc.record({
  accountId: fc.stringMatching(/^\d{12}$/),
  accountName: outsideText,
  region: fc.constantFrom('ap-northeast-1', 'us-east-1', 'eu-west-1', 'not a region'),
  status: fc.constantFrom(...CHILD_STATUSES),
  executionId: fc.option(outsideText, { nil: undefined }),
  failure: fc.option(fc.record({ reason: outsideText, message: outsideText }), { nil: undefined }),
});

describe('every run renderer, for any run', () => {
  it('when a run is in any state with any children and outside text, then its messages fit Block Kit', () => {
    fc.assert(
      fc.property(
        fc.array(child, { maxLength: 120 }),
        fc.constantFrom(...RUN_STATUSES),
        fc.option(outsideText, { nil: undefined }),
        fc.integer({ min: 0, max: 100_000 }),
        (children, status, reason, elapsedMinutes) => {
          const run = aRunWith(children, { status, reason, cancelledBy: 'U0OPERATE1' });
          expectWithinBlockKitLimits(renderRunMessage(run, minutes(elapsedMinutes)));
          expectWithinBlockKitLimits(renderRunStatus(run, minutes(elapsedMinutes)));
          for (const one of children.slice(0, 3))
            expectWithinBlockKitLimits(renderChildReply({ child: one }));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('renderers are pure', () => {
  it('when the render modules are read, then none reads the clock or draws random numbers', () => {
    const directory = new URL('../../../src/slack/render/', import.meta.url);
    for (const file of readdirSync(directory)) {
      const source = readFileSync(new URL(file, directory), 'utf8');
      expect(source, file).not.toMatch(/Date\.now\(|Math\.random\(|new Date\(\)|performance\.now\(/);
    }
  });
});
