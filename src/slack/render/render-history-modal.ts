// The History modal App Home opens: `/ssm history`'s list, as a view instead of a message.
import type { KnownBlock } from '@slack/types';
import { type RunHistory, renderRunHistory } from './render-run-history.js';

export interface HistoryModalView {
  type: 'modal';
  title: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  blocks: KnownBlock[];
}

/** The same blocks `/ssm history` posts (at most 50, within a modal's 100). */
export function renderHistoryModal(history: RunHistory): HistoryModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Recent runs' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: renderRunHistory(history).blocks,
  };
}
