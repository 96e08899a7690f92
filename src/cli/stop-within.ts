// Stops a process's parts in order within a deadline, and drops whatever has not stopped by then.

/** A started part of a long-running subcommand: the bot, a worker, the connections they share. */
export interface Stoppable {
  /** Orderly: stop taking work, let what is in hand finish, release connections (QUIT, not a dropped socket). */
  close(): Promise<void>;
  /**
   * After `close` ran out of time: drop connections and in-flight work at once, waiting for nothing. Must leave
   * no timer or socket behind (a reconnecting Redis client keeps the process alive until it is disconnected).
   */
  forceClose(): void;
}

export interface NamedStoppable extends Stoppable {
  name: string;
}

export interface StopOutcome {
  /** The parts that had not closed when the deadline passed and were force-closed, in order; empty when clean. */
  abandoned: string[];
  /** What `close` threw, by part: an orderly close that failed still counts as closed. */
  failures: Array<{ part: string; error: unknown }>;
}

/**
 * Closes `parts` one after another (the order matters: stop taking work before closing the connections it
 * uses), for at most `timeoutMs` in all. A Redis outage makes an orderly close wait for as long as the outage
 * lasts — ioredis queues QUIT until it reconnects, BullMQ waits for its blocking connection — so after the
 * deadline every part not yet closed is force-closed instead.
 */
export async function stopWithin(parts: NamedStoppable[], timeoutMs: number): Promise<StopOutcome> {
  const open = new Set(parts.map((part) => part.name));
  const failures: StopOutcome['failures'] = [];
  const orderly = (async () => {
    for (const part of parts) {
      await part.close().catch((error: unknown) => failures.push({ part: part.name, error }));
      open.delete(part.name);
    }
    return 'closed' as const;
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    if ((await Promise.race([orderly, deadline])) === 'closed') return { abandoned: [], failures };
  } finally {
    clearTimeout(timer);
  }
  const abandoned = parts.filter((part) => open.has(part.name));
  for (const part of abandoned) {
    try {
      part.forceClose();
    } catch (error) {
      failures.push({ part: part.name, error });
    }
  }
  return { abandoned: abandoned.map((part) => part.name), failures };
}
