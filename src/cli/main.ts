// The CLI's dispatcher: picks the subcommand, parses its flags, and turns usage errors into exit code 2.
import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { botCommand } from './bot-command.js';
import { parseFlags } from './parse-flags.js';
import { sandboxCommand } from './sandbox-command.js';
import { slackEmulatorCommand } from './slack-emulator-command.js';
import { startCommand } from './start-command.js';
import type { CliIo, Subcommand } from './subcommand.js';
import { workerCommand } from './worker-command.js';

/** Add a subcommand here (demo, events, audit as they arrive). */
export const SUBCOMMANDS: readonly Subcommand[] = [
  sandboxCommand,
  slackEmulatorCommand,
  botCommand,
  workerCommand,
  startCommand,
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
  const command = SUBCOMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`, name);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(parseFlags(command.name, command.flags, rest), io);
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
