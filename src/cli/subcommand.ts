// What a CLI subcommand is: its name, help, flags, and a run function that returns an exit code.
import type { ParseArgsConfig } from 'node:util';
import type { Tracing } from '../telemetry/start-tracing-for.js';

/** Everything a subcommand may touch of the outside world, injected so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  isTty: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running subcommands await it. */
  shutdownSignal(): Promise<string>;
  /** OpenTelemetry tracing, when the process started it (bot, worker and start; see start-tracing-for.ts). */
  tracing?: Tracing;
}

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface Subcommand {
  name: string;
  summary: string;
  /** Help text after the usage line: flags and examples. */
  help: string;
  flags: FlagSpec;
  run(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}
