// One thread reply per child execution (an account in a region): where, how it went, and why it failed.
import type { KnownBlock } from '@slack/types';
import { type ErrorThresholdStop, wasStopped } from '../../core/run/error-threshold-stop.js';
import { childPhase } from '../../core/run/roll-up-run.js';
import { type AutomationStatus, type ChildExecution, NOT_STARTED } from '../../core/run/run.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, sectionBlock } from './blocks.js';
import { accountLabel, describeErrorThresholdStop, executionLink, plainAccountLabel } from './child-line.js';
import { codeBlock, escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { durationBetween, formatDuration } from './format-duration.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { childStatusLabel, PHASE_EMOJI } from './run-status-cue.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** One step of the child's execution, as the worker reads it from GetAutomationExecution. */
export interface ChildStep {
  name: string;
  /** `aws:changeInstanceState` */
  action: string;
  status: AutomationStatus;
  durationMs?: number;
  outputs?: Record<string, string[]>;
  failureMessage?: string;
}

export interface ChildReply {
  child: ChildExecution;
  /** When known, the steps render as a compact list under the result; default: the child's own steps. */
  steps?: ChildStep[];
  /** Given for a skipped or cancelled child when the run's error threshold stopped it: says which failure. */
  stop?: ErrorThresholdStop;
}

/** The steps a child carries (as the worker read them) in the shape the reply lists them. */
export function stepsOf(child: ChildExecution): ChildStep[] | undefined {
  return child.steps?.map((step) => ({
    name: step.name,
    action: step.action,
    status: step.status,
    durationMs: durationBetween(step.startedAt, step.endedAt),
    outputs: step.outputs,
    failureMessage: step.failureMessage,
  }));
}

const SHOWN_STEPS = 30;
const SHOWN_OUTPUTS = 5;
const SHOWN_OUTPUT_VALUES = 5;
const OUTPUT_VALUE_LENGTH = 100;
const STEP_FAILURE_LENGTH = 500;

/**
 * `:x: *payments-prod* (333333333301) · `ap-northeast-1` · *Failed*`, the execution's console link and
 * duration, the failure in a code block, the steps when given, and a note on who can open the link.
 */
export function renderChildReply(reply: ChildReply): SlackMessage {
  const { child } = reply;
  const account = accountLabel({ id: child.accountId, name: child.accountName });
  const status = childStatusLabel(child.status);
  const duration = durationBetween(child.startedAt, child.endedAt);
  const details = [
    child.executionId ? `Execution ${executionLink(child.executionId, child.region)}` : 'Not started in AWS',
    duration === undefined ? '' : `took ${formatDuration(duration)}`,
    // While it runs only the current step is known; the whole list of steps comes when it ends.
    child.currentStep && childPhase(child.status) === 'running'
      ? `now at ${inlineCode(child.currentStep)}`
      : '',
    reply.stop && wasStopped(child) ? capitalised(describeErrorThresholdStop(reply.stop)) : '',
  ].filter((part) => part !== '');
  const before: KnownBlock[] = [
    sectionBlock(
      `${PHASE_EMOJI[childPhase(child.status)]} ${account} · ${inlineCode(child.region)} · *${status}*\n` +
        details.join(' · '),
    ),
  ];
  const listed = reply.steps ?? stepsOf(child);
  const failedStep = listed?.find((step) => childPhase(step.status) === 'failed');
  const failureMessage = failedStep?.failureMessage ?? child.failure?.message;
  if (failureMessage) {
    before.push(sectionBlock(`*${failureHeading(child, failedStep)}*\n${codeBlock(failureMessage)}`));
  }
  const after: KnownBlock[] = child.executionId
    ? [
        contextBlock(
          `The link opens the execution only when you are signed in to account ${escapeMrkdwn(child.accountId)}.`,
        ),
      ]
    : [];
  const fixed = [...before, ...after];
  // The failure block above has the message: its step's line does not repeat it.
  const lines = listed?.map((step) =>
    stepLine(
      step === failedStep || step.failureMessage === failureMessage
        ? { ...step, failureMessage: undefined }
        : step,
    ),
  );
  const steps = lines?.length
    ? packLines(
        lines.map((line, index) => (index === 0 ? `*Steps*\n${line}` : line)),
        {
          maxBlocks: BlockKitLimit.messageBlocks - fixed.length,
          maxChars: BlockKitLimit.messageText - blocksTextLength(fixed),
          maxLines: SHOWN_STEPS,
          more: (hidden) => `…and ${plural(hidden, 'more step')}`,
        },
      ).blocks
    : [];
  return slackMessage(
    `${escapeMrkdwn(plainAccountLabel({ id: child.accountId, name: child.accountName }))} ${escapeMrkdwn(child.region)}: ${status}`,
    [...before, ...steps, ...after],
  );
}

/**
 * What failed, in words: the failed step, else the reason. A multi-account location's failure is named after
 * the location (`333333333302-us-east-1`), which the reply's first line already says better.
 */
function failureHeading(child: ChildExecution, failedStep: ChildStep | undefined): string {
  if (failedStep) return `Failed at step ${inlineCode(failedStep.name)}`;
  const reason = child.failure?.reason;
  if (!reason || reason === `${child.accountId}-${child.region}`) return childStatusLabel(child.status);
  if (reason === NOT_STARTED) return 'Did not start in this account and region';
  return escapeMrkdwn(reason);
}

/** `:white_check_mark: `stopInstances` aws:changeInstanceState · Success · 12s`, outputs and failure below. */
function stepLine(step: ChildStep): string {
  const head = [
    `${PHASE_EMOJI[childPhase(step.status)]} ${inlineCode(step.name)} ${escapeMrkdwn(step.action)}`,
    childStatusLabel(step.status),
    ...(step.durationMs === undefined ? [] : [formatDuration(step.durationMs)]),
  ].join(' · ');
  const rows = [head];
  const outputs = Object.entries(step.outputs ?? {});
  for (const [name, values] of outputs.slice(0, SHOWN_OUTPUTS)) {
    const shown = values
      .slice(0, SHOWN_OUTPUT_VALUES)
      .map((value) => inlineCode(truncate(value, OUTPUT_VALUE_LENGTH)));
    const more =
      values.length > SHOWN_OUTPUT_VALUES ? ` …and ${values.length - SHOWN_OUTPUT_VALUES} more` : '';
    rows.push(`${escapeMrkdwn(name)}: ${shown.join(', ') || '_empty_'}${more}`);
  }
  if (outputs.length > SHOWN_OUTPUTS)
    rows.push(`…and ${plural(outputs.length - SHOWN_OUTPUTS, 'more output')}`);
  if (step.failureMessage) {
    const failure = truncate(step.failureMessage.replace(/\s+/g, ' ').trim(), STEP_FAILURE_LENGTH);
    rows.push(`:warning: ${escapeMrkdwn(failure)}`);
  }
  return rows.join('\n      ');
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
