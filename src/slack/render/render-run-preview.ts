// What a run would do, before it starts: the dry-run reply, and the body of the confirmation modal.
import type { KnownBlock } from '@slack/types';
import { formatRateLimit } from '../../core/command/rate-limit-grammar.js';
import { targetKey } from '../../core/organization/organization.js';
import type { RunPlan } from '../../core/run/run-plan.js';
import {
  type PlanReadiness,
  type ReadinessSummary,
  summarizeReadiness,
} from '../../core/run/target-readiness.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, fieldsBlock, headerBlock, sectionBlock } from './blocks.js';
import { accountLabel } from './child-line.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { oneLineDescription } from './one-line-description.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { readinessLegend, readinessMark, readinessText, refusedCount } from './render-readiness.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** `dry-run`: the reply to `--dry-run`, nothing will start. `confirm`: shown before the run starts. */
export type PreviewIntent = 'dry-run' | 'confirm';

interface Surface {
  /** A header block (messages); a modal has its title instead. */
  header: boolean;
  maxBlocks: number;
  /** Accounts listed before "…and N more accounts". */
  shownAccounts: number;
  /** How a reason is given here: the command's flag, or the form's field. */
  addReason: string;
  /** Whether the preview ends with what has (not) started; the confirmation modal says it in its own footer. */
  footnote: boolean;
}

const MESSAGE: Surface = {
  header: true,
  maxBlocks: BlockKitLimit.messageBlocks,
  shownAccounts: 20,
  addReason: `Add ${inlineCode('--reason "…"')}`,
  footnote: true,
};
const MODAL: Surface = {
  header: false,
  maxBlocks: BlockKitLimit.viewBlocks,
  shownAccounts: 50,
  addReason: 'Go *Back* and fill in *Reason*',
  footnote: false,
};

const DESCRIPTION_LENGTH = 300;
const SHOWN_PARAMETERS = 20;
const SHOWN_VALUES = 10;
const VALUE_LENGTH = 100;
const SHOWN_SKIPPED = 10;
/** What each part may take of the message's text budget, so the account list keeps at least half of it. */
const PARAMETERS_LENGTH = 2000;
const SKIPPED_LENGTH = 1000;
const APPROVAL_LENGTH = 500;
const REASON_LENGTH = 1000;
const READINESS_LENGTH = 2000;

const MODE_EXPLAINED: Record<RunPlan['mode'], string> = {
  'multi-account':
    '*Multi-account*: one execution from the operations account with TargetLocations; SSM starts a child ' +
    'execution in each account and region.',
  'fan-out': '*Fan-out*: the bot starts one execution per account and region.',
};

/**
 * The plan as a chat message: `Dry run: <runbook>` (or `Ready to run: <runbook>`) and everything it would do;
 * with `readiness`, which targets would be refused at start (✗ and why) and which were not checked.
 */
export function renderRunPreview(
  plan: RunPlan,
  intent: PreviewIntent = 'dry-run',
  readiness?: PlanReadiness,
): SlackMessage {
  const title = `${intent === 'dry-run' ? 'Dry run' : 'Ready to run'}: ${plan.runbook.name}`;
  const refused = readiness && refusedCount(summarizeReadiness(plan.targets, readiness));
  return slackMessage(
    `${escapeMrkdwn(title)} in ${executionCount(plan)}${refused ? `; ${refused}` : ''}`,
    previewBlocks(plan, intent, MESSAGE, { readiness }),
  );
}

/** The plan as the body of the confirmation modal (the view's title and submit button frame it). */
export function renderRunPreviewView(plan: RunPlan, readiness?: PlanReadiness): KnownBlock[] {
  return previewBlocks(plan, 'confirm', MODAL, { readiness });
}

/**
 * The plan's own blocks (runbook, figures, parameters, where, skipped, reason) for a message that frames them
 * itself, such as a change request: `reserved` blocks and characters are left for the caller's frame.
 */
export function renderPlanBlocks(plan: RunPlan, reserved: { blocks: number; chars: number }): KnownBlock[] {
  // Without the approval line and the footnote: the frame says both in its own words.
  return previewBlocks(
    plan,
    'confirm',
    { ...MESSAGE, header: false, maxBlocks: MESSAGE.maxBlocks - reserved.blocks },
    { reservedChars: reserved.chars, framed: true },
  );
}

function previewBlocks(
  plan: RunPlan,
  intent: PreviewIntent,
  surface: Surface,
  {
    reservedChars = 0,
    framed = false,
    readiness,
  }: { reservedChars?: number; framed?: boolean; readiness?: PlanReadiness } = {},
): KnownBlock[] {
  const summary = readiness && summarizeReadiness(plan.targets, readiness);
  const refused = summary && refusedCount(summary);
  const before: KnownBlock[] = [];
  if (surface.header) {
    before.push(
      headerBlock(
        `${intent === 'dry-run' ? 'Dry run' : 'Ready to run'}: ${plan.runbook.name}${refused ? ` (${refused})` : ''}`,
      ),
    );
  }
  const description = plan.runbook.description
    ? oneLineDescription(plan.runbook.description, DESCRIPTION_LENGTH)
    : '';
  before.push(
    sectionBlock(
      `${inlineCode(plan.runbook.name)}${plan.runbook.version ? ` (version ${escapeMrkdwn(plan.runbook.version)})` : ''}` +
        `${description ? `: ${escapeMrkdwn(description)}` : ''}`,
    ),
    fieldsBlock([
      `*Executions*\n${executionCount(plan)}`,
      `*Mode*\n${plan.mode === 'multi-account' ? 'Multi-account' : 'Fan-out'}`,
      `*Concurrency*\n${formatRateLimit(plan.concurrency)}`,
      `*Max errors*\n${formatRateLimit(plan.maxErrors)}`,
    ]),
    sectionBlock(MODE_EXPLAINED[plan.mode]),
  );
  // Right under the figures: a target that would be refused matters more than the parameters.
  if (readiness && summary) {
    before.push(sectionBlock(readinessText(readiness, summary, plan.accounts, READINESS_LENGTH)));
  }
  before.push(sectionBlock(truncate(`*Parameters*\n${parameterLines(plan.parameters)}`, PARAMETERS_LENGTH)));
  const after: KnownBlock[] = [];
  if (plan.skipped.length > 0) after.push(sectionBlock(truncate(skippedText(plan.skipped), SKIPPED_LENGTH)));
  if (!framed) after.push(sectionBlock(truncate(approvalText(plan.policy), APPROVAL_LENGTH)));
  after.push(
    sectionBlock(
      plan.reason
        ? `*Reason*\n${escapeMrkdwn(truncate(plan.reason, REASON_LENGTH))}`
        : `*Reason*\n_None given._ ${surface.addReason} so approvers and the audit trail know why.`,
    ),
  );
  if (!framed && surface.footnote)
    after.push(
      contextBlock(
        intent === 'dry-run'
          ? `Dry run: nothing was started. Run the same command without ${inlineCode('--dry-run')} to start it.`
          : 'Nothing has started yet.',
      ),
    );
  const fixed = [...before, ...after];
  const { blocks: matrix } = packLines(matrixLines(plan, readiness, summary), {
    maxBlocks: surface.maxBlocks - fixed.length,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed) - reservedChars,
    maxLines: surface.shownAccounts,
    more: (hidden) => `…and ${plural(hidden, 'more account')}`,
  });
  return [...before, ...matrix, ...after];
}

/** `6 executions (3 accounts × 2 regions)`, and how many pairs of the product are not run, if any. */
function executionCount(plan: RunPlan): string {
  const product = plan.accounts.length * plan.regions.length;
  const missing = product - plan.targets.length;
  return (
    `${plural(plan.targets.length, 'execution')} ` +
    `(${plural(plan.accounts.length, 'account')} × ${plural(plan.regions.length, 'region')}` +
    `${missing > 0 ? `, ${plural(missing, 'account-region pair')} not enabled` : ''})`
  );
}

/**
 * `*Where*` then one line per account: `• *payments-prod* (333333333301): ap-northeast-1 ✓ us-east-1 ✗`
 * (✗ would be refused at start, ? not checked, – not planned there).
 */
function matrixLines(plan: RunPlan, readiness?: PlanReadiness, summary?: ReadinessSummary): string[] {
  const targeted = new Set(plan.targets.map(targetKey));
  const lines = plan.accounts.map((account) => {
    const regions = plan.regions.map((region) => {
      const target = { accountId: account.id, region };
      return `${escapeMrkdwn(region)} ${targeted.has(targetKey(target)) ? readinessMark(readiness, target) : '–'}`;
    });
    return `• ${accountLabel(account)}: ${regions.join('  ')}`;
  });
  if (lines.length === 0) return ['*Where*\n_No accounts._'];
  const legend = [
    ...readinessLegend(summary),
    ...(plan.targets.length < plan.accounts.length * plan.regions.length ? ['– not enabled there'] : []),
  ];
  return [`*Where*${legend.length > 0 ? ` (${legend.join(', ')})` : ''}\n${lines[0]}`, ...lines.slice(1)];
}

function parameterLines(parameters: Record<string, string[]>): string {
  const names = Object.keys(parameters);
  if (names.length === 0) return '_None._';
  const lines = names.slice(0, SHOWN_PARAMETERS).map((name) => {
    const values = parameters[name] ?? [];
    const shown = values.slice(0, SHOWN_VALUES).map((value) => inlineCode(truncate(value, VALUE_LENGTH)));
    const more = values.length > SHOWN_VALUES ? ` …and ${values.length - SHOWN_VALUES} more` : '';
    return `• ${inlineCode(name)} = ${values.length === 0 ? '_empty_' : shown.join(', ')}${more}`;
  });
  if (names.length > SHOWN_PARAMETERS)
    lines.push(`…and ${plural(names.length - SHOWN_PARAMETERS, 'more parameter')}`);
  return lines.join('\n');
}

function skippedText(skipped: RunPlan['skipped']): string {
  const lines = skipped
    .slice(0, SHOWN_SKIPPED)
    .map((entry) => `• ${accountLabel(entry.account)}: ${escapeMrkdwn(entry.reason)}`);
  if (skipped.length > SHOWN_SKIPPED) lines.push(`…and ${skipped.length - SHOWN_SKIPPED} more`);
  return `:fast_forward: *Skipped ${plural(skipped.length, 'account')}* (they cannot run)\n${lines.join('\n')}`;
}

function approvalText(policy: RunPlan['policy']): string {
  const codes = (names: string[]) => names.map(inlineCode).join(', ');
  if (policy.approvalTemplates.length > 0) {
    const templates = policy.approvalTemplates.length === 1 ? 'template' : 'templates';
    return `:lock: *Needs approval*: ${templates} ${codes(policy.approvalTemplates)}`;
  }
  if (policy.rules.length === 0) return ':unlock: *No approval needed*';
  const rules = policy.rules.length === 1 ? 'rule' : 'rules';
  return `:unlock: *No approval needed* (${rules} ${codes(policy.rules)})`;
}
