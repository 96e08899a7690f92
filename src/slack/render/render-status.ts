// What `/ssm status <id>` and a run's Status button show: the change or run, then its audit timeline.
import { isChangeId } from '../../core/approval/change-id.js';
import type { StatusResult } from '../../use-cases/describe-status.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { sectionBlock } from './blocks.js';
import { renderChangeStatus } from './render-change-status.js';
import { renderRunStatus } from './render-run-status.js';
import { renderTimeline } from './render-timeline.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

export function renderStatus(result: StatusResult, now: Date): SlackMessage {
  switch (result.kind) {
    case 'not-found': {
      const what = isChangeId(result.id) ? 'change' : 'run';
      const text = `:mag: There is no ${what} \`${result.id}\`. \`/ssm history\` lists recent runs and changes.`;
      return slackMessage(text, [sectionBlock(text)]);
    }
    case 'change':
      return renderChangeStatus(result.change, result.template, result.timeline);
    case 'run': {
      const status = renderRunStatus(result.run, now);
      if (result.timeline.length === 0 || status.blocks.length >= BlockKitLimit.messageBlocks) return status;
      return slackMessage(status.text, [...status.blocks, renderTimeline(result.timeline)]);
    }
  }
}
