// Starts bench/support/sandbox-process.ts as a child process and waits for its URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SandboxProcess {
  url: string;
  child: ChildProcess;
  /** Resident set size of the sandbox process in bytes, read from /proc. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export async function spawnSandbox(): Promise<SandboxProcess> {
  const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`sandbox process exited early with code ${code}`);
    }),
  ])) as [string];
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    child,
    rssBytes: async () => {
      const { readFile } = await import('node:fs/promises');
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
