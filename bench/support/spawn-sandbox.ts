// Starts bench/support/sandbox-process.ts as a child process and waits for its URL.
import { type SpawnedProcess, spawnProcess } from './spawn-process.js';

export interface SandboxProcess extends Omit<SpawnedProcess<{ url: string }>, 'ready'> {
  url: string;
}

export async function spawnSandbox(): Promise<SandboxProcess> {
  const spawned = await spawnProcess<{ url: string }>(new URL('./sandbox-process.ts', import.meta.url));
  return { ...spawned, url: spawned.ready.url };
}
