// Whether Redis answers now: the health check must not wait out a reconnect, as every other caller does.
import type { RedisClient } from '../store/redis-connection.js';

/** A PING slower than this counts as down: a health probe answers within its own timeout, not Redis's. */
export const REDIS_PING_TIMEOUT_MS = 1_000;

/**
 * How long an answer from Redis (a PING, the replay guard's write) vouches for it: the store gate asks on every
 * Slack request, and a PING each time would put a second round trip before every ack. In HTTP mode the replay
 * guard has just written for the same request, so the gate never waits; in Socket Mode it PINGs at most this
 * often. The price: Redis hanging within this window after an answer is noticed by the next check, not this one.
 */
export const REDIS_ANSWER_FRESH_MS = 250;

/** ioredis sends commands in these states; in the others (connecting, reconnecting, closed) it queues them. */
const CONNECTED = new Set(['connect', 'ready']);

/** Whether a command sent now goes out at once rather than waiting in the client's queue for a reconnect. */
export function redisConnected(client: RedisClient): boolean {
  return CONNECTED.has(client.status);
}

/**
 * Checks (PING, the replay guard's write) that outlived their bound and are still unanswered, per client. Redis
 * answers a connection's commands in order, so while one is pending anything sent now waits behind it: the
 * client counts as hung until they settle (answered after a thaw, or failed when the connection drops).
 */
const overdue = new WeakMap<RedisClient, Set<Promise<unknown>>>();

/** Whether a check sent on this client earlier is still unanswered past its bound (Redis hangs). */
export function redisStalled(client: RedisClient): boolean {
  return (overdue.get(client)?.size ?? 0) > 0;
}

/**
 * False at once while the client is not connected (a command would queue until Redis is back, for as long as
 * an outage lasts) or an earlier check is still unanswered (Redis hangs), else whether PING answers within
 * `timeoutMs`.
 */
export async function redisAnswers(client: RedisClient, timeoutMs = REDIS_PING_TIMEOUT_MS): Promise<boolean> {
  if (!redisConnected(client) || redisStalled(client)) return false;
  const ping = client.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  const answered = (await answeredWithin(client, ping, timeoutMs)) ?? false;
  if (answered) noteRedisAnswered(client);
  return answered;
}

/** When Redis last answered a check within its bound, per client (performance.now() time). */
const lastAnswered = new WeakMap<RedisClient, number>();
/** The PING in flight for `redisAnsweredLately`, per client: concurrent requests share it. */
const pinging = new WeakMap<RedisClient, Promise<boolean>>();

/** Records that Redis answered a check on this client just now (within its bound). */
export function noteRedisAnswered(client: RedisClient, now = performance.now()): void {
  lastAnswered.set(client, now);
}

/**
 * `redisAnswers`, but an answer within the last `freshForMs` counts without asking again, and concurrent
 * callers share one PING. Still false at once while the client is not connected or a check is overdue.
 */
export async function redisAnsweredLately(
  client: RedisClient,
  { freshForMs = REDIS_ANSWER_FRESH_MS, timeoutMs = REDIS_PING_TIMEOUT_MS, now = performance.now() } = {},
): Promise<boolean> {
  if (!redisConnected(client) || redisStalled(client)) return false;
  const last = lastAnswered.get(client);
  if (last !== undefined && now - last <= freshForMs) return true;
  const shared = pinging.get(client);
  if (shared) return shared;
  const ping = redisAnswers(client, timeoutMs).finally(() => pinging.delete(client));
  pinging.set(client, ping);
  return ping;
}

/**
 * What `work` (a command sent on `client`, which must not reject) resolves to, or undefined once `timeoutMs`
 * has passed first. The work goes on; until it settles, `redisStalled(client)` is true, so later checks on
 * the same hung connection answer at once instead of each waiting out its own bound.
 */
export async function answeredWithin<T>(
  client: RedisClient,
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
