// `/ssm status <change-id>`: the change request as it stands, then its timeline from the audit trail.
import type { ChangeTemplate } from '../../core/approval/change-template-schema.js';
import type { StoredChange } from '../../core/approval/stored-change.js';
import type { AuditEntry } from '../../core/audit/audit-entry.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { renderChangeRequest } from './render-change-request.js';
import { renderTimeline } from './render-timeline.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

export function renderChangeStatus(
  change: StoredChange,
  template: ChangeTemplate,
  timeline: readonly AuditEntry[],
): SlackMessage {
  const request = renderChangeRequest(change, template);
  // The buttons belong to the channel's message; this copy is for reading. The timeline goes before the footnote.
  const blocks = request.blocks.filter((block) => block.type !== 'actions');
  const footnote = blocks.pop()!;
  const shown = [...blocks.slice(0, BlockKitLimit.messageBlocks - 2), renderTimeline(timeline), footnote];
  return slackMessage(request.text, shown);
}
