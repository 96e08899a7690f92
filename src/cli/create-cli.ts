// The CLI's dispatcher: picks the subcommand, parses its flags, and turns usage errors into exit code 2. It is
// built over a list of subcommands: the full CLI's (with the sandbox, the Slack emulator and the demo) and the
// runtime image's, which carries the bot and the worker only.
import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { parseFlags } from './parse-flags.js';
import type { CliIo, Subcommand } from './subcommand.js';

export type CliMain = (argv: string[], io: CliIo) => Promise<number>;

const EXIT_USAGE = 2;
const EXIT_CONFIG = 78; // EX_CONFIG from sysexits.h

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const commandHelp = (command: Subcommand) =>
  `Usage: ssm-chatops ${command.name} [flags]\n\n${command.summary}\n\n${command.help}\n`;

/** `subcommands` in the order help lists them. A two-word name ("events setup") is a command group. */
export function createCli(subcommands: readonly Subcommand[]): CliMain {
  const topLevelHelp = () => {
    const width = Math.max(...subcommands.map((command) => command.name.length));
    return [
      'Usage: ssm-chatops <command> [flags]',
      '',
      'Commands:',
      ...subcommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
      '',
      'Run "ssm-chatops <command> --help" for the flags of one command.',
      '',
    ].join('\n');
  };

  /** The commands of a group ("events" → "events setup", "events teardown"). */
  const groupOf = (name: string) => subcommands.filter((candidate) => candidate.name.startsWith(`${name} `));

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
  const unknownCommand = (name: string, next: string | undefined): UsageError => {
    const actions = groupOf(name).map((candidate) => candidate.name.slice(name.length + 1));
    if (actions.length === 0) return new UsageError(`unknown command "${name}"`, name);
    const given = next === undefined || next.startsWith('-') ? 'needs' : `has no action "${next}"; it needs`;
    return new UsageError(`"${name}" ${given} one of: ${actions.join(', ')}`, name);
  };

  return async function main(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(topLevelHelp());
      return name === undefined ? EXIT_USAGE : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${version()}\n`);
      return 0;
    }
    const grouped = subcommands.find((candidate) => candidate.name === `${name} ${rest[0]}`);
    const command = grouped ?? subcommands.find((candidate) => candidate.name === name);
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
  };
}
