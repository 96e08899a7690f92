// Wires the process (argv, streams, signals, exit) to a testable CLI main(): shared by the full CLI (src/cli.ts)
// and the runtime image's (src/runtime-cli.ts).

import { startTracingFor } from '../telemetry/start-tracing-for.js';
import type { CliMain } from './create-cli.js';
import { unsupportedNodeReason } from './node-support.js';

const shutdownSignal = () =>
  new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });

/**
 * Once main() has returned, every part it started has been closed (or, past SHUTDOWN_TIMEOUT_MS, dropped). A
 * handle left open after that (a client still reconnecting to a Redis that is gone, say) must not keep the
 * process alive until a supervisor SIGKILLs it: the unref'd timer fires only if the event loop did not drain.
 */
function exitOnceSettled(code: number): void {
  setTimeout(() => {
    const handles = process.getActiveResourcesInfo();
    process.stderr.write(
      `ssm-chatops: still holding ${handles.join(', ') || 'timers'} ${EXIT_GRACE_MS} ms after stopping; exiting with ${code}\n`,
    );
    process.exit(code);
  }, EXIT_GRACE_MS).unref();
}

const EXIT_GRACE_MS = 2_000;

async function run(argv: string[], loadMain: () => Promise<{ main: CliMain }>): Promise<number> {
  // Tracing first (when the environment asks for it): its instrumentations patch modules as they load, and
  // main() loads every subcommand's modules.
  const tracing = await startTracingFor(argv, process.env);
  const { main } = await loadMain();
  return main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    shutdownSignal,
    ...(tracing && { tracing }),
  });
}

/** Runs the CLI `loadMain` gives (loaded after tracing starts) on this process's argv, and exits with its code. */
export function runProcess(loadMain: () => Promise<{ main: CliMain }>): void {
  const unsupported = unsupportedNodeReason(process.version);
  if (unsupported) {
    process.stderr.write(`${unsupported}\n`);
    process.exit(1);
  }
  run(process.argv.slice(2), loadMain).then(
    (code) => {
      process.exitCode = code;
      exitOnceSettled(code);
    },
    (error: unknown) => {
      process.stderr.write(
        `ssm-chatops: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
