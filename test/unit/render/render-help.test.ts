// renderHelp: the overview, one command's help, and an unknown topic.
import { describe, expect, it } from 'vitest';
import { renderHelp } from '../../../src/slack/render/render-help.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';

describe('renderHelp', () => {
  it('when no topic is given, then every command is listed with examples, dry runs and approvals', async () => {
    await expectGolden(renderHelp(), 'help');
  });

  it('when the topic is run, then the usage, every flag and the examples are shown', async () => {
    await expectGolden(renderHelp('run'), 'help-run');
  });

  it('when the topic is another command, then its usage and examples are shown', async () => {
    await expectGolden(renderHelp('history'), 'help-history');
  });

  it('when the topic is unknown, then the overview follows a line saying so, with the nearest command', async () => {
    await expectGolden(renderHelp('stauts'), 'help-unknown-topic');
  });

  it.each(['list', 'status', 'cancel', 'help', 'RUN', '<!channel>'])(
    'when the topic is %s, then the help fits Block Kit',
    (topic) => {
      expectWithinBlockKitLimits(renderHelp(topic));
    },
  );

  it('when the topic is typed in capitals, then it is still found', () => {
    expect(renderHelp('RUN')).toEqual(renderHelp('run'));
  });
});
