// Parses the text of `/ssm …` into an SsmCommand. Never throws: mistakes become usage-error values.
import { parseChangeTime } from '../approval/change-window.js';
import { SSM_DOCUMENT_REFERENCE } from '../organization/arn.js';
import { closestMatches } from './closest-match.js';
import { parseRateLimit } from './rate-limit-grammar.js';
import { RUN_USAGE, type RunCommand, type SsmCommand, SUBCOMMAND_USAGE } from './ssm-command.js';
import { normaliseSlackText, tokenize } from './tokenize.js';

const MAX_TEXT_LENGTH = 4000;
/** A 12-digit id, or a name that is not all digits (so a mistyped id is not taken for a name). */
const ACCOUNT_OR_NAME = /^(\d{12}|(?!\d+$)[A-Za-z0-9][\w.+@-]{0,49})$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PARAMETER_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const RUN_ID = /^[A-Za-z0-9_-]{4,64}$/;

const RUN_FLAGS = [
  'accounts',
  'ou',
  'exclude-accounts',
  'regions',
  'mode',
  'concurrency',
  'max-errors',
  'reason',
  'start-at',
  'end-by',
  'emergency',
  'dry-run',
] as const;
/** Flags whose value may be two words (`in 2h`). */
const TIME_FLAGS: readonly string[] = ['start-at', 'end-by'];
/** Flags that take no value. */
const SWITCHES = ['dry-run', 'emergency'] as const;
type Switch = (typeof SWITCHES)[number];
type RunFlag = (typeof RUN_FLAGS)[number];

const usageError = (message: string, usage = RUN_USAGE): SsmCommand => ({
  kind: 'usage-error',
  message,
  usage,
});

export function parseSsmCommand(text: string): SsmCommand {
  if (text.length > MAX_TEXT_LENGTH) {
    return usageError(
      `the command is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}`,
      '/ssm help',
    );
  }
  const tokenized = tokenize(normaliseSlackText(text));
  if (!tokenized.ok) return usageError(tokenized.message, '/ssm help');
  const [subcommand, ...args] = tokenized.tokens;
  switch (subcommand?.toLowerCase()) {
    case undefined:
    case 'help':
      return { kind: 'help', topic: args[0] };
    case 'run':
      return parseRun(args);
    case 'list':
      return args.length > 1
        ? usageError('list takes at most one prefix', SUBCOMMAND_USAGE.list)
        : { kind: 'list', prefix: args[0] };
    case 'status':
    case 'cancel':
      return parseRunId(subcommand.toLowerCase() as 'status' | 'cancel', args);
    case 'history':
      return parseHistory(args);
    case 'doctor':
      return args.length > 0
        ? usageError('doctor takes no arguments: it checks the whole organization', SUBCOMMAND_USAGE.doctor)
        : { kind: 'doctor' };
    case 'compliance':
      return parseCompliance(args);
    default: {
      const suggestions = closestMatches(subcommand!, Object.keys(SUBCOMMAND_USAGE));
      const hint =
        suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
      return usageError(
        `\`${subcommand}\` is not an /ssm command.${hint}`,
        Object.values(SUBCOMMAND_USAGE).join('\n'),
      );
    }
  }
}

function parseRunId(kind: 'status' | 'cancel', args: string[]): SsmCommand {
  const [id, ...rest] = args;
  if (!id) return usageError(`${kind} needs the id of a run`, SUBCOMMAND_USAGE[kind]);
  if (rest.length > 0 || !RUN_ID.test(id)) {
    return usageError(`\`${args.join(' ')}\` is not a run id`, SUBCOMMAND_USAGE[kind]);
  }
  return { kind, id };
}

function parseHistory(args: string[]): SsmCommand {
  let filter: string | undefined;
  let limit: number | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--limit') {
      const value = inline ?? args[++index];
      if (!value || !/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
        return usageError('--limit must be a number from 1 to 100', SUBCOMMAND_USAGE.history);
      }
      limit = Number(value);
    } else if (arg.startsWith('--') || filter !== undefined) {
      return usageError(`unexpected \`${arg}\``, SUBCOMMAND_USAGE.history);
    } else {
      filter = arg;
    }
  }
  return { kind: 'history', filter, limit };
}

const COMPLIANCE_FLAGS = ['accounts', 'ou', 'regions'] as const;

/** `/ssm compliance [--accounts …] [--ou …] [--regions …]`: the same target flags, read as `/ssm run` reads them. */
function parseCompliance(args: string[]): SsmCommand {
  const usage = SUBCOMMAND_USAGE.compliance;
  // A scratch run command, so the target flags keep one grammar (applyFlag) for run and compliance.
  const scratch: RunCommand = {
    kind: 'run',
    parameters: {},
    targets: { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [] },
    dryRun: false,
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [rawName, inline] = arg.startsWith('--')
      ? (arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined])
      : [undefined, undefined];
    const name = rawName?.toLowerCase();
    if (name === undefined || !(COMPLIANCE_FLAGS as readonly string[]).includes(name)) {
      const hint = rawName === undefined ? '' : closestMatches(rawName, COMPLIANCE_FLAGS)[0];
      return usageError(
        `unexpected \`${arg}\`; compliance takes --accounts, --ou and --regions.${hint ? ` Did you mean \`--${hint}\`?` : ''}`,
        usage,
      );
    }
    const value = inline ?? args[++index];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      return usageError(`\`--${name}\` needs a value`, usage);
    }
    const problem = applyFlag(scratch, name as (typeof COMPLIANCE_FLAGS)[number], value);
    if (problem) return usageError(problem, usage);
  }
  const { accounts, organizationalUnits, regions } = scratch.targets;
  if (accounts === 'all' && organizationalUnits.length > 0) {
    return usageError('`--accounts all` already covers every OU; drop `--ou` or list accounts', usage);
  }
  // `--accounts all` and no flag at all mean the same: every account.
  return {
    kind: 'compliance',
    scope: { accounts: accounts === 'all' ? [] : accounts, organizationalUnits, regions },
  };
}

function parseRun(args: string[]): SsmCommand {
  const command: RunCommand = {
    kind: 'run',
    parameters: {},
    targets: { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [] },
    dryRun: false,
  };
  let accountsGiven = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg.startsWith('--')) {
      const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const name = rawName.toLowerCase();
      if (!(RUN_FLAGS as readonly string[]).includes(name)) {
        const suggestions = closestMatches(rawName, RUN_FLAGS);
        const hint = suggestions.length > 0 ? ` Did you mean \`--${suggestions[0]}\`?` : '';
        return usageError(`\`--${rawName}\` is not a flag of /ssm run.${hint}`);
      }
      if ((SWITCHES as readonly string[]).includes(name)) {
        if (inline !== undefined) return usageError(`\`--${name}\` takes no value`);
        if (name === 'dry-run') command.dryRun = true;
        else command.emergency = true;
        continue;
      }
      let value = inline ?? args[index + 1];
      if (inline === undefined) index++;
      // `--start-at in 2h` unquoted is two words; the time is both.
      if (TIME_FLAGS.includes(name) && value?.toLowerCase() === 'in' && args[index + 1] !== undefined) {
        value = `in ${args[++index]}`;
      }
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        return usageError(`\`--${name}\` needs a value`);
      }
      const problem = applyFlag(command, name as Exclude<RunFlag, Switch>, value);
      if (problem) return usageError(problem);
      if (name === 'accounts') accountsGiven = true;
      continue;
    }
    const equals = arg.indexOf('=');
    if (equals > 0) {
      const name = arg.slice(0, equals);
      if (!PARAMETER_NAME.test(name)) return usageError(`\`${name}\` is not a valid parameter name`);
      if (Object.hasOwn(command.parameters, name)) return usageError(`parameter \`${name}\` is given twice`);
      command.parameters[name] = arg.slice(equals + 1);
      continue;
    }
    if (command.runbook === undefined && Object.keys(command.parameters).length === 0) {
      if (!SSM_DOCUMENT_REFERENCE.test(arg)) return usageError(`\`${arg}\` is not a runbook name`);
      command.runbook = arg;
      continue;
    }
    return usageError(`\`${arg}\` is neither a \`Name=value\` parameter nor a flag`);
  }
  if (accountsGiven && command.targets.accounts === 'all' && command.targets.organizationalUnits.length > 0) {
    return usageError('`--accounts all` already covers every OU; drop `--ou` or list accounts');
  }
  return command;
}

/** Applies one flag's value; returns what is wrong with it, if anything. */
function applyFlag(command: RunCommand, name: Exclude<RunFlag, Switch>, value: string): string | undefined {
  const list = () =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const targets = command.targets;
  switch (name) {
    case 'accounts': {
      if (value.toLowerCase() === 'all') {
        targets.accounts = 'all';
        return undefined;
      }
      if (targets.accounts === 'all' || list().some((item) => item.toLowerCase() === 'all')) {
        return '`--accounts all` cannot be combined with listed accounts';
      }
      const bad = list().find((item) => !ACCOUNT_OR_NAME.test(item));
      if (bad !== undefined || list().length === 0) {
        return `\`${bad ?? value}\` is not an account id (12 digits) or account name; write --accounts 111111111111,payments-prod or --accounts all`;
      }
      targets.accounts = [...new Set([...targets.accounts, ...list()])];
      return undefined;
    }
    case 'exclude-accounts': {
      const bad = list().find((item) => !ACCOUNT_OR_NAME.test(item));
      if (bad !== undefined || list().length === 0) return `\`${bad ?? value}\` is not an account id or name`;
      targets.excludeAccounts = [...new Set([...targets.excludeAccounts, ...list()])];
      return undefined;
    }
    case 'ou': {
      const bad = list().find((item) => !OU_ID.test(item));
      if (bad !== undefined || list().length === 0)
        return `\`${bad ?? value}\` is not an OU id such as ou-ab12-cdef3456`;
      targets.organizationalUnits = [...new Set([...targets.organizationalUnits, ...list()])];
      return undefined;
    }
    case 'regions': {
      const bad = list().find((item) => !REGION.test(item));
      if (bad !== undefined || list().length === 0)
        return `\`${bad ?? value}\` is not a region name such as ap-northeast-1`;
      targets.regions = [...new Set([...targets.regions, ...list()])];
      return undefined;
    }
    case 'mode':
      if (value !== 'multi-account' && value !== 'fan-out')
        return `--mode must be multi-account or fan-out, not \`${value}\``;
      command.mode = value;
      return undefined;
    case 'concurrency':
    case 'max-errors': {
      const parsed = parseRateLimit(value, name);
      if (!parsed.ok) return `--${name} \`${value}\` ${parsed.problem}`;
      if (name === 'concurrency') command.concurrency = parsed.limit;
      else command.maxErrors = parsed.limit;
      return undefined;
    }
    case 'start-at':
    case 'end-by': {
      const parsed = parseChangeTime(value);
      if (!parsed.ok) return `--${name} \`${value}\` ${parsed.problem}`;
      command.window = { ...command.window, [name === 'start-at' ? 'startAt' : 'endBy']: parsed.time };
      return undefined;
    }
    case 'reason':
      if (value.trim().length === 0) return '--reason must not be empty';
      if (value.length > 500) return `--reason is ${value.length} characters long; the limit is 500`;
      command.reason = value.trim();
      return undefined;
  }
}
