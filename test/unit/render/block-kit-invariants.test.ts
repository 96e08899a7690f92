// Properties every renderer keeps whatever the state: within Block Kit's limits, escaped, and pure.
import { readdirSync, readFileSync } from 'node:fs';
import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChildStatus, RunStatus } from '../../../src/core/run/run.js';
import { renderChildReply } from '../../../src/slack/render/render-child-reply.js';
import { renderRunMessage } from '../../../src/slack/render/render-run-message.js';
import { renderRunStatus } from '../../../src/slack/render/render-run-status.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { aRunWith, minutes } from './render-builders.js';

const RUN_STATUSES: RunStatus[] = [
  'starting',
  'running',
  'cancelling',
  'succeeded',
  'completed-with-errors',
  'failed',
  'cancelled',
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

describe('the Block Kit assertion every renderer test uses', () => {
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const buttons = (id: string): KnownBlock => ({
    type: 'actions',
    elements: [{ type: 'button', action_id: id, text: { type: 'plain_text', text: 'Go' } }],
  });

  it.each<[string, { text?: string; blocks: KnownBlock[] }]>([
    ['a section over the 3000 characters Slack takes', { blocks: [section('x'.repeat(3001))] }],
    ['more blocks than a message takes', { blocks: Array(51).fill(section('x')) }],
    [
      'a block_id used twice',
      {
        blocks: [
          { ...section('a'), block_id: 'b' },
          { ...section('c'), block_id: 'b' },
        ],
      },
    ],
    [
      'context text over our 2000',
      { blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }] },
    ],
    ['a fallback over our 500', { text: 'x'.repeat(501), blocks: [section('x')] }],
    ['an action_id repeated across blocks', { blocks: [buttons('run.cancel'), buttons('run.cancel')] }],
    ['blank text', { blocks: [section('  ')] }],
    ['an open ``` fence', { blocks: [section('```\nlog')] }],
    ['an unescaped <', { blocks: [section('<!channel> look')] }],
  ])('when a message has %s, then it fails', (_case, message) => {
    expect(() => expectWithinBlockKitLimits(message)).toThrow();
  });

  it('when blocks are drawn for a modal, then the 100 blocks of a view fit', () => {
    const blocks = Array(100).fill(section('x'));
    expect(() => expectWithinBlockKitLimits({ blocks })).toThrow();
    expectWithinBlockKitLimits({ blocks }, { surface: 'modal' });
  });
});

describe('every section goes through the truncating builder', () => {
  it('when the Slack adapter is read, then only render/blocks.ts writes a section block by hand', () => {
    const root = new URL('../../../src/slack/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(20);
    const byHand = files.filter(
      (file) =>
        file !== 'render/blocks.ts' &&
        /type: ['"]section['"]/.test(readFileSync(new URL(file, root), 'utf8')),
    );
    expect(byHand).toEqual([]);
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
