// The ephemeral reply to a mistyped /ssm command: what was wrong, how to write it, where to read more.
import { SUBCOMMAND_USAGE } from '../../core/command/ssm-command.js';
import { contextBlock, sectionBlock } from './blocks.js';
import { codeBlock, escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/**
 * `:warning: <message>`, the usage in a code block, and the help to read. `message` is the parser's
 * sentence, already mrkdwn (code spans around what was typed); only `&`, `<`, `>` are escaped.
 */
export function renderUsageError(error: { message: string; usage: string }): SlackMessage {
  const message = escapeMrkdwn(error.message);
  return slackMessage(`:warning: ${message}`, [
    sectionBlock(`:warning: ${message}`),
    sectionBlock(codeBlock(error.usage)),
    contextBlock(`See ${inlineCode(helpCommandFor(error.usage))}`),
  ]);
}

/** `/ssm help run` when the usage is one command's, `/ssm help` when it lists several or none. */
function helpCommandFor(usage: string): string {
  const lines = usage.trim().split('\n');
  const command = lines.length === 1 ? /^\/ssm (\w+)/.exec(lines[0] ?? '')?.[1] : undefined;
  return command && command !== 'help' && Object.hasOwn(SUBCOMMAND_USAGE, command)
    ? `/ssm help ${command}`
    : '/ssm help';
}
