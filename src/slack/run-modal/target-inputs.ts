// The run form's inputs after the parameters: where the run goes (accounts, OUs, regions) and how (mode, limits, reason).
import type { InputBlock, KnownBlock, MultiExternalSelect, PlainTextOption } from '@slack/types';
import type { AskedWindow, ChangeTime } from '../../core/approval/change-window.js';
import { formatRateLimit, RATE_LIMIT_BOUNDS } from '../../core/command/rate-limit-grammar.js';
import type { RateLimit, RunMode, RunTargets } from '../../core/command/ssm-command.js';
import type { OrganizationalUnit } from '../../core/organization/organization.js';
import { ActionId, BlockId } from '../ids.js';
import { BlockKitLimit } from '../render/block-kit-limits.js';
import { contextBlock } from '../render/blocks.js';
import { ModalLimit } from './modal-limits.js';
import { fitsOptionValue, plainText, plainTextOption } from './plain-text-option.js';
import { accountOption } from './render-account-options.js';

/** The accounts select's value for `--accounts all`: every active member account. */
export const ALL_ACCOUNTS_VALUE = 'all';
/** The longest reason the command accepts (`--reason`). */
export const MAX_REASON_LENGTH = 500;

export interface TargetChoices {
  organizationalUnits: OrganizationalUnit[];
  enabledRegions: string[];
  /** What the form shows when the command said nothing. */
  defaults: { regions: string[]; mode: RunMode; concurrency: RateLimit; maxErrors: RateLimit };
  /** What the command said: its targets, with the accounts it named already looked up. */
  prefill?: {
    targets: RunTargets;
    accounts: Array<{ id: string; name: string }>;
    mode?: RunMode;
    concurrency?: RateLimit;
    maxErrors?: RateLimit;
    reason?: string;
    emergency?: boolean;
    window?: AskedWindow;
  };
}

const MODE_OPTIONS: Record<RunMode, PlainTextOption> = {
  'multi-account': plainTextOption(
    'Multi-account',
    'multi-account',
    'One execution in the operations account reaches every target',
  ),
  'fan-out': plainTextOption('Fan-out', 'fan-out', 'The bot starts one execution in each account and region'),
};

/** Accounts, OUs and regions. An OU or region select with nothing to offer is left out (Slack refuses it). */
export function targetInputs(choices: TargetChoices): KnownBlock[] {
  return [accountsInput(choices), ...organizationalUnitsInput(choices), ...regionsInput(choices)];
}

/** Mode, concurrency, max errors, reason, the window of a scheduled change and the emergency flag. */
export function settingInputs(choices: TargetChoices): InputBlock[] {
  const { defaults, prefill } = choices;
  const mode = prefill?.mode ?? defaults.mode;
  return [
    {
      type: 'input',
      block_id: BlockId.mode,
      label: plainText('Mode', ModalLimit.inputLabel),
      element: {
        type: 'static_select',
        action_id: ActionId.selectMode,
        options: Object.values(MODE_OPTIONS),
        initial_option: MODE_OPTIONS[mode],
      },
    },
    rateLimitInput(
      BlockId.concurrency,
      ActionId.concurrency,
      'Concurrency',
      prefill?.concurrency ?? defaults.concurrency,
      'How many targets run at once: a number such as 10 or a percentage such as 25%.',
    ),
    rateLimitInput(
      BlockId.maxErrors,
      ActionId.maxErrors,
      'Max errors',
      prefill?.maxErrors ?? defaults.maxErrors,
      'How many targets may fail before the rest are not started: a number such as 1 or a percentage such as 10%.',
    ),
    {
      type: 'input',
      block_id: BlockId.reason,
      label: plainText('Reason', ModalLimit.inputLabel),
      optional: true,
      element: {
        type: 'plain_text_input',
        action_id: ActionId.reason,
        multiline: true,
        max_length: MAX_REASON_LENGTH,
        placeholder: plainText('Why this run? Approvers and the audit log see it.', ModalLimit.placeholder),
        ...(prefill?.reason ? { initial_value: prefill.reason.slice(0, MAX_REASON_LENGTH) } : {}),
      },
    },
    windowInput(
      BlockId.startAt,
      ActionId.startAt,
      'Start at (scheduled change)',
      'Not before then. Empty: as soon as it is approved.',
      prefill?.window?.startAt,
    ),
    windowInput(
      BlockId.endBy,
      ActionId.endBy,
      'Must start by',
      'Not started by then, the change expires.',
      prefill?.window?.endBy,
    ),
    {
      type: 'input',
      block_id: BlockId.emergency,
      label: plainText('Emergency', ModalLimit.inputLabel),
      optional: true,
      element: {
        type: 'checkboxes',
        action_id: ActionId.emergency,
        options: [EMERGENCY_OPTION],
        ...(prefill?.emergency ? { initial_options: [EMERGENCY_OPTION] } : {}),
      },
    },
  ];
}

/**
 * An optional datetimepicker (Slack sends unix seconds, picked in the reader's time zone). Only a time the
 * command gave as ISO is carried over: `in 2h` has no fixed instant until the run is asked for.
 */
function windowInput(
  blockId: string,
  actionId: string,
  label: string,
  hint: string,
  prefill: ChangeTime | undefined,
): InputBlock {
  const initial = prefill?.kind === 'at' ? Math.floor(Date.parse(prefill.iso) / 1000) : undefined;
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, ModalLimit.inputLabel),
    hint: plainText(hint, ModalLimit.inputHint),
    optional: true,
    element: {
      type: 'datetimepicker',
      action_id: actionId,
      ...(initial !== undefined && { initial_date_time: initial }),
    },
  };
}

/** Only for runs a change template governs, and only for those its `emergency` names. */
const EMERGENCY_OPTION = plainTextOption(
  'Raise as an emergency change',
  'emergency',
  'May start while a change calendar is CLOSED; flagged in the audit trail',
);

function accountsInput({ prefill }: TargetChoices): InputBlock {
  const all = prefill?.targets.accounts === 'all';
  const initial = all
    ? [plainTextOption('All accounts', ALL_ACCOUNTS_VALUE)]
    : distinctById(prefill?.accounts ?? []).map(accountOption);
  // Slack does not check an external select's initial options against what its search returns.
  const element: MultiExternalSelect = {
    type: 'multi_external_select',
    action_id: ActionId.selectAccounts,
    min_query_length: 0,
    placeholder: plainText('Search accounts', ModalLimit.placeholder),
    ...(initial.length > 0 ? { initial_options: initial.slice(0, BlockKitLimit.options) } : {}),
  };
  return {
    type: 'input',
    block_id: BlockId.accounts,
    label: plainText('Accounts', ModalLimit.inputLabel),
    hint: plainText('Type a name or id. Choose accounts, OUs, or both.', ModalLimit.inputHint),
    optional: true,
    element,
  };
}

function organizationalUnitsInput({ organizationalUnits, prefill }: TargetChoices): KnownBlock[] {
  const units = organizationalUnits
    .filter((unit) => fitsOptionValue(unit.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  if (units.length === 0) return [];
  const shown = units.slice(0, BlockKitLimit.options);
  const options = shown.map((unit) => plainTextOption(`${unit.name} (${unit.id})`, unit.id));
  const wanted = new Set(prefill?.targets.organizationalUnits.map((id) => id.toLowerCase()) ?? []);
  const initial = options.filter((option) => option.value !== undefined && wanted.has(option.value));
  const hidden = units.length - shown.length;
  const hint =
    'Every active account in the OU and in the OUs below it.' +
    (hidden > 0
      ? ` ${hidden === 1 ? '1 more OU is' : `${hidden} more OUs are`} not listed; name them with /ssm run … --ou.`
      : '');
  return [
    {
      type: 'input',
      block_id: BlockId.organizationalUnits,
      label: plainText('Organizational units', ModalLimit.inputLabel),
      hint: plainText(hint, ModalLimit.inputHint),
      optional: true,
      element: {
        type: 'multi_static_select',
        action_id: ActionId.selectOrganizationalUnits,
        placeholder: plainText('Choose OUs', ModalLimit.placeholder),
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
  ];
}

function regionsInput({ enabledRegions, defaults, prefill }: TargetChoices): KnownBlock[] {
  const regions = [...new Set(enabledRegions)].filter(fitsOptionValue).sort().slice(0, BlockKitLimit.options);
  if (regions.length === 0) {
    return [contextBlock(':warning: No regions are enabled for runs: ask an operator to enable one.')];
  }
  const options = regions.map((region) => plainTextOption(region, region));
  const asked = prefill?.targets.regions.length ? prefill.targets.regions : defaults.regions;
  const initial = options.filter((option) => option.value !== undefined && asked.includes(option.value));
  return [
    {
      type: 'input',
      block_id: BlockId.regions,
      label: plainText('Regions', ModalLimit.inputLabel),
      element: {
        type: 'multi_static_select',
        action_id: ActionId.selectRegions,
        placeholder: plainText('Choose regions', ModalLimit.placeholder),
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
  ];
}

function rateLimitInput(
  blockId: string,
  actionId: string,
  label: string,
  initial: RateLimit,
  hint: string,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, ModalLimit.inputLabel),
    hint: plainText(hint, ModalLimit.inputHint),
    element: {
      type: 'plain_text_input',
      action_id: actionId,
      // The longest value SSM takes, with room for stray spaces (the grammar allows them).
      max_length: RATE_LIMIT_BOUNDS.maxLength + 3,
      initial_value: formatRateLimit(initial),
    },
  };
}

function distinctById<T extends { id: string }>(entries: T[]): T[] {
  return [...new Map(entries.map((entry) => [entry.id, entry])).values()];
}
