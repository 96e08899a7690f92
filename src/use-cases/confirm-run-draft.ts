// The run modal's final submit: take the draft (once) and request the run again, so policy and parameters
// are checked as they stand at the moment it starts.
import type { RunDraftStore } from '../ports.js';
import { type RequestRunResult, type RunAsker, requestRun } from './request-run.js';
import type { RunContext } from './run-context.js';

export type ConfirmRunDraftResult = RequestRunResult | { kind: 'draft-expired' } | { kind: 'not-your-draft' };

export async function confirmRunDraft(
  context: RunContext & { drafts: RunDraftStore },
  draftId: string,
  asker: RunAsker,
): Promise<ConfirmRunDraftResult> {
  const draft = await context.drafts.take(draftId);
  if (!draft) return { kind: 'draft-expired' };
  // Slack only shows a modal to the person who opened it; this guards against forged payloads.
  if (draft.userId !== asker.requester.userId) return { kind: 'not-your-draft' };
  return requestRun(context, { ...draft.request, dryRun: false }, { ...asker, channelId: draft.channelId });
}
