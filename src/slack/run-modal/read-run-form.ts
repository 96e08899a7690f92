// Reads a submitted run form (view.state.values) back into a run request, and the fields typed wrong.
import type { ViewOutput } from '@slack/bolt';
import type { ChangeTime } from '../../core/approval/change-window.js';
import { parseRateLimit, type RateLimitKind } from '../../core/command/rate-limit-grammar.js';
import type { RateLimit, RunMode, RunTargets } from '../../core/command/ssm-command.js';
import type { RunRequest } from '../../core/run/run-request.js';
import type { FormValue } from '../../core/runbook/parse-form-values.js';
import { ActionId, BlockId } from '../ids.js';
import { ModalLimit } from './modal-limits.js';
import { CHECKED_VALUE } from './parameter-input.js';
import { MORE_OPTIONS_VALUE } from './render-account-options.js';
import { ALL_ACCOUNTS_VALUE, MAX_REASON_LENGTH } from './target-inputs.js';
import {
  isRecord,
  type StateField,
  selectedListOf,
  selectedOf,
  stateField,
  textOf,
} from './view-state-field.js';

/** `view.state.values` of a view_submission: block_id → action_id → what the input holds. */
export type ViewStateValues = ViewOutput['state']['values'];

export interface RunFormSubmission {
  /** Everything but the parameters, which stay `{}`: the caller types them with parseFormValues. */
  request: RunRequest;
  /** One entry per parameter block, by parameter name, for parseFormValues. */
  parameterValues: Record<string, FormValue>;
  /** block_id → what is wrong with it, for `response_action: 'errors'`; empty when nothing is. */
  problems: Record<string, string>;
}

const MODES: readonly RunMode[] = ['multi-account', 'fan-out'];
/** How much of a refused value a field error repeats. */
const MAX_SHOWN = 20;

/**
 * Never throws, whatever the payload holds: missing or unknown blocks and values of the wrong type read as
 * empty, values longer than the inputs allow are reported on their block. Names typed into the accounts
 * select are not checked here; planRun resolves them like the command's.
 */
export function readRunForm(stateValues: ViewStateValues, runbookName: string): RunFormSubmission {
  const values: unknown = stateValues;
  const problems = new Map<string, string>();
  const field = (blockId: string, actionId: string) => stateField(values, blockId, actionId);

  const concurrency = rateLimit(
    field(BlockId.concurrency, ActionId.concurrency),
    'concurrency',
    BlockId.concurrency,
    problems,
  );
  const maxErrors = rateLimit(
    field(BlockId.maxErrors, ActionId.maxErrors),
    'max-errors',
    BlockId.maxErrors,
    problems,
  );
  const mode = selectedOf(field(BlockId.mode, ActionId.selectMode));
  if (mode !== undefined && !MODES.includes(mode as RunMode)) {
    problems.set(BlockId.mode, 'Choose multi-account or fan-out.');
  }
  const reason = textOf(field(BlockId.reason, ActionId.reason))?.trim();
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    problems.set(
      BlockId.reason,
      `The reason can be at most ${MAX_REASON_LENGTH} characters (it has ${reason.length}).`,
    );
  }

  const startAt = pickedTime(field(BlockId.startAt, ActionId.startAt));
  const endBy = pickedTime(field(BlockId.endBy, ActionId.endBy));
  const window = startAt || endBy ? { ...(startAt && { startAt }), ...(endBy && { endBy }) } : undefined;

  const request: RunRequest = {
    runbook: runbookName,
    parameters: {},
    targets: readTargets(field),
    ...(mode !== undefined && MODES.includes(mode as RunMode) && { mode: mode as RunMode }),
    ...(concurrency && { concurrency }),
    ...(maxErrors && { maxErrors }),
    ...(reason !== undefined && reason.length <= MAX_REASON_LENGTH && { reason }),
    ...(selectedListOf(field(BlockId.emergency, ActionId.emergency))?.includes('emergency') && {
      emergency: true,
    }),
    ...(window && { window }),
  };
  return {
    request,
    parameterValues: readParameters(values, problems),
    problems: Object.fromEntries(problems),
  };
}

function readTargets(field: (blockId: string, actionId: string) => StateField | undefined): RunTargets {
  const accounts = (selectedListOf(field(BlockId.accounts, ActionId.selectAccounts)) ?? []).filter(
    (value) => value !== MORE_OPTIONS_VALUE,
  );
  return {
    accounts: accounts.includes(ALL_ACCOUNTS_VALUE) ? 'all' : accounts,
    organizationalUnits:
      selectedListOf(field(BlockId.organizationalUnits, ActionId.selectOrganizationalUnits)) ?? [],
    excludeAccounts: [],
    regions: selectedListOf(field(BlockId.regions, ActionId.selectRegions)) ?? [],
  };
}

/** A datetimepicker's unix seconds as a fixed time; anything else (empty, forged) reads as nothing. */
function pickedTime(field: StateField | undefined): ChangeTime | undefined {
  const seconds = field?.selected_date_time;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0) return undefined;
  const iso = new Date(seconds * 1000).toISOString();
  return { kind: 'at', iso, text: iso };
}

/** By the command's grammar; an empty field means the default. */
function rateLimit(
  field: StateField | undefined,
  kind: RateLimitKind,
  blockId: string,
  problems: Map<string, string>,
): RateLimit | undefined {
  const text = textOf(field)?.trim();
  if (!text) return undefined;
  const parsed = parseRateLimit(text, kind);
  if (parsed.ok) return parsed.limit;
  // A hostile payload can hold far more than the input allows; the message shows only its start.
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  problems.set(blockId, `"${shown}" ${parsed.problem}.`);
  return undefined;
}

/** Every `param:<name>` block, read by the kind of element Slack says it was. */
function readParameters(values: unknown, problems: Map<string, string>): Record<string, FormValue> {
  if (!isRecord(values)) return {};
  const read: Array<[string, FormValue]> = [];
  for (const blockId of Object.keys(values)) {
    const name = BlockId.parameterName(blockId);
    if (!name) continue;
    const field = stateField(values, blockId, ActionId.parameter);
    const value = parameterValue(field);
    if (typeof value === 'string' && value.length > ModalLimit.textInput) {
      problems.set(
        blockId,
        `This can be at most ${ModalLimit.textInput} characters (it has ${value.length}).`,
      );
      continue;
    }
    read.push([name, value]);
  }
  // fromEntries defines own properties: a parameter named `__proto__` cannot reach the prototype.
  return Object.fromEntries(read);
}

function parameterValue(field: StateField | undefined): FormValue {
  if (!field) return undefined;
  if (field.type === 'checkboxes') return (selectedListOf(field) ?? []).includes(CHECKED_VALUE);
  const list = selectedListOf(field);
  if (list !== undefined) return list.length > 0 ? list : undefined;
  if (isRecord(field.selected_option)) return selectedOf(field);
  return textOf(field);
}
