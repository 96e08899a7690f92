// renderUsageError: the parser's complaint, the usage to follow, and the help to read.
import { describe, expect, it } from 'vitest';
import { parseSsmCommand } from '../../../src/core/command/parse-ssm-command.js';
import { renderUsageError } from '../../../src/slack/render/render-usage-error.js';
import { expectGolden } from './expect-golden.js';

function usageErrorOf(text: string) {
  const command = parseSsmCommand(text);
  if (command.kind !== 'usage-error') throw new Error(`${text} parsed as ${command.kind}`);
  return command;
}

describe('renderUsageError', () => {
  it('when a run flag is mistyped, then the run usage and `/ssm help run` are shown', async () => {
    await expectGolden(
      renderUsageError(usageErrorOf('run AWS-RestartEC2Instance --region ap-northeast-1')),
      'usage-error-run',
    );
  });

  it('when the command is unknown, then every usage and `/ssm help` are shown', async () => {
    await expectGolden(renderUsageError(usageErrorOf('stauts run-7k3m9q2x')), 'usage-error-unknown-command');
  });

  it('when another command is misused, then its help is the one pointed to', () => {
    const message = renderUsageError(usageErrorOf('history --limit 500'));
    expect(JSON.stringify(message.blocks.at(-1))).toContain('/ssm help history');
  });
});
