// The run modal's private_metadata: where the run was asked for, and what the modal is about.
import { z } from 'zod';
import { parseViewMetadata } from '../view-metadata.js';

/**
 * What each view carries between interactions: the picker `{ channelId }`, the form `{ channelId, runbook }`,
 * the confirmation `{ channelId, draftId }`.
 */
export interface ModalMetadata {
  /** The channel the run was asked for in, where its messages go. */
  channelId: string;
  runbook?: string;
  /** The RunDraftStore id of the previewed request (the request itself would not fit in 3,000 characters). */
  draftId?: string;
}

const schema = z.object({
  channelId: z.string().min(1).max(255),
  runbook: z.string().min(1).max(255).optional(),
  draftId: z.string().min(1).max(255).optional(),
});

/** The metadata as a view carries it (JSON). */
export function formatModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(metadata);
}

/**
 * The metadata of a view the bot rendered, or undefined for anything else: the payload comes back from
 * Slack, so it is checked like any other input. Unknown keys are dropped.
 */
export function parseModalMetadata(privateMetadata: string): ModalMetadata | undefined {
  const parsed = parseViewMetadata(privateMetadata, schema);
  if (!parsed) return undefined;
  const { channelId, runbook, draftId } = parsed;
  return { channelId, ...(runbook !== undefined && { runbook }), ...(draftId !== undefined && { draftId }) };
}
