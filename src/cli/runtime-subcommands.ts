// The subcommands of the runtime image: what runs in production, beside a real Slack and real AWS. Nothing
// here reaches the sandbox, the Slack emulator or the demo (dependency-cruiser's `runtime-image-only` rule),
// so the image can leave them out (scripts/stage-runtime.mjs).
import { auditExportCommand } from './audit-command.js';
import { botCommand } from './bot-command.js';
import { doctorCommand } from './doctor-command.js';
import { eventsSetupCommand, eventsTeardownCommand } from './events-command.js';
import { startCommand } from './start-command.js';
import type { Subcommand } from './subcommand.js';
import { workerCommand } from './worker-command.js';

export const RUNTIME_SUBCOMMANDS: readonly Subcommand[] = [
  botCommand,
  workerCommand,
  startCommand,
  eventsSetupCommand,
  eventsTeardownCommand,
  doctorCommand,
  auditExportCommand,
];
