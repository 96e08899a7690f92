// The runtime image's CLI: the bot, the worker and their operations commands; no sandbox, emulator or demo.
import { createCli } from './create-cli.js';
import { RUNTIME_SUBCOMMANDS } from './runtime-subcommands.js';

export const main = createCli(RUNTIME_SUBCOMMANDS);
