// The buttons that act on a run from its thread: Retry failed, Run again and Stop, each with its confirm dialog.
import type { Button } from '@slack/types';
import { failedChildrenOf } from '../../core/run/retry-request.js';
import type { Run } from '../../core/run/run.js';
import { ActionId } from '../ids.js';
import { button } from './blocks.js';
import { plural } from './plural.js';

/**
 * Each click starts real work as the clicker (no preview follows), so each asks first. The count is the one shown
 * when the message was rendered: a notice posted while the run goes on says "the failed targets", since more may
 * fail before the click, and the retry takes what has failed by then.
 */
export function retryFailedButton(run: Run, options: { exactCount: boolean }): Button {
  const count = failedChildrenOf(run).length;
  const what = options.exactCount ? plural(count, 'failed target') : 'the failed targets';
  return button({
    actionId: ActionId.retryFailed,
    text: 'Retry failed',
    value: run.id,
    confirm: {
      title: 'Retry failed targets?',
      text: `Retry ${what} of ${run.id} as you? Your own permissions apply, and a governed run asks for approval.`,
      confirm: 'Retry',
      deny: 'Not now',
    },
  });
}

export function runAgainButton(run: Run): Button {
  return button({
    actionId: ActionId.runAgain,
    text: 'Run again',
    value: run.id,
    confirm: {
      title: 'Run again?',
      text: `Run ${run.runbook.name} again as you, on what ${run.id} asked for (OUs and "all" as they are today)?`,
      confirm: 'Run again',
      deny: 'Not now',
    },
  });
}

export function stopButton(run: Run): Button {
  return button({
    actionId: ActionId.cancelRun,
    text: 'Stop',
    value: run.id,
    style: 'danger',
    confirm: {
      title: 'Stop this run?',
      text: `Stop every execution of ${run.id}?`,
      confirm: 'Stop them',
      deny: 'Keep running',
    },
  });
}

/** Whether anything of a finished run did not succeed (Retry failed has something to do). */
export const hasFailedTargets = (run: Run): boolean => failedChildrenOf(run).length > 0;
