// The CLI's outside world for in-process tests: captured output, a given environment, an immediate stop signal.
import type { CliIo } from '../../src/cli/subcommand.js';

export function fakeCliIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    isTty: false,
    shutdownSignal: () => Promise.resolve('SIGTERM'),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}
