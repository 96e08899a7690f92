// `/ssm help` and `/ssm help <command>`: what each command does, how to write it, and worked examples.
import type { KnownBlock } from '@slack/types';
import { closestMatches } from '../../core/command/closest-match.js';
import { RUN_USAGE, SUBCOMMAND_USAGE } from '../../core/command/ssm-command.js';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { codeBlock, escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

type Topic = keyof typeof SUBCOMMAND_USAGE;

/** The run usage is a paragraph; the overview shows its shape and points at `/ssm help run`. */
const SHORT_RUN_USAGE = '/ssm run <runbook> [Name=value …] [--flag …]';

const SUMMARIES: Record<Topic, string> = {
  run: 'Start a runbook in accounts and regions of the organization.',
  list: 'The runbooks you may run, with what they do.',
  status: 'Where a run stands, execution by execution, with links to the AWS console.',
  cancel: 'Stop every execution of a run that is still going.',
  history: 'Recent runs, newest first.',
  compliance: 'Patch compliance across the organization: totals and the worst accounts first.',
  doctor: 'Operators: check the organization is ready for runs, with a fix for each problem.',
  help: 'This help, or the help of one command.',
};

const DETAILS: Record<Exclude<Topic, 'run'>, string> = {
  list: "Lists the runbooks policy lets you run. A prefix narrows the list to names that start with it; a whole name shows that runbook's full description and parameters.",
  status:
    'Shows every execution of a run: account, region, status, execution id (linked to the AWS console) and ' +
    'the failure message of those that failed. The run id is in the run’s message: `run-` and 8 characters.',
  cancel:
    'Asks SSM to stop every execution of the run that has not finished; executions that finished keep their ' +
    'results.',
  history:
    'Lists recent runs, newest first. Filter by runbook, by person (`@alice`) or by account; `--limit` takes ' +
    '1 to 100.',
  doctor:
    'Checks Systems Manager’s trusted access and delegated administrator, the Administration role, the change ' +
    'calendars, and in every member account and region the roles runs assume, the region and the event ' +
    'forwarding; then the bot’s Slack scopes and channels. The message updates as accounts are checked and ends ' +
    'with the problems and their fixes. Operators only; `ssm-chatops doctor` does the same from a terminal.',
  help: 'Shows the list of commands, or everything about one of them.',
  compliance:
    'Reads Patch Manager compliance from every account and region you may see (through the read role), and ' +
    'shows the organization’s compliant and non-compliant instances, missing critical and security patches, ' +
    'and the worst accounts first with console links. Answers come from a cache refreshed on a schedule and ' +
    'say how old they are. *Download CSV* lists every non-compliant instance; *Patch non-compliant* asks for ' +
    'a run of the patch runbook on those accounts and regions, through policy and approvals as any run.',
};

const EXAMPLES: Record<Topic, string[]> = {
  run: [
    '/ssm run AWS-RestartEC2Instance InstanceId=i-0a1b2c3d4e5f60718 --accounts payments-prod --regions ap-northeast-1 --dry-run',
    '/ssm run AWS-RestartEC2Instance InstanceId=i-0a1b2c3d4e5f60718 --accounts payments-prod --regions ap-northeast-1 --reason "Apply the June kernel patch"',
    '/ssm run AWS-RestartEC2Instance InstanceId=i-0a1b2c3d4e5f60718 --accounts payments-prod --regions ap-northeast-1 --reason "Night patch" --start-at "in 2h" --end-by "in 4h"',
    '/ssm run AWS-RestartEC2Instance InstanceId=i-0a1b2c3d4e5f60718 --ou ou-sbx1-prod0001 --exclude-accounts search-prod --regions ap-northeast-1,us-east-1 --mode fan-out --concurrency 2 --max-errors 1',
  ],
  list: ['/ssm list', '/ssm list AWS-', '/ssm list AWS-RestartEC2Instance'],
  status: ['/ssm status run-7k3m9q2x'],
  cancel: ['/ssm cancel run-7k3m9q2x'],
  history: ['/ssm history', '/ssm history AWS-RestartEC2Instance --limit 20', '/ssm history payments-prod'],
  doctor: ['/ssm doctor'],
  help: ['/ssm help', '/ssm help run'],
  compliance: [
    '/ssm compliance',
    '/ssm compliance --ou ou-sbx1-prod0001',
    '/ssm compliance --accounts payments-prod --regions ap-northeast-1',
  ],
};

const RUN_FLAGS = [
  '`Name=value`: a runbook parameter. Lists are comma-separated (`InstanceId=i-1,i-2`); quote values with spaces.',
  '`--accounts`: account ids or names, comma-separated, or `all` for every active account.',
  '`--ou`: every account under an organizational unit, nested units included.',
  '`--exclude-accounts`: accounts to leave out of `--accounts all` or `--ou`.',
  '`--regions`: where to run, comma-separated (`ap-northeast-1,us-east-1`).',
  '`--mode multi-account`: one execution from the operations account with TargetLocations; SSM starts one ' +
    'in each account and region. `--mode fan-out`: the bot starts one execution per account and region itself.',
  '`--concurrency`: how many accounts and regions run at once, a number or a percentage (`10`, `25%`).',
  '`--max-errors`: how many failures stop the rest from starting, a number or a percentage.',
  '`--reason`: why, for the approvers and the audit trail.',
  '`--start-at`: schedule a change: it waits for its window, even once approved (`in 2h`, `in 30m`, or an ISO time with its zone such as `2026-06-01T13:00Z`). The change calendar is checked when it starts.',
  '`--end-by`: the latest a change may start; one not started by then expires.',
  '`--emergency`: raise a governed run as an emergency change, which may start while a change calendar is CLOSED (only those the template names).',
  '`--dry-run`: show what would run and whether it needs approval; start nothing.',
];

const DRY_RUN_AND_APPROVALS =
  '*Dry runs and approvals*\n' +
  'Add `--dry-run` to see the runbook, its parameters, every account and region, and whether approval is ' +
  'needed, without starting anything.\n' +
  'Policy decides who may run what, where. When a change template governs a run (production accounts, ' +
  'for instance), the run waits for the approvers it names and starts once they approve; a rejection or ' +
  'expiry ends it. Otherwise it starts at once. Either way the run gets one message here and a thread with ' +
  'one reply per account and region.';

const POLICY_FOOTER = 'What you may run, and where, is set by policy: ask an operator to change it.';

/** Help on one command, or the overview when `topic` is missing or unknown (saying so when unknown). */
export function renderHelp(topic?: string): SlackMessage {
  if (topic === undefined) return overview([]);
  const known = topic.toLowerCase().replace(/^\/?ssm\s+/, '');
  if (isTopic(known)) return known === 'run' ? runHelp() : commandHelp(known);
  const suggestions = closestMatches(topic, Object.keys(SUBCOMMAND_USAGE));
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(inlineCode).join(' or ')}?` : '';
  return overview([
    sectionBlock(
      `:grey_question: There is no help on ${inlineCode(topic)}.${hint} Here is what /ssm can do.`,
    ),
  ]);
}

function isTopic(word: string): word is Topic {
  return Object.hasOwn(SUBCOMMAND_USAGE, word);
}

function overview(preface: KnownBlock[]): SlackMessage {
  const commands = (Object.keys(SUMMARIES) as Topic[]).map((topic) => {
    const usage = topic === 'run' ? SHORT_RUN_USAGE : SUBCOMMAND_USAGE[topic];
    return `• ${inlineCode(usage)}\n      ${SUMMARIES[topic]}`;
  });
  return slackMessage('/ssm: run SSM Automation runbooks across the organization', [
    ...preface,
    headerBlock('/ssm: run SSM Automation runbooks across the organization'),
    sectionBlock(
      'Runs an AWS Systems Manager Automation runbook in many accounts and regions at once, with approval ' +
        'where policy asks for it.',
    ),
    sectionBlock(
      `*Commands*\n${commands.join('\n')}\nSee ${inlineCode('/ssm help run')} for every flag of run.`,
    ),
    sectionBlock(`*Examples*\n${codeBlock([...EXAMPLES.run.slice(0, 2), '/ssm list AWS-'].join('\n'))}`),
    sectionBlock(DRY_RUN_AND_APPROVALS),
    contextBlock(POLICY_FOOTER),
  ]);
}

function runHelp(): SlackMessage {
  return slackMessage('/ssm run: start a runbook', [
    headerBlock('/ssm run'),
    sectionBlock(`${SUMMARIES.run}\n${codeBlock(RUN_USAGE)}`),
    sectionBlock(`*Flags*\n${RUN_FLAGS.map((flag) => `• ${flag}`).join('\n')}`),
    sectionBlock(`*Examples*\n${codeBlock(EXAMPLES.run.join('\n'))}`),
    sectionBlock(DRY_RUN_AND_APPROVALS),
    contextBlock(POLICY_FOOTER),
  ]);
}

function commandHelp(topic: Exclude<Topic, 'run'>): SlackMessage {
  return slackMessage(`${escapeMrkdwn(SUBCOMMAND_USAGE[topic])}: ${SUMMARIES[topic]}`, [
    headerBlock(`/ssm ${topic}`),
    sectionBlock(`${DETAILS[topic]}\n${codeBlock(SUBCOMMAND_USAGE[topic])}`),
    sectionBlock(`*Examples*\n${codeBlock(EXAMPLES[topic].join('\n'))}`),
    contextBlock(`All commands: ${inlineCode('/ssm help')}`),
  ]);
}
