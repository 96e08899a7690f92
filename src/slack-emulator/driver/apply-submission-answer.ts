// What Slack does with the app's answer to a view_submission: close, clear, update, push, show errors, or fail.
import type { EmulatorState } from '../state/emulator-state.js';
import type { EmulatedView, JsonObject } from '../state/slack-types.js';
import { ApiArgs } from '../web-api/api-args.js';
import { SlackApiError } from '../web-api/slack-api-error.js';
import { readView } from '../web-api/view-methods.js';
import type { Delivery } from './deliver.js';

export type SubmissionOutcome =
  | 'closed'
  | 'cleared'
  | 'updated'
  | 'pushed'
  | 'errors'
  /** Required inputs were empty: Slack's client did not send anything. */
  | 'incomplete'
  | 'timed_out'
  | 'failed';

export interface SubmissionVerdict {
  outcome: SubmissionOutcome;
  /** Field errors by block_id (for `errors` and `incomplete`). */
  errors: Record<string, string>;
  /** Why the answer was refused, for `failed`. */
  problems: string[];
  /** The view the user sees afterwards at the top of the stack, if any. */
  view?: EmulatedView;
}

export const TROUBLE_CONNECTING = 'We had some trouble connecting. Try again?';

export function applySubmissionAnswer(
  state: EmulatorState,
  view: EmulatedView,
  delivery: Delivery,
): SubmissionVerdict {
  const { views } = state;
  const top = () => views.stack(view.user_id).at(-1);
  const fail = (problems: string[]): SubmissionVerdict => {
    const shown = views.setErrors(view.id, {}, TROUBLE_CONNECTING);
    return { outcome: delivery.timedOut ? 'timed_out' : 'failed', errors: {}, problems, view: shown };
  };
  if (delivery.timedOut) return fail([`no answer within the ack timeout (${delivery.durationMs} ms)`]);
  if (delivery.status !== 200)
    return fail([`HTTP ${delivery.status}${delivery.error ? `: ${delivery.error}` : ''}`]);
  const answer = delivery.body;
  if (answer === '' || (isObject(answer) && answer.response_action === undefined)) {
    views.close(view.id);
    return { outcome: 'closed', errors: {}, problems: [], view: top() };
  }
  if (!isObject(answer)) return fail(['the answer is neither empty nor a JSON object']);
  switch (answer.response_action) {
    case 'clear':
      views.clear(view.user_id);
      return { outcome: 'cleared', errors: {}, problems: [] };
    case 'errors': {
      const errors = answer.errors;
      const inputIds = new Set(
        view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id),
      );
      if (
        !isObject(errors) ||
        Object.entries(errors).some(([id, text]) => !inputIds.has(id) || typeof text !== 'string')
      ) {
        return fail(['errors must map block_ids of input blocks to messages']);
      }
      const shown = views.setErrors(view.id, errors as Record<string, string>);
      return { outcome: 'errors', errors: shown.errors, problems: [], view: shown };
    }
    case 'update':
    case 'push': {
      let spec: JsonObject;
      try {
        spec = readView(new ApiArgs({ view: answer.view }), state, 'modal');
      } catch (error) {
        if (error instanceof SlackApiError)
          return fail(error.messages.length ? error.messages : [error.code]);
        throw error;
      }
      if (answer.response_action === 'update') {
        return { outcome: 'updated', errors: {}, problems: [], view: views.update(view.id, spec) };
      }
      const pushed = views.push(view.user_id, spec);
      if (typeof pushed === 'string') return fail([pushed]);
      return { outcome: 'pushed', errors: {}, problems: [], view: pushed };
    }
    default:
      return fail([`unknown response_action ${String(answer.response_action)}`]);
  }
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
