// `ssm-chatops doctor [--json] [--accounts …] [--regions …]`: is the organization ready for the bot's runs?
import { WebClient } from '@slack/web-api';
import { AssumedRoleCredentials } from '../aws/assumed-role-credentials.js';
import { AwsClients } from '../aws/aws-clients.js';
import { AwsOrganizationInspector } from '../aws/aws-organization-inspector.js';
import { OrganizationsAccountDirectory } from '../aws/organizations-account-directory.js';
import { doctorSettingsFromConfig } from '../bot/doctor-settings-from-config.js';
import { loadConfig } from '../config/load-config.js';
import type { DoctorReport } from '../core/doctor/diagnose-organization.js';
import { doctorFixes } from '../core/doctor/doctor-fixes.js';
import { UsageError } from '../errors.js';
import { SlackReadinessInspector } from '../slack/slack-readiness-inspector.js';
import { type CheckProgress, checkOrganization } from '../use-cases/check-organization.js';
import { renderDoctorReport } from './render-doctor-report.js';
import type { CliIo, Subcommand } from './subcommand.js';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const doctorCommand: Subcommand = {
  name: 'doctor',
  summary: 'check that the organization is ready for runs: roles, trust, regions, forwarding (exit 1 if not)',
  help: `Flags:
  --accounts <ids>   comma-separated account ids (default: every ACTIVE member account)
  --regions <names>  comma-separated regions (default: aws.regions, else the home region)
  --json             print the report as JSON instead of the matrix and fixes
  -h, --help         this help

Checks, with the bot's own AWS identity: Systems Manager's trusted access and delegated administrator,
that the bot runs in that (operations) account, that the Administration role can be assumed, that the
Change Calendars the approval templates name exist; then in each member account: the execution role
trusts the Administration role (assumed from it, as SSM does), the read and fan-out roles can be assumed
with aws.externalId, and in each region: the region is enabled, and the rule \`events setup\` puts there
forwards Automation events. With SLACK_BOT_TOKEN set, also the Slack side: the token carries the scopes
manifest.yml asks for, and the bot is a member of the channels slack.channels and the approval
templates name. Progress goes to stderr; the report to stdout. Exit code 1 when anything
blocks runs, 0 otherwise (warnings included).`,
  flags: {
    json: { type: 'boolean' },
    accounts: { type: 'string' },
    regions: { type: 'string' },
  },
  run: (values, io) => runDoctor(values, io),
};

function listFlag(flag: string, value: string | boolean | undefined, pattern: RegExp, what: string) {
  if (value === undefined) return undefined;
  const items = String(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = items.find((item) => !pattern.test(item));
  if (items.length === 0 || bad !== undefined) {
    throw new UsageError(`--${flag} needs comma-separated ${what}${bad ? `, not "${bad}"` : ''}`, 'doctor');
  }
  return items;
}

async function runDoctor(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const accounts = listFlag('accounts', values.accounts, ACCOUNT_ID, '12-digit account ids');
  const regions = listFlag('regions', values.regions, REGION, 'region names');
  const config = loadConfig(io.env);
  const doctor = doctorSettingsFromConfig(config);
  const clients = new AwsClients({
    homeRegion: doctor.settings.homeRegion,
    endpoint: config.env.AWS_ENDPOINT_URL,
    maxClients: 2_000,
  });
  const roles = new AssumedRoleCredentials(clients, { sessionName: 'ssm-chatops-doctor', maxRoles: 10_000 });
  const token = config.env.SLACK_BOT_TOKEN;
  const apiUrl = config.env.SLACK_API_URL;
  const slack = token
    ? new SlackReadinessInspector(
        new WebClient(token, {
          ...(apiUrl && { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` }),
        }),
      )
    : undefined;
  let report: DoctorReport;
  try {
    report = await checkOrganization(
      {
        inspector: new AwsOrganizationInspector(clients, roles, doctor.settings),
        directory: new OrganizationsAccountDirectory(clients),
        settings: doctor.settings,
        ...(slack && { slack }),
      },
      {
        regions: regions ?? doctor.regions,
        calendars: doctor.calendars,
        channels: doctor.channels,
        ...(accounts && { accounts }),
      },
      progressPrinter(io),
    );
  } catch (error) {
    io.stderr(
      `ssm-chatops doctor: cannot check: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    return 1;
  } finally {
    clients.destroy();
  }
  io.stdout(
    values.json === true
      ? `${JSON.stringify({ ...report, fixes: doctorFixes(report) }, null, 2)}\n`
      : renderDoctorReport(report),
  );
  return report.exitCode;
}

/** A line per tenth of the accounts (a rewritten line on a terminal), so a long check shows it is moving. */
function progressPrinter(io: CliIo) {
  let lastTenth = -1;
  return ({ checkedAccounts, totalAccounts }: CheckProgress) => {
    const text = `checked ${checkedAccounts}/${totalAccounts} account(s)`;
    if (io.isTty) {
      io.stderr(`\r${text}${checkedAccounts === totalAccounts ? '\n' : ''}`);
      return;
    }
    const tenth = totalAccounts === 0 ? 10 : Math.floor((checkedAccounts * 10) / totalAccounts);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.stderr(`${text}\n`);
  };
}
