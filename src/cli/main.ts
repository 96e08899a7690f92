// The full CLI: the runtime image's subcommands, and the local AWS sandbox, Slack emulator and demo around them.
import { auditExportCommand } from './audit-command.js';
import { botCommand } from './bot-command.js';
import { createCli } from './create-cli.js';
import { demoCommand } from './demo-command.js';
import { doctorCommand } from './doctor-command.js';
import { eventsSetupCommand, eventsTeardownCommand } from './events-command.js';
import { sandboxCommand } from './sandbox-command.js';
import { slackEmulatorCommand } from './slack-emulator-command.js';
import { startCommand } from './start-command.js';
import type { Subcommand } from './subcommand.js';
import { workerCommand } from './worker-command.js';

/** Every subcommand, in the order help lists them: the runtime image's and the local world's. */
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

export const main = createCli(SUBCOMMANDS);
