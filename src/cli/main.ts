// The CLI's dispatcher: picks the subcommand, parses its flags, and turns usage errors into exit code 2.
import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { auditExportCommand } from './audit-command.js';
import { botCommand } from './bot-command.js';
import { demoCommand } from './demo-command.js';
import { doctorCommand } from './doctor-command.js';
import { eventsSetupCommand, eventsTeardownCommand } from './events-command.js';
import { parseFlags } from './parse-flags.js';
import { sandboxCommand } from './sandbox-command.js';
import { slackEmulatorCommand } from './slack-emulator-command.js';
import { startCommand } from './start-command.js';
import type { CliIo, Subcommand } from './subcommand.js';
import { workerCommand } from './worker-command.js';

/** Every subcommand, in the order help lists them. A two-word name ("events setup") is a command group. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  sandboxCommand,
  slackEmulatorCommand,
  botCommand,
  workerCommand,
  startCommand,
  demoCommand,
  eventsSetupCommand,
  eventsTeardownCommand,
  doctorCommand,
  auditExportCommand,
];

const EXIT_USAGE = 2;
const EXIT_CONFIG = 78; // EX_CONFIG from sysexits.h

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function topLevelHelp(): string {
  const width = Math.max(...SUBCOMMANDS.map((command) => command.name.length));
  return [
    'Usage: ssm-chatops <command> [flags]',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "ssm-chatops <command> --help" for the flags of one command.',
    '',
  ].join('\n');
}

/** The commands of a group ("events" → "events setup", "events teardown"). */
const groupOf = (name: string) => SUBCOMMANDS.filter((candidate) => candidate.name.startsWith(`${name} `));

const groupHelp = (name: string, commands: readonly Subcommand[]) =>
  [
    `Usage: ssm-chatops ${name} <action> [flags]`,
    '',
    ...commands.map((command) => `  ${command.name}  ${command.summary}`),
    '',
    `Run "ssm-chatops ${name} <action> --help" for the flags of one action.`,
    '',
  ].join('\n');

/** `events` alone or `events bogus`: name the group's actions; anything else is an unknown command. */
function unknownCommand(name: string, next: string | undefined): UsageError {
  const actions = groupOf(name).map((candidate) => candidate.name.slice(name.length + 1));
  if (actions.length === 0) return new UsageError(`unknown command "${name}"`, name);
  const given = next === undefined || next.startsWith('-') ? 'needs' : `has no action "${next}"; it needs`;
  return new UsageError(`"${name}" ${given} one of: ${actions.join(', ')}`, name);
}

const commandHelp = (command: Subcommand) =>
  `Usage: ssm-chatops ${command.name} [flags]\n\n${command.summary}\n\n${command.help}\n`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topLevelHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const grouped = SUBCOMMANDS.find((candidate) => candidate.name === `${name} ${rest[0]}`);
  const command = grouped ?? SUBCOMMANDS.find((candidate) => candidate.name === name);
  const args = grouped ? rest.slice(1) : rest;
  try {
    if (!command && groupOf(name).length > 0 && (rest[0] === '--help' || rest[0] === '-h')) {
      io.stdout(groupHelp(name, groupOf(name)));
      return 0;
    }
    if (!command) throw unknownCommand(name, rest[0]);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(parseFlags(command.name, command.flags, args), io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = command ? `ssm-chatops ${command.name} --help` : 'ssm-chatops --help';
      io.stderr(`ssm-chatops: ${error.message}\nRun "${hint}" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr(`ssm-chatops: ${error.message}\n`);
      return EXIT_CONFIG;
    }
    throw error;
  }
}
