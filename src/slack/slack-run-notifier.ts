// RunNotifier over Slack: the parent message tried at once (a channel the bot cannot post in stops the run
// before anything starts), then every message kept current through the outbox, keyed per run and child, and the
// results files shared in the thread once the run has ended.
import type { ExternalFailure } from '../core/events/external-failure.js';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import { errorThresholdStop, wasStopped } from '../core/run/error-threshold-stop.js';
import type { RetryNote } from '../core/run/retry-note.js';
import { isChildFinished } from '../core/run/roll-up-run.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import type { RunResultFile } from '../core/run/run-results.js';
import {
  DEFAULT_GROUP_REPLIES_ABOVE,
  type FailureGroup,
  type ThreadGroup,
} from '../core/run/thread-layout.js';
import type { OutboxMessage, RunMessagePost, RunNotifier, SlackContent, SlackOutbox } from '../ports.js';
import { isChannelUnavailable } from './outbox/classify-slack-failure.js';
import { renderChildReply } from './render/render-child-reply.js';
import { renderExternalFailure } from './render/render-external-failure.js';
import { renderFailureNotice } from './render/render-failure-notice.js';
import { renderFailureSummary } from './render/render-failure-summary.js';
import { renderGroupReply } from './render/render-group-reply.js';
import { renderResultsComment } from './render/render-results-comment.js';
import { renderRetryNote } from './render/render-retry-note.js';
import { renderRunMessage } from './render/render-run-message.js';
import { renderRunNotStarted } from './render/render-run-not-started.js';
import { childrenColour, RunColour, runColour } from './render/run-colour.js';
import type { SlackMessage } from './render/slack-message.js';

/** The outbox keys of a run's messages. */
export const RunMessageKey = {
  parent: (run: Pick<Run, 'id'>) => `run:${run.id}:parent`,
  child: (run: Pick<Run, 'id'>, child: Pick<ChildExecution, 'accountId' | 'region'>) =>
    `run:${run.id}:child:${child.accountId}:${child.region}`,
  failure: (run: Pick<Run, 'id'>, child: Pick<ChildExecution, 'accountId' | 'region'>) =>
    `run:${run.id}:failure:${child.accountId}:${child.region}`,
  group: (run: Pick<Run, 'id'>, group: Pick<ThreadGroup, 'key'>) => `run:${run.id}:group:${group.key}`,
  failureSummary: (run: Pick<Run, 'id'>) => `run:${run.id}:failures`,
  results: (run: Pick<Run, 'id'>) => `run:${run.id}:results`,
  retry: (run: Pick<Run, 'id'>, next: RetryNote['next']) =>
    `run:${run.id}:retry:${next.kind === 'run' ? next.runId : next.changeId}`,
};

/**
 * How often a grouped (large) run's messages may be edited while they change (their last state goes at once).
 * Every edit is a chat.update, 50 a minute for the whole workspace: a 3,000-target run that edited its parent and
 * tables at the outbox's 3 s would spend minutes of that pace on states nobody can read so fast, and its thread
 * would finish late. The parent shows the progress, so it moves most often; the tables and the failure summary
 * follow it.
 */
export const GROUPED_RUN_EDIT_EVERY_MS = { parent: 15_000, failureSummary: 30_000, group: 60_000 } as const;

export interface SlackRunNotifierOptions {
  /** Runs with more targets than this group their thread (`threadLayout`) and edit at the paces above. */
  groupRepliesAbove?: number;
  /** Where a run's message is (`runMessageLink`), so a retry and its original link to each other. */
  messageLink?: (runId: string) => Promise<string | undefined>;
}

export class SlackRunNotifier implements RunNotifier {
  private readonly groupRepliesAbove: number;

  constructor(
    private readonly outbox: SlackOutbox,
    private readonly now: () => Date = () => new Date(),
    private readonly options: SlackRunNotifierOptions = {},
  ) {
    this.groupRepliesAbove = options.groupRepliesAbove ?? DEFAULT_GROUP_REPLIES_ABOVE;
  }

  messageLink(runId: string): Promise<string | undefined> {
    return this.options.messageLink?.(runId) ?? Promise.resolve(undefined);
  }

  /** The pace of `kind` for this run: undefined (the outbox's own) unless its thread is grouped. */
  private editEveryMs(run: Pick<Run, 'children'>, kind: keyof typeof GROUPED_RUN_EDIT_EVERY_MS) {
    return run.children.length > this.groupRepliesAbove ? GROUPED_RUN_EDIT_EVERY_MS[kind] : undefined;
  }

  /**
   * Through the outbox, so the parent has one deliverer: a start asked for twice, or a post retried while the
   * outbox already showed a later state, cannot put a second message in the channel.
   */
  async postRunMessage(run: Run): Promise<RunMessagePost> {
    const delivery = await this.outbox.deliverNow(this.parentMessage(run));
    switch (delivery.kind) {
      case 'shown':
        return { kind: 'posted', ts: delivery.ts };
      case 'pending':
        return delivery;
      case 'refused':
        if (isChannelUnavailable(delivery.reason))
          return { kind: 'channel-unavailable', channelId: run.channelId, reason: delivery.reason };
        throw new Error(`Slack refused the message of run ${run.id}: ${delivery.reason}`);
    }
  }

  showRun(run: Run): Promise<void> {
    return this.outbox.upsert(this.parentMessage(run));
  }

  /**
   * Final, and a revision past the one the start posted, so a retried post of "Starting" that lands later
   * changes nothing. If the post never happened, this posts the notice: the requester learns the run did not start.
   */
  showRunNotStarted(run: Run): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.parent(run),
      channel: run.channelId,
      content: inAttachment(renderRunNotStarted(run), RunColour.neutral),
      final: true,
      revision: run.revision + 1,
    });
  }

  showChild(run: Run, child: ChildExecution): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.child(run, child),
      channel: run.channelId,
      threadOf: RunMessageKey.parent(run),
      content: renderChildReply({ child, stop: wasStopped(child) ? errorThresholdStop(run) : undefined }),
      // A child's last state is not held back by the pause between edits.
      final: isChildFinished(child),
      revision: run.revision,
    });
  }

  announceFailure(run: Run, child: ChildExecution): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.failure(run, child),
      channel: run.channelId,
      threadOf: RunMessageKey.parent(run),
      content: renderFailureNotice(run, child),
      broadcast: true,
      postOnly: true,
    });
  }

  showGroup(run: Run, group: ThreadGroup): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.group(run, group),
      channel: run.channelId,
      threadOf: RunMessageKey.parent(run),
      content: inAttachment(renderGroupReply(group), childrenColour(group.children)),
      final: group.children.every(isChildFinished),
      revision: run.revision,
      editEveryMs: this.editEveryMs(run, 'group'),
    });
  }

  showFailureSummary(run: Run, failures: readonly FailureGroup[]): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.failureSummary(run),
      channel: run.channelId,
      threadOf: RunMessageKey.parent(run),
      content: renderFailureSummary(run, failures),
      // Broadcast once, then edited in place as failures come: the channel sees one notice per run.
      broadcast: true,
      final: isRunFinished(run),
      revision: run.revision,
      editEveryMs: this.editEveryMs(run, 'failureSummary'),
    });
  }

  /**
   * One post-only message of the outbox, keyed per run: posted once whoever upserts it, adopted again after a crash
   * mid-share (found by its files' names), retried after a 429 or a fault, never edited.
   */
  shareResults(run: Run, files: readonly RunResultFile[]): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.results(run),
      channel: run.channelId,
      threadOf: RunMessageKey.parent(run),
      content: { text: renderResultsComment(run), files: files.map((file) => ({ ...file })) },
      postOnly: true,
    });
  }

  announceExternalFailure(channel: string, failure: ExternalFailure): Promise<void> {
    return this.outbox.upsert({
      key: `external:${failure.executionId}`,
      channel,
      content: renderExternalFailure(failure),
      postOnly: true,
    });
  }

  /** Post-only in the original's thread, keyed by the run or change it made: one note per retry. */
  noteRetry(original: Run, note: RetryNote): Promise<void> {
    return this.outbox.upsert({
      key: RunMessageKey.retry(original, note.next),
      channel: original.channelId,
      threadOf: RunMessageKey.parent(original),
      content: renderRetryNote(note),
      postOnly: true,
    });
  }

  private parentMessage(run: Run): OutboxMessage {
    return {
      key: RunMessageKey.parent(run),
      channel: run.channelId,
      content: this.runContent(run),
      final: isRunFinished(run),
      revision: run.revision,
      editEveryMs: this.editEveryMs(run, 'parent'),
    };
  }

  /** The message inside an attachment, whose colour bar turns red when anything failed. */
  private runContent(run: Run): SlackContent {
    return inAttachment(renderRunMessage(run, this.now()), runColour(run));
  }
}

/**
 * A message's headline block on top and the rest inside an attachment: the colour bar, and where Slack puts a
 * table anyway. A message with top-level blocks uses its text only as the notification fallback; with
 * attachments alone Slack shows the text above them, so the summary read twice.
 */
function inAttachment({ text, blocks }: SlackMessage, color: string): SlackContent {
  const [headline, ...rest] = blocks;
  if (!headline) return { text };
  return { text, blocks: [headline], ...(rest.length > 0 ? { attachments: [{ color, blocks: rest }] } : {}) };
}
