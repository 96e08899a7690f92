// Keeps App Homes current: when a change is raised or decided, or a run ends, the Homes of the people it concerns
// are republished — coalesced per person, so a burst of votes and child updates is one views.publish each.
import type { Logger } from 'pino';
import type { ChangeTemplate } from '../../core/approval/change-template-schema.js';
import type { StoredChange } from '../../core/approval/stored-change.js';
import type { Run, RunStatus } from '../../core/run/run.js';
import type { ChangeNotifier, RunNotifier } from '../../ports.js';

/**
 * How long a refresh waits for more news about the same person. views.publish is Tier 4 (100+ a minute): one
 * publish per person per 2 s keeps even a busy approver far below it, and the Home is a glance, not a live feed.
 */
export const HOME_REFRESH_DELAY_MS = 2_000;

const ENDED: readonly RunStatus[] = ['succeeded', 'completed-with-errors', 'failed', 'cancelled'];

export interface HomeRefresherOptions {
  logger: Logger;
  /** Members of a Slack user group (approvers named by group). */
  membersOf: (groupId: string) => Promise<string[]>;
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class HomeRefresher {
  private readonly pending = new Map<string, unknown>();
  private publish: ((userId: string) => Promise<void>) | undefined;

  constructor(private readonly options: HomeRefresherOptions) {}

  /** What publishes one person's Home; until it is set (the services are still being built) nothing is refreshed. */
  publishWith(publish: (userId: string) => Promise<void>): void {
    this.publish = publish;
  }

  /** Republishes each person's Home once, after the delay, however often they are named before it passes. */
  refresh(userIds: Iterable<string>): void {
    if (!this.publish) return;
    const setTimer = this.options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref());
    for (const userId of new Set(userIds)) {
      if (this.pending.has(userId)) continue;
      const timer = setTimer(() => {
        this.pending.delete(userId);
        this.publish?.(userId).catch((error: unknown) =>
          this.options.logger.warn({ err: error, user: userId }, 'could not refresh an App Home'),
        );
      }, this.options.delayMs ?? HOME_REFRESH_DELAY_MS);
      this.pending.set(userId, timer);
    }
  }

  /** The refreshes not yet made are dropped (shutdown). */
  close(): void {
    const clearTimer = this.options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
    for (const timer of this.pending.values()) clearTimer(timer);
    this.pending.clear();
  }

  /** `notifier`, and each change shown refreshes its requester's, voters' and approvers' Homes. */
  watchChanges(notifier: ChangeNotifier): ChangeNotifier {
    return {
      showChange: async (change, template) => {
        await notifier.showChange(change, template);
        this.refresh(await this.concernedBy(change, template));
      },
      noteInThread: (change, eventKey, note) => notifier.noteInThread(change, eventKey, note),
      showRequesterLink: (change) => notifier.showRequesterLink(change),
    };
  }

  /** `notifier`, and a run shown as ended refreshes its requester's Home. */
  watchRuns(notifier: RunNotifier): RunNotifier {
    return {
      postRunMessage: (run) => notifier.postRunMessage(run),
      showRun: async (run: Run) => {
        await notifier.showRun(run);
        if (ENDED.includes(run.status)) this.refresh([run.requester.userId]);
      },
      showRunNotStarted: (run) => notifier.showRunNotStarted(run),
      showChild: (run, child) => notifier.showChild(run, child),
      announceFailure: (run, child) => notifier.announceFailure(run, child),
      showGroup: (run, group) => notifier.showGroup(run, group),
      showFailureSummary: (run, failures) => notifier.showFailureSummary(run, failures),
      shareResults: (run, files) => notifier.shareResults(run, files),
      announceExternalFailure: (channel, failure) => notifier.announceExternalFailure(channel, failure),
      noteRetry: (original, note) => notifier.noteRetry(original, note),
      messageLink: (runId) => notifier.messageLink(runId),
    };
  }

  /** The requester, who voted or rejected, and every approver of every level (their lists may change with it). */
  private async concernedBy({ request }: StoredChange, template: ChangeTemplate): Promise<string[]> {
    const approvers = template.levels.flatMap((level) => level.approvers);
    const groups = await Promise.all(
      approvers
        .flatMap((approver) => approver.userGroups ?? [])
        .map((group) => this.options.membersOf(group)),
    ).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not read approver groups to refresh App Homes');
      return [];
    });
    return [
      request.requester,
      ...request.votes.map((vote) => vote.userId),
      ...(request.rejection ? [request.rejection.by] : []),
      ...approvers.flatMap((approver) => approver.users ?? []),
      ...groups.flat(),
    ];
  }
}
