// Ports that record what the flows asked of them, for use-case tests: the scheduler, the notifiers and the log.
// They decide nothing and render nothing, so tests assert on what was asked, not on Slack wording.
import type { ChangeNote } from '../../src/core/approval/change-note.js';
import type { ChangeTemplate } from '../../src/core/approval/change-template-schema.js';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import type { ExternalFailure } from '../../src/core/events/external-failure.js';
import type { RetryNote } from '../../src/core/run/retry-note.js';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import type { RunResultFile } from '../../src/core/run/run-results.js';
import type { FailureGroup, ThreadGroup } from '../../src/core/run/thread-layout.js';
import type { ExecutionLocation } from '../../src/core/tracking/tracked-location.js';
import type { ChangeNotifier, FlowLog, RunMessagePost, RunNotifier, WorkScheduler } from '../../src/ports.js';

/** Every job the flows asked for, with its delay; nothing runs. */
export class RecordingWorkScheduler implements WorkScheduler {
  readonly polls: Array<{ location: ExecutionLocation; delayMs?: number }> = [];
  readonly starts: Array<{ runId: string; delayMs?: number }> = [];
  readonly expiries: Array<{ changeId: string; delayMs: number }> = [];
  readonly windows: Array<{ changeId: string; delayMs: number }> = [];

  async pollLocation(location: ExecutionLocation, delayMs?: number): Promise<void> {
    this.polls.push({ location: { ...location }, ...(delayMs !== undefined && { delayMs }) });
  }

  async startChildren(runId: string, delayMs?: number): Promise<void> {
    this.starts.push({ runId, ...(delayMs !== undefined && { delayMs }) });
  }

  async expireChange(changeId: string, delayMs: number): Promise<void> {
    this.expiries.push({ changeId, delayMs });
  }

  async openChangeWindow(changeId: string, delayMs: number): Promise<void> {
    this.windows.push({ changeId, delayMs });
  }

  /** Forgets what was recorded, so a test sees only what its own step asked for. */
  clear(): void {
    this.polls.length = 0;
    this.starts.length = 0;
    this.expiries.length = 0;
    this.windows.length = 0;
  }

  /** `accountId:region` of every poll asked for, in order. */
  polledPlaces(): string[] {
    return this.polls.map(({ location }) => `${location.accountId}:${location.region}`);
  }
}

/** What a run showed in Slack, as values: which run, which child and its status at the time. */
export class RecordingRunNotifier implements RunNotifier {
  readonly posted: Run[] = [];
  readonly runs: Run[] = [];
  readonly children: Array<{ runId: string; child: ChildExecution }> = [];
  readonly failures: Array<{ runId: string; child: ChildExecution }> = [];
  readonly results: Array<{ runId: string; files: RunResultFile[] }> = [];
  readonly externalFailures: Array<{ channel: string; failure: ExternalFailure }> = [];
  readonly groups: Array<{ runId: string; group: ThreadGroup }> = [];
  readonly failureSummaries: Array<{ runId: string; failures: FailureGroup[]; runStatus: Run['status'] }> =
    [];
  /** Set to make `postRunMessage` throw, as a fault of the outbox's own store would. */
  outboxDown = false;
  /** Set to make `postRunMessage` answer `pending`, as when Slack is rate-limiting or unreachable. */
  slackBusy = false;
  /** Channels the bot cannot post in (a private channel it is not in): `postRunMessage` says so. */
  readonly unavailableChannels = new Set<string>();

  async postRunMessage(run: Run): Promise<RunMessagePost> {
    if (this.outboxDown) throw new Error('the outbox is down (recording notifier)');
    if (this.unavailableChannels.has(run.channelId)) {
      return { kind: 'channel-unavailable', channelId: run.channelId, reason: 'channel_not_found' };
    }
    this.posted.push(structuredClone(run));
    if (this.slackBusy) return { kind: 'pending' };
    return { kind: 'posted', ts: `1700000000.${String(this.posted.length).padStart(6, '0')}` };
  }

  async showRun(run: Run): Promise<void> {
    this.runs.push(structuredClone(run));
  }

  /** Runs whose parent message was closed as never started. */
  readonly notStarted: Run[] = [];

  async showRunNotStarted(run: Run): Promise<void> {
    this.notStarted.push(structuredClone(run));
  }

  async showChild(run: Run, child: ChildExecution): Promise<void> {
    this.children.push({ runId: run.id, child: structuredClone(child) });
  }

  async announceFailure(run: Run, child: ChildExecution): Promise<void> {
    this.failures.push({ runId: run.id, child: structuredClone(child) });
  }

  async showGroup(run: Run, group: ThreadGroup): Promise<void> {
    this.groups.push({ runId: run.id, group: structuredClone(group) });
  }

  async showFailureSummary(run: Run, failures: readonly FailureGroup[]): Promise<void> {
    this.failureSummaries.push({
      runId: run.id,
      failures: structuredClone([...failures]),
      runStatus: run.status,
    });
  }

  async shareResults(run: Run, files: readonly RunResultFile[]): Promise<void> {
    this.results.push({ runId: run.id, files: structuredClone([...files]) });
  }

  async announceExternalFailure(channel: string, failure: ExternalFailure): Promise<void> {
    this.externalFailures.push({ channel, failure: structuredClone(failure) });
  }

  /** Notes in a retried run's thread: which run, and what was said. */
  readonly retryNotes: Array<{ runId: string; note: RetryNote }> = [];

  async noteRetry(original: Run, note: RetryNote): Promise<void> {
    this.retryNotes.push({ runId: original.id, note: structuredClone(note) });
  }

  /** Permalinks by run id, as a test sets them; none otherwise (a message not posted yet). */
  readonly links = new Map<string, string>();

  async messageLink(runId: string): Promise<string | undefined> {
    return this.links.get(runId);
  }

  clear(): void {
    for (const list of [
      this.posted,
      this.runs,
      this.children,
      this.failures,
      this.results,
      this.externalFailures,
      this.groups,
      this.failureSummaries,
    ])
      list.length = 0;
  }

  /** The statuses the parent message was shown with, in order. */
  shownStatuses(): string[] {
    return this.runs.map((run) => run.status);
  }
}

/** What a change showed in Slack: the request message, the requester's link and the thread notes, by kind. */
export class RecordingChangeNotifier implements ChangeNotifier {
  readonly shown: Array<{ change: StoredChange; template: string }> = [];
  readonly links: StoredChange[] = [];
  readonly notes: Array<{ changeId: string; eventKey: string; note: ChangeNote }> = [];

  async showChange(change: StoredChange, template: ChangeTemplate): Promise<void> {
    this.shown.push({ change: structuredClone(change), template: template.name });
  }

  async noteInThread(change: StoredChange, eventKey: string, note: ChangeNote): Promise<void> {
    this.notes.push({ changeId: change.request.id, eventKey, note: structuredClone(note) });
  }

  async showRequesterLink(change: StoredChange): Promise<void> {
    this.links.push(structuredClone(change));
  }

  noteKinds(): string[] {
    return this.notes.map(({ note }) => note.kind);
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Every line a flow logged, with its fields. */
export class RecordingFlowLog implements FlowLog {
  readonly lines: Array<{ level: LogLevel; fields: object; message: string }> = [];

  debug(fields: object, message: string): void {
    this.lines.push({ level: 'debug', fields, message });
  }
  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: object, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: object, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }

  at(level: LogLevel): Array<{ fields: object; message: string }> {
    return this.lines.filter((line) => line.level === level);
  }
}
