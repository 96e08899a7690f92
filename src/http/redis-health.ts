// Whether Redis answers now: the health check must not wait out a reconnect, as every other caller does.
import type { Redis } from 'ioredis';

/** A PING slower than this counts as down: a health probe answers within its own timeout, not Redis's. */
export const REDIS_PING_TIMEOUT_MS = 1_000;

/** ioredis sends commands in these states; in the others (connecting, reconnecting, closed) it queues them. */
const CONNECTED = new Set(['connect', 'ready']);

/** Whether a command sent now goes out at once rather than waiting in the client's queue for a reconnect. */
export function redisConnected(client: Redis): boolean {
  return CONNECTED.has(client.status);
}

/**
 * Checks (PING, the replay guard's write) that outlived their bound and are still unanswered, per client. Redis
 * answers a connection's commands in order, so while one is pending anything sent now waits behind it: the
 * client counts as hung until they settle (answered after a thaw, or failed when the connection drops).
 */
const overdue = new WeakMap<Redis, Set<Promise<unknown>>>();

/** Whether a check sent on this client earlier is still unanswered past its bound (Redis hangs). */
export function redisStalled(client: Redis): boolean {
  return (overdue.get(client)?.size ?? 0) > 0;
}

/**
 * False at once while the client is not connected (a command would queue until Redis is back, for as long as
 * an outage lasts) or an earlier check is still unanswered (Redis hangs), else whether PING answers within
 * `timeoutMs`.
 */
export async function redisAnswers(client: Redis, timeoutMs = REDIS_PING_TIMEOUT_MS): Promise<boolean> {
  if (!redisConnected(client) || redisStalled(client)) return false;
  const ping = client.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  return (await answeredWithin(client, ping, timeoutMs)) ?? false;
}

/**
 * What `work` (a command sent on `client`, which must not reject) resolves to, or undefined once `timeoutMs`
 * has passed first. The work goes on; until it settles, `redisStalled(client)` is true, so later checks on
 * the same hung connection answer at once instead of each waiting out its own bound.
 */
export async function answeredWithin<T>(
  client: Redis,
  work: Promise<T>,
  timeoutMs: number,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const answer = await Promise.race([work.then((value) => ({ value })), timedOut]);
    if (answer) return answer.value;
    const pending = overdue.get(client) ?? new Set();
    overdue.set(client, pending.add(work));
    const settle = () => pending.delete(work);
    work.then(settle, settle);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What `work` resolves to, or undefined once `timeoutMs` has passed first (the work goes on). Unlike
 * `answeredWithin`, it does not mark the client stalled: for work of several commands (queue counts, metrics).
 */
export async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
