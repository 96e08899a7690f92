// One run of a delivery job: bring Slack up to the message's latest version, or say when to come back.
import { classifySlackFailure } from './classify-slack-failure.js';
import {
  type DeliverySettings,
  type DeliveryStep,
  decideDelivery,
  type WaitReason,
} from './decide-delivery.js';
import type { OutboxRecord } from './outbox-record.js';
import type { OutboxStore } from './outbox-store.js';
import type { SendPermits } from './send-permits.js';
import type { SlackMessages } from './slack-messages.js';
import type { OutboxMethod } from './slack-method-rates.js';

/** What happened to a message, for logs, metrics and tests. */
export type DeliveryEvent =
  | { kind: 'posted' | 'edited' | 'found'; key: string; ts: string; version: number }
  | { kind: 'gave-up'; key: string; version: number; reason: string }
  /** The job comes back later: the coalescing window, the parent's post, or a send permit (pacing, Retry-After). */
  | { kind: 'waiting'; key: string; untilMs: number; reason: WaitReason | 'permit' }
  | { kind: 'rate-limited'; key: string; method: OutboxMethod; retryAfterMs: number }
  /** A first delivery's call failed (a transport fault or an unexpected Slack error): a job retries it. */
  | { kind: 'faulted'; key: string; error: string };

export interface DeliveryDeps {
  store: OutboxStore;
  permits: SendPermits;
  slack: SlackMessages;
  settings: DeliverySettings;
  now: () => number;
  report: (event: DeliveryEvent) => void;
}

export type DeliveryOutcome =
  | { kind: 'settled' }
  /** Come back at `atMs` (coalescing, waiting for the parent, a send permit, or Retry-After). */
  | { kind: 'later'; atMs: number }
  /** Slack refused the latest version (or its parent never came); the generation has ended. */
  | { kind: 'gave-up'; reason: string };

/** A run does at most this many steps (a post, then a final edit, …) before it yields to other keys. */
const MAX_STEPS_PER_RUN = 4;

export interface DeliveryTurn {
  /** The deliverNow caller that leased this generation (jobs wait out the lease). */
  holdsLease?: boolean;
  /** Default MAX_STEPS_PER_RUN. */
  maxSteps?: number;
}

/**
 * Transport faults and Slack's own errors are thrown, for BullMQ to retry with backoff; the posting mark stays,
 * so the retry looks for the post before posting again.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  key: string,
  generation: number,
  turn: DeliveryTurn = {},
): Promise<DeliveryOutcome> {
  const { store, now } = deps;
  for (let step = 0; step < (turn.maxSteps ?? MAX_STEPS_PER_RUN); step++) {
    const record = await store.load(key);
    // Another generation owns the key (this job is a leftover), or the record expired.
    if (!record || record.generation !== generation) return { kind: 'settled' };
    const parent = await store.parentOf(record);
    const next = decideDelivery(record, parent, now(), deps.settings, turn.holdsLease);
    switch (next.kind) {
      case 'settled':
        if ((await store.finish(key, generation, now())) !== 'more') return { kind: 'settled' };
        break;
      case 'wait':
        deps.report({ kind: 'waiting', key, untilMs: next.untilMs, reason: next.reason });
        return { kind: 'later', atMs: next.untilMs };
      case 'give-up': {
        const outcome = await giveUp(deps, key, generation, next.version, next.reason);
        if (outcome) return outcome;
        break;
      }
      default: {
        const outcome = await send(deps, record, generation, next);
        if (outcome) return outcome;
      }
    }
  }
  return { kind: 'later', atMs: now() };
}

type SendStep = Extract<DeliveryStep, { kind: 'post' | 'edit' | 'find-earlier-post' }>;

const methodOf = (step: SendStep, record: OutboxRecord): OutboxMethod =>
  step.kind === 'post'
    ? record.content?.files
      ? 'files.completeUploadExternal'
      : 'chat.postMessage'
    : step.kind === 'edit'
      ? 'chat.update'
      : step.threadTs
        ? 'conversations.replies'
        : 'conversations.history';

/** Takes a send permit, makes the call, and turns Slack's refusals into outcomes; undefined means go on. */
async function send(
  deps: DeliveryDeps,
  record: OutboxRecord,
  generation: number,
  step: SendStep,
): Promise<DeliveryOutcome | undefined> {
  const { key } = record;
  const method = methodOf(step, record);
  const permit = await deps.permits.take(
    key,
    method,
    record.channel,
    deps.now(),
    record.threadOf ? 'thread' : 'top',
  );
  if (permit.kind === 'wait') {
    deps.report({ kind: 'waiting', key, untilMs: permit.untilMs, reason: 'permit' });
    return { kind: 'later', atMs: permit.untilMs };
  }
  try {
    await call(deps, record, step);
    return undefined;
  } catch (error) {
    const failure = classifySlackFailure(error);
    switch (failure.kind) {
      case 'rate-limited': {
        const at = deps.now() + failure.retryAfterMs;
        await deps.permits.block(method, at, deps.now());
        // A 429 means Slack did not take the post: there is nothing to look for.
        if (step.kind === 'post') await deps.store.clearPosting(key);
        deps.report({ kind: 'rate-limited', key, method, retryAfterMs: failure.retryAfterMs });
        return { kind: 'later', atMs: at };
      }
      case 'message-gone':
        if (step.kind !== 'edit') throw faultOf(method, key, 'Slack answered message_not_found');
        await deps.store.forgetTs(key, step.ts);
        return undefined;
      case 'refused':
        return giveUp(deps, key, generation, step.version, failure.error);
      case 'fault':
        throw faultOf(method, key, failure.summary);
    }
  }
}

/** The call itself, with the bookkeeping that makes it safe to repeat. */
async function call(deps: DeliveryDeps, record: OutboxRecord, step: SendStep): Promise<void> {
  const { store, slack, now, report } = deps;
  const { key } = record;
  switch (step.kind) {
    case 'post': {
      await store.markPosting(key, step.version, now());
      const ts = await slack.post(record, step.threadTs);
      await store.recordSent(key, ts, step.version, now());
      report({ kind: 'posted', key, ts, version: step.version });
      return;
    }
    case 'edit':
      await slack.update(record, step.ts);
      await store.recordSent(key, step.ts, step.version, now());
      report({ kind: 'edited', key, ts: step.ts, version: step.version });
      return;
    case 'find-earlier-post': {
      const ts = await slack.findPosted(record, step.threadTs, step.sinceMs);
      const postedVersion = record.posting?.version ?? 0;
      if (ts) {
        await store.recordSent(key, ts, postedVersion, now());
        report({ kind: 'found', key, ts, version: postedVersion });
      } else {
        await store.clearPosting(key);
      }
      return;
    }
  }
}

/** Records the refusal; undefined when a newer version arrived meanwhile (it gets its own try). */
async function giveUp(
  deps: DeliveryDeps,
  key: string,
  generation: number,
  version: number,
  reason: string,
): Promise<DeliveryOutcome | undefined> {
  const outcome = await deps.store.finish(key, generation, deps.now(), { version, reason });
  deps.report({ kind: 'gave-up', key, version, reason });
  return outcome === 'more' ? undefined : { kind: 'gave-up', reason };
}

/** Carries the key and method, never the request: the WebClient's own errors may hold its headers. */
const faultOf = (method: string, key: string, summary: string) =>
  new Error(`slack outbox: ${method} for ${key} failed: ${summary}`);
