// The rejection modal's private_metadata: which change is rejected, and the channel whose button opened it.
import { z } from 'zod';
import { parseViewMetadata } from '../view-metadata.js';

export interface RejectionMetadata {
  changeId: string;
  /** Where the Reject button was clicked: a refused rejection is explained there, to the clicker alone. */
  channelId: string;
}

const schema = z.object({
  changeId: z.string().min(1).max(255),
  channelId: z.string().min(1).max(255),
});

/** The metadata as the view carries it (JSON). */
export function formatRejectionMetadata(metadata: RejectionMetadata): string {
  return JSON.stringify(metadata);
}

/**
 * The metadata of a rejection modal the bot rendered, or undefined for anything else: the payload comes back
 * from Slack, so it is checked like any other input. Unknown keys are dropped.
 */
export function parseRejectionMetadata(privateMetadata: unknown): RejectionMetadata | undefined {
  const parsed = parseViewMetadata(privateMetadata, schema);
  return parsed && { changeId: parsed.changeId, channelId: parsed.channelId };
}
