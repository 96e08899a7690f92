// EventBridge events from SSM Automation (execution and step status changes) → typed values; never throws.
import type { AutomationStatus } from '../run/run.js';
import { parseAutomationTime } from './parse-automation-time.js';

export const EXECUTION_STATUS_CHANGE = 'EC2 Automation Execution Status-change Notification';
export const STEP_STATUS_CHANGE = 'EC2 Automation Step Status-change Notification';
export const AUTOMATION_EVENT_SOURCE = 'aws.ssm';

/** What both Automation events say: where, when, which execution of which runbook, and the new status. */
interface AutomationEventFacts {
  /** The EventBridge event id: the same id on a redelivery, so it names the delivery for deduplication. */
  eventId: string;
  /** The account and region the execution runs in (the envelope's, also after cross-account forwarding). */
  accountId: string;
  region: string;
  /** When EventBridge saw the change, ISO 8601. */
  time: string;
  executionId: string;
  status: AutomationStatus;
  /** The runbook's name (an ARN for a runbook shared from another account). */
  definition: string;
  startTime?: string;
  endTime?: string;
}

export interface ExecutionStatusEvent extends AutomationEventFacts {
  kind: 'execution';
  /** Set on the children of a multi-account or rate-controlled execution. */
  parentExecutionId?: string;
  /** The IAM ARN that started the execution. */
  executedBy?: string;
}

export interface StepStatusEvent extends AutomationEventFacts {
  kind: 'step';
  stepName: string;
  /** The step's action, e.g. `aws:executeScript`. */
  action: string;
}

export interface IgnoredEvent {
  kind: 'ignored';
  /** Why, for a debug log line; never echoes more than a short, sanitised excerpt of the input. */
  reason: string;
}

export type AutomationStatusEvent = ExecutionStatusEvent | StepStatusEvent | IgnoredEvent;

const AUTOMATION_STATUSES: ReadonlySet<string> = new Set<AutomationStatus>([
  'Pending',
  'InProgress',
  'Waiting',
  'Success',
  'TimedOut',
  'Cancelling',
  'Cancelled',
  'Failed',
  'PendingApproval',
  'Approved',
  'Rejected',
  'Scheduled',
  'RunbookInProgress',
  'PendingChangeCalendarOverride',
  'ChangeCalendarOverrideApproved',
  'ChangeCalendarOverrideRejected',
  'CompletedWithSuccess',
  'CompletedWithFailure',
  'Exited',
]);

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** SSM's AutomationExecutionId: a UUID (fixed length 36). */
const EXECUTION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EVENT_ID = /^[\w-]{1,128}$/;
/** Runbook names (`[a-zA-Z0-9_\-.]{3,128}`) or the ARN of a shared runbook. */
const DEFINITION = /^[\w\-.:/]{3,1024}$/;
const ACTION = /^aws:[A-Za-z]{1,64}$/;
/** Control characters (C0, DEL, C1): never part of a name, often part of an attack on logs. */
const CONTROL = /\p{Cc}/u;

const ignored = (reason: string): IgnoredEvent => ({ kind: 'ignored', reason });

/**
 * Reads one event as EventBridge delivers it (the full envelope: version, id, detail-type, source, account,
 * time, region, resources, detail). Anything that is not a well-formed Automation status change, including
 * hostile input, is `ignored` with a reason: the input is untrusted and this function never throws.
 */
export function parseAutomationStatusEvent(input: unknown): AutomationStatusEvent {
  try {
    return parse(input);
  } catch {
    // Only exotic objects (throwing getters, revoked proxies) get here; JSON.parse output never does.
    return ignored('unreadable event');
  }
}

function parse(input: unknown): AutomationStatusEvent {
  if (!isRecord(input)) return ignored('not a JSON object');
  const detailType = own(input, 'detail-type');
  if (own(input, 'source') !== AUTOMATION_EVENT_SOURCE)
    return ignored(`source is not ${AUTOMATION_EVENT_SOURCE}`);
  if (detailType !== EXECUTION_STATUS_CHANGE && detailType !== STEP_STATUS_CHANGE) {
    return ignored(`detail-type ${excerpt(detailType)} is not an Automation status change`);
  }
  if (own(input, 'version') !== '0') return ignored('envelope version is not "0"');

  const eventId = own(input, 'id');
  const accountId = own(input, 'account');
  const region = own(input, 'region');
  const time = own(input, 'time');
  const detail = own(input, 'detail');
  if (!matches(eventId, EVENT_ID)) return ignored('id is missing or malformed');
  if (!matches(accountId, ACCOUNT_ID)) return ignored('account is not a 12-digit account id');
  if (!matches(region, REGION)) return ignored('region is not a region name');
  const isoTime = typeof time === 'string' ? parseAutomationTime(time) : undefined;
  if (!isoTime) return ignored('time is not a timestamp');
  if (!isRecord(detail)) return ignored('detail is not an object');

  const executionId = own(detail, 'ExecutionId');
  const definition = own(detail, 'Definition');
  const status = own(detail, 'Status');
  if (!matches(executionId, EXECUTION_ID)) return ignored('detail.ExecutionId is not an execution id');
  if (!matches(definition, DEFINITION)) return ignored('detail.Definition is not a runbook name');
  if (typeof status !== 'string' || !AUTOMATION_STATUSES.has(status)) {
    return ignored(`detail.Status ${excerpt(status)} is not an Automation status`);
  }

  const facts: AutomationEventFacts = {
    eventId,
    accountId,
    region,
    time: isoTime,
    executionId,
    status: status as AutomationStatus,
    definition,
    ...optional('startTime', timeOf(own(detail, 'StartTime'))),
    ...optional('endTime', timeOf(own(detail, 'EndTime'))),
  };

  if (detailType === EXECUTION_STATUS_CHANGE) {
    const parent = own(detail, 'ParentExecutionId');
    const executedBy = own(detail, 'ExecutedBy');
    return {
      kind: 'execution',
      ...facts,
      ...optional('parentExecutionId', matches(parent, EXECUTION_ID) ? parent : undefined),
      ...optional('executedBy', isText(executedBy, 2048) ? executedBy : undefined),
    };
  }

  const stepName = own(detail, 'StepName');
  const action = own(detail, 'Action');
  if (!isText(stepName, 256)) return ignored('detail.StepName is missing or malformed');
  if (!matches(action, ACTION)) return ignored('detail.Action is not an Automation action');
  return { kind: 'step', ...facts, stepName, action };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own properties only: `__proto__` or `constructor` in the input never reach the prototype chain. */
const own = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const matches = (value: unknown, pattern: RegExp): value is string =>
  typeof value === 'string' && pattern.test(value);

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max && !CONTROL.test(value);

const timeOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 64 ? parseAutomationTime(value) : undefined;

/** `{ [key]: value }` when value is defined, so optional fields are absent rather than undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A short, printable rendering of an unexpected value for a reason text. */
function excerpt(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? '(missing)' : `(${typeof value})`;
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}…` : clean);
}
