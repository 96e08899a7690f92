// The audit trail of a change or run as lines for Slack: when, then what happened, newest last.
import type { SectionBlock } from '@slack/types';
import type { AuditEntry } from '../../core/audit/audit-entry.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { sectionBlock } from './blocks.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { slackDate } from './slack-date.js';

const SHOWN_ENTRIES = 25;

export function renderTimeline(entries: readonly AuditEntry[]): SectionBlock {
  if (entries.length === 0) return sectionBlock('*Timeline*\n_Nothing recorded yet._');
  const skipped = entries.length - SHOWN_ENTRIES;
  // Summaries are plain text with people's names as they chose them: escaped, so a name cannot mention anyone.
  const lines = entries
    .slice(-SHOWN_ENTRIES)
    .map((entry) => `• ${slackDate(entry.at)} ${escapeMrkdwn(entry.summary)}`);
  const head = skipped > 0 ? `*Timeline* (the last ${SHOWN_ENTRIES} of ${entries.length})` : '*Timeline*';
  return sectionBlock(truncate(`${head}\n${lines.join('\n')}`, BlockKitLimit.sectionText));
}
