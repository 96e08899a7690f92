// The reply in a run's thread when someone retried it or ran it again: who, what, and where it went on.
import type { RetryNote } from '../../core/run/retry-note.js';
import { contextBlock, sectionBlock } from './blocks.js';
import { inlineCode, mention } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** `@bob retried the 3 failed targets → `run-yyy`` or `… asked for change `chg-…` (waits for approval)`. */
export function renderRetryNote(note: RetryNote): SlackMessage {
  const did =
    note.kind === 'retry-failed'
      ? `retried ${note.targets === 1 ? 'the failed target' : `the ${plural(note.targets, 'failed target')}`}`
      : 'ran this again';
  const outcome =
    note.next.kind === 'run'
      ? `→ ${note.next.permalink ? `<${note.next.permalink}|${note.next.runId}>` : inlineCode(note.next.runId)}, in its own thread in this channel`
      : note.next.status === 'pending'
        ? `and asked for change ${inlineCode(note.next.changeId)} (waits for approval)`
        : `and asked for change ${inlineCode(note.next.changeId)} (${note.next.status})`;
  const text = `:leftwards_arrow_with_hook: ${mention(note.userId)} ${did} ${outcome}`;
  return slackMessage(text, [
    sectionBlock(text),
    contextBlock(
      note.next.kind === 'run'
        ? `${inlineCode(`/ssm status ${note.next.runId}`)} follows it.`
        : `${inlineCode(`/ssm status ${note.next.changeId}`)} follows it.`,
    ),
  ]);
}
