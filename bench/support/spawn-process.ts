// Starts a bench support script as a child process and waits for the one JSON line it prints when ready.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SpawnedProcess<T> {
  ready: T;
  child: ChildProcess;
  /** Resident set size in bytes, read from /proc. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Every process a benchmark started: killed when the benchmark ends or is interrupted, so none is left behind. */
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Registers a benchmark's child process for that cleanup. */
export function ownChild(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/**
 * Runs `script` with Node: through tsx by default; `nodeArgs` replaces that, e.g. to run a script that imports
 * only packages with Node's own type stripping, free of loader hooks.
 */
export async function spawnProcess<T>(
  script: URL,
  env: Record<string, string> = {},
  nodeArgs: string[] = ['--import', 'tsx'],
): Promise<SpawnedProcess<T>> {
  const child = spawn(process.execPath, [...nodeArgs, fileURLToPath(script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  ownChild(child);
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${script.pathname} exited early with code ${code}`);
    }),
  ])) as [string];
  return {
    ready: JSON.parse(first) as T,
    child,
    rssBytes: () => rssBytesOf(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export async function rssBytesOf(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** CPU time a process has used so far (user + system), in ms, from /proc (Linux; 10 ms resolution). */
export async function cpuMsOf(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of a process and all its descendants (e.g. the outside world and its redis-server), in ms. */
export async function cpuMsOfTree(pid: number | undefined): Promise<number> {
  let total = await cpuMsOf(pid).catch(() => 0);
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) total += await cpuMsOfTree(Number(child));
  }
  return total;
}

/** CPU time the whole machine spent busy and in all, summed over its cores, in ms (Linux /proc/stat). */
export async function machineCpuMs(): Promise<{ busyMs: number; totalMs: number }> {
  const stat = await readFile('/proc/stat', 'utf8');
  // cpu  user nice system idle iowait irq softirq steal …, in 10 ms ticks
  const [user, nice, system, idle, iowait, irq, softirq, steal] = stat
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busyMs: busy * 10, totalMs: (busy + idle! + iowait!) * 10 };
}
