// What planRun found wrong with a submitted run form, put on the fields to fix (`response_action: 'errors'`).
import type { RunDenial } from '../../core/policy/decide-run-policy.js';
import type { TargetProblemKind } from '../../core/targets/resolve-targets.js';
import type { PlanRunResult } from '../../use-cases/plan-run.js';
import type { SubmitRunFormResult } from '../../use-cases/submit-run-form.js';
import { BlockId } from '../ids.js';
import { truncate } from '../render/block-kit-limits.js';

/** Slack shows each error under its field in small text; past a few lines it stops being read. */
export const MAX_ERROR_LENGTH = 300;
const CHOOSE_TARGETS = 'Choose at least one account or OU.';

const TARGET_BLOCK: Record<TargetProblemKind, string> = {
  'unknown-account': BlockId.accounts,
  'ambiguous-account': BlockId.accounts,
  'inactive-account': BlockId.accounts,
  'excluded-everything': BlockId.accounts,
  'no-accounts': BlockId.accounts,
  'unknown-ou': BlockId.organizationalUnits,
  'region-not-enabled': BlockId.regions,
  'no-regions': BlockId.regions,
};

/**
 * block_id → error text. Problems with no field of their own (a parameter the form does not have) go on the
 * reason, the one field every form has. `unknown-runbook` (and a missing runbook) has no field at all: the
 * result is `{}`, and the caller must say it another way (e.g. on the reason block, or by closing the form).
 */
export function formErrors(
  result:
    | Exclude<PlanRunResult, { kind: 'planned' }>
    | Extract<SubmitRunFormResult, { kind: 'change-refused' }>,
): Record<string, string> {
  const errors = new Map<string, string[]>();
  const add = (blockId: string, message: string) =>
    errors.set(blockId, [...(errors.get(blockId) ?? []), message]);
  switch (result.kind) {
    case 'unknown-runbook':
      break;
    case 'incomplete':
      for (const piece of result.missing) {
        if (piece === 'targets') add(BlockId.accounts, CHOOSE_TARGETS);
        else if (piece !== 'runbook') add(BlockId.parameter(piece.parameter), 'Required.');
      }
      break;
    case 'invalid':
      for (const problem of result.parameterProblems) {
        if (problem.kind === 'missing') add(BlockId.parameter(problem.parameter), 'Required.');
        else if (problem.kind === 'invalid')
          add(BlockId.parameter(problem.parameter), plain(problem.message));
        // unknown or reserved: the form has no such field, so it was out of date or forged.
        else add(BlockId.reason, `${plain(problem.message)} Open the form again.`);
      }
      for (const problem of result.targetProblems) {
        add(TARGET_BLOCK[problem.kind], targetMessage(problem.kind, problem.input, problem.message));
      }
      break;
    case 'change-refused': {
      const { refusal } = result;
      if (refusal.code === 'schedule-not-governed') {
        add(
          BlockId.startAt,
          'Only changes can be scheduled: this run needs no approval. Leave the window empty.',
        );
      } else if (refusal.problem.code === 'in-the-past') {
        add(
          refusal.problem.flag === 'start-at' ? BlockId.startAt : BlockId.endBy,
          'This time has passed: choose a later one.',
        );
      } else {
        add(BlockId.endBy, 'Must be after the start.');
      }
      break;
    }
    case 'denied':
      if (result.denials.length === 0) add(BlockId.accounts, CHOOSE_TARGETS);
      else add(BlockId.accounts, denialMessage(result.runbook.name, result.denials));
      break;
  }
  return Object.fromEntries(
    [...errors].map(([blockId, messages]) => [
      blockId,
      truncate([...new Set(messages)].join(' '), MAX_ERROR_LENGTH),
    ]),
  );
}

/** The core's sentences are written for the command; some read better reworded for a form. */
function targetMessage(kind: TargetProblemKind, input: string, message: string): string {
  if (kind === 'no-accounts' && input === '') return CHOOSE_TARGETS;
  if (kind === 'no-regions') return 'Choose at least one region.';
  // Not capitalized: messages may start with an account name or a region, which are written as they are.
  return plain(message);
}

/** `Policy does not allow X in: a (1) us-east-1, b (2) eu-west-1 (rule deny-prod); c (3) us-east-1 (no rule allows it).` */
function denialMessage(runbook: string, denials: RunDenial[]): string {
  const byRule = new Map<string, string[]>();
  for (const denial of denials) {
    const key = denial.rule === undefined ? 'no rule allows it' : `rule ${denial.rule}`;
    byRule.set(key, [
      ...(byRule.get(key) ?? []),
      `${denial.accountName} (${denial.accountId}) ${denial.region}`,
    ]);
  }
  const groups = [...byRule].map(([rule, places]) => `${places.join(', ')} (${rule})`);
  return `Policy does not allow ${runbook} in: ${groups.join('; ')}.`;
}

/** Error texts are plain text: the core's `code` spans would show their backticks. */
function plain(message: string): string {
  return message.replace(/`([^`]*)`/g, '"$1"');
}
