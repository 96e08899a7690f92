// EventBridge rule operations: PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule
// and TestEventPattern.
import { AwsServiceError, validationError } from '../aws-error.js';
import type { CallContext, OperationHandler } from '../service.js';
import { callerBus } from './caller-bus.js';
import { type EventBusRecord, RULE_STATES, type RuleRecord } from './event-bus-registry.js';
import { type EventPattern, parseEventPattern } from './event-pattern.js';
import { BUS_NAME_OR_ARN, DEFAULT_BUS, RESOURCE_NAME as RULE_NAME, ruleArn } from './events-arn.js';
import { notFound, OperationInput, page } from './operation-input.js';

const MAX_PATTERN_LENGTH = 4096;

/** The rule named by `Name`/`Rule` and `EventBusName`, or ResourceNotFoundException as AWS words it. */
export function findRule(ctx: CallContext, input: OperationInput, nameField: 'Name' | 'Rule') {
  const name = input.string(nameField, { pattern: RULE_NAME, max: 64 });
  const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME_OR_ARN, max: 1600 }));
  const rule = bus.rules.get(name);
  if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
  return { bus, rule };
}

export function requirePattern(text: string): EventPattern {
  const parsed = parseEventPattern(text);
  if (!parsed.ok) {
    throw new AwsServiceError(
      'InvalidEventPatternException',
      `Event pattern is not valid. Reason: ${parsed.reason}`,
    );
  }
  return parsed.pattern;
}

const describeRule = (rule: RuleRecord) => ({
  Name: rule.name,
  Arn: rule.arn,
  EventPattern: rule.pattern?.source,
  ScheduleExpression: rule.scheduleExpression,
  State: rule.state,
  Description: rule.description,
  RoleArn: rule.roleArn,
  EventBusName: rule.busName,
});

export const ruleOperations: Record<string, OperationHandler> = {
  PutRule: (raw, ctx) => {
    const input = new OperationInput(raw);
    const name = input.string('Name', { pattern: RULE_NAME, max: 64 });
    const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME_OR_ARN, max: 1600 }));
    const patternText = input.optionalString('EventPattern', { max: MAX_PATTERN_LENGTH });
    const schedule = input.optionalString('ScheduleExpression', { max: 256 });
    if (patternText === undefined && schedule === undefined) {
      throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    if (schedule !== undefined) checkSchedule(bus, schedule);
    const pattern = patternText === undefined ? undefined : requirePattern(patternText);
    // PutRule replaces the rule: omitted arguments are not kept, but the targets are.
    const existing = bus.rules.get(name);
    const rule: RuleRecord = {
      name,
      arn: ruleArn(bus.scope, bus.name, name),
      busName: bus.name,
      pattern,
      scheduleExpression: schedule,
      state: input.optionalEnum('State', RULE_STATES) ?? 'ENABLED',
      description: input.optionalString('Description', { max: 512 }),
      roleArn: input.optionalString('RoleArn', { max: 1600 }),
      createdBy: existing?.createdBy ?? ctx.principal.accountId,
      targets: existing?.targets ?? new Map(),
    };
    bus.rules.set(name, rule);
    return { RuleArn: rule.arn };
  },

  DescribeRule: (raw, ctx) => {
    const { rule } = findRule(ctx, new OperationInput(raw), 'Name');
    return { ...describeRule(rule), CreatedBy: rule.createdBy };
  },

  ListRules: (raw, ctx) => {
    const input = new OperationInput(raw);
    const prefix = input.optionalString('NamePrefix', { pattern: RULE_NAME, max: 64 });
    const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME_OR_ARN, max: 1600 }));
    const limit = input.optionalNumber('Limit', { min: 1, max: 100 }) ?? 100;
    const rules = [...bus.rules.values()]
      .filter((rule) => prefix === undefined || rule.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    const result = page(rules, input.optionalString('NextToken', { max: 2048 }), limit);
    return { Rules: result.items.map(describeRule), NextToken: result.nextToken };
  },

  DeleteRule: (raw, ctx) => {
    const input = new OperationInput(raw);
    const name = input.string('Name', { pattern: RULE_NAME, max: 64 });
    const bus = callerBus(ctx, input.optionalString('EventBusName', { pattern: BUS_NAME_OR_ARN, max: 1600 }));
    const rule = bus.rules.get(name);
    // Deleting a rule that does not exist succeeds, as at AWS.
    if (!rule) return {};
    if (rule.targets.size > 0) throw validationError("Rule can't be deleted since it has targets.");
    bus.rules.delete(name);
    return {};
  },

  EnableRule: (raw, ctx) => {
    findRule(ctx, new OperationInput(raw), 'Name').rule.state = 'ENABLED';
    return {};
  },

  DisableRule: (raw, ctx) => {
    findRule(ctx, new OperationInput(raw), 'Name').rule.state = 'DISABLED';
    return {};
  },

  TestEventPattern: (raw) => {
    const input = new OperationInput(raw);
    const pattern = requirePattern(input.string('EventPattern', { max: MAX_PATTERN_LENGTH }));
    let event: unknown;
    try {
      event = JSON.parse(input.string('Event'));
    } catch {
      throw validationError('Parameter Event is not valid.');
    }
    const required = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
    const missing = required.find(
      (field) => typeof (event as Record<string, unknown> | null)?.[field] !== 'string',
    );
    if (missing)
      throw validationError(`Parameter Event is not valid. Reason: Provided Event is missing ${missing}.`);
    return { Result: pattern.matches(event) };
  },
};

// "If the value is equal to 1, then the unit must be singular" (EventBridge's schedule reference).
const RATE = /^rate\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9]\d+) (?:minutes|hours|days))\)$/;
const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

/**
 * Scheduled rules as AWS takes them: only on the default bus, `rate(…)` or six-field `cron(…)`. The sandbox
 * keeps and describes them but has no scheduler: they never fire.
 */
function checkSchedule(bus: EventBusRecord, schedule: string): void {
  if (bus.name !== DEFAULT_BUS)
    throw validationError('ScheduleExpression is supported only on the default event bus.');
  if (!RATE.test(schedule) && !CRON.test(schedule))
    throw validationError('Parameter ScheduleExpression is not valid.');
}
