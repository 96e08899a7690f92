// `ssm-chatops events setup|teardown [--dry-run]`: the EventBridge delivery of Automation events to the bot.

import { type DeliveryAction, placeLabel } from '../aws/events/event-delivery.js';
import type { ManageEventDeliveryOutcome } from '../aws/events/manage-event-delivery.js';
import { type Config, loadConfig } from '../config/load-config.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { CliIo, Subcommand } from './subcommand.js';

type EventsAction = 'setup' | 'teardown';

const SETTINGS_HELP = `Settings (environment and SSM_CHATOPS_CONFIG):
  SSM_CHATOPS_EVENTS_SECRET   the secret the connection sends to the bot (16+ characters; setup only)
  events.endpointUrl          public https:// URL of the bot's POST /aws/events (setup only; http:// only
                              for 127.0.0.1, ::1 or localhost, with a local sandbox)
  events.busName              central bus in the operations account, home region (default ssm-chatops)
  events.headerName           header carrying the secret (default x-ssm-chatops-secret)
  events.regions              regions forwarded (default aws.regions, else the home region)
  AWS_REGION / aws.homeRegion, AWS_ENDPOINT_URL, aws.externalId

Roles that must exist (the command does not create IAM roles):
  events.setupRoleName    (SsmChatOpsEventsSetup) in each member account, trusted by the operations
                          account, allowed events:DescribeRule, ListTargetsByRule, PutRule, PutTargets,
                          RemoveTargets, DeleteRule, and iam:PassRole on the forward role
  events.forwardRoleName  (SsmChatOpsEventsForward) in each member account, trusted by
                          events.amazonaws.com, allowed events:PutEvents on the central bus
  events.invokeRoleName   (SsmChatOpsEventsInvokeRole) in the operations account, trusted by
                          events.amazonaws.com, allowed events:InvokeApiDestination
The bot's own identity (operations account) needs the EventBridge calls on the central bus, connections
and API destinations, iam:PassRole on the invoke role, and sts:AssumeRole on the setup roles.`;

const flags = { 'dry-run': { type: 'boolean' as const } };

export const eventsSetupCommand: Subcommand = {
  name: 'events setup',
  summary: 'create what delivers Automation status events to the bot (idempotent)',
  help: `Flags:
  --dry-run    print what would be created or changed, and change nothing
  -h, --help   this help

In each ACTIVE member account and region: a rule forwarding aws.ssm Automation status changes to the
central bus. In the operations account: the bus, its permission for the organization, a connection
(API key = the secret), an API destination to events.endpointUrl and the rule that targets it.
Running it again changes only what differs; a new secret or endpoint replaces the connection and API
destination. Exit code 1 when an account or region failed (the others are still set up).

${SETTINGS_HELP}`,
  flags,
  run: (values, io) => runEvents('setup', values['dry-run'] === true, io),
};

export const eventsTeardownCommand: Subcommand = {
  name: 'events teardown',
  summary: 'remove what `events setup` created',
  help: `Flags:
  --dry-run    print what would be removed, and remove nothing
  -h, --help   this help

Removes the member accounts' forwarding rules, then the central rule, API destinations, connections,
the bus permission, and the bus when setup created it and no other rule uses it.

${SETTINGS_HELP}`,
  flags,
  run: (values, io) => runEvents('teardown', values['dry-run'] === true, io),
};

async function runEvents(action: EventsAction, dryRun: boolean, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const settings = eventSettings(config, action);
  let outcome: ManageEventDeliveryOutcome;
  try {
    const { manageEventDelivery } = await import('../aws/events/manage-event-delivery.js');
    outcome = await manageEventDelivery({ action, dryRun, ...settings });
  } catch (error) {
    io.stderr(
      `ssm-chatops events ${action}: cannot read the operations account or the organization: ${describe(error)}\n`,
    );
    return 1;
  }
  return render(outcome, action, dryRun, io);
}

/** The settings of the flow, or a ConfigError naming every missing key (exit 78). */
function eventSettings(config: Config, action: EventsAction) {
  const { aws, events } = config.file;
  const problems: ConfigProblem[] = [];
  const homeRegion = aws.homeRegion ?? config.env.AWS_REGION;
  if (!homeRegion)
    problems.push({ key: 'AWS_REGION', reason: 'is required (or aws.homeRegion in the config file)' });
  const secret = config.env.SSM_CHATOPS_EVENTS_SECRET;
  const endpointUrl = events.endpointUrl;
  if (action === 'setup') {
    if (!secret) problems.push({ key: 'SSM_CHATOPS_EVENTS_SECRET', reason: 'is required by events setup' });
    if (!endpointUrl) problems.push({ key: 'events.endpointUrl', reason: 'is required by events setup' });
  }
  if (problems.length > 0 || !homeRegion) throw new ConfigError(problems);
  const regions =
    events.regions.length > 0 ? events.regions : aws.regions.length > 0 ? aws.regions : [homeRegion];
  return {
    aws: { homeRegion, endpoint: config.env.AWS_ENDPOINT_URL },
    settings: {
      homeRegion,
      busName: events.busName,
      headerName: events.headerName,
      // Teardown removes every generation by prefix, so it needs neither; the names they would give are unused.
      secret: secret ?? '',
      endpointUrl: endpointUrl ?? '',
      regions,
      forwardRoleName: events.forwardRoleName,
      invokeRoleName: events.invokeRoleName,
    },
    setupRoleName: events.setupRoleName,
    externalId: aws.externalId,
  };
}

const MARK: Record<DeliveryAction['change'], string> = { create: '+', update: '~', delete: '-' };

function render(
  outcome: ManageEventDeliveryOutcome,
  action: EventsAction,
  dryRun: boolean,
  io: CliIo,
): number {
  const { desired, plan, report } = outcome;
  const accounts = new Set(desired.members.map((member) => member.place.accountId)).size;
  const regions = new Set(desired.members.map((member) => member.place.region)).size;
  io.stdout(
    `Event delivery: bus ${desired.bus.name} in ${placeLabel(desired.central)}; ` +
      `${accounts} member account(s) × ${regions} region(s).\n`,
  );
  const line = (item: DeliveryAction) => `  ${MARK[item.change]} ${item.sentence}\n`;
  if (plan.actions.length === 0) {
    io.stdout(`${action === 'setup' ? 'Everything is in place' : 'Nothing is left'}: nothing to do.\n`);
  } else if (dryRun || !report) {
    io.stdout(`Would make ${plan.actions.length} change(s) (dry run: nothing was changed):\n`);
    io.stdout(plan.actions.map(line).join(''));
  } else {
    // Member places run side by side; the report lists them in plan order, as the dry run would.
    const applied = new Set(report.applied);
    io.stdout(`Made ${applied.size} of ${plan.actions.length} change(s):\n`);
    io.stdout(
      plan.actions
        .filter((item) => applied.has(item))
        .map(line)
        .join(''),
    );
  }
  for (const place of plan.notEnabled ?? []) {
    io.stdout(`  · ${placeLabel(place)}: the account has not enabled the region, nothing to do there\n`);
  }
  for (const { place, reason } of plan.unreachable) {
    io.stderr(`  ! ${placeLabel(place)}: could not be read, nothing done there: ${reason}\n`);
  }
  for (const { action: failed, reason } of report?.failed ?? []) {
    const skipped =
      report?.skipped.filter((item) => placeLabel(item.place) === placeLabel(failed.place)).length ?? 0;
    io.stderr(
      `  ! ${placeLabel(failed.place)}: failed to ${failed.sentence}: ${reason}` +
        `${skipped > 0 ? ` (${skipped} more change(s) there not tried)` : ''}\n`,
    );
  }
  const failures = plan.unreachable.length + (report?.failed.length ?? 0);
  if (failures > 0) io.stderr(`ssm-chatops events ${action}: ${failures} account(s)/region(s) failed.\n`);
  return failures > 0 ? 1 : 0;
}

const describe = (error: unknown) =>
  error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);
