// The confirmation view's Back: the draft it previewed, taken so it can no longer start, to refill the form.
import type { RunRequest } from '../core/run/run-request.js';
import type { RunDraftStore } from '../ports.js';

export type ReopenRunFormResult =
  | { kind: 'form'; request: RunRequest }
  /** Expired (an hour) or never this person's: the form starts over. */
  | { kind: 'start-over' };

/**
 * Takes the draft rather than reading it: once the person is back in the form, the preview they left is out
 * of date, and the form's next Preview saves a new draft.
 */
export async function reopenRunForm(
  context: { drafts: RunDraftStore },
  draftId: string,
  userId: string,
): Promise<ReopenRunFormResult> {
  const draft = await context.drafts.take(draftId);
  if (!draft || draft.userId !== userId) return { kind: 'start-over' };
  return { kind: 'form', request: draft.request };
}
