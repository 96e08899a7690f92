// BullMQ queue names and deterministic job ids: one place, so producers and workers agree.

export const QueueName = {
  /** One job per run: starts fan-out children, reads statuses, keeps Slack current until the run ends. */
  followRun: 'follow-run',
} as const;

/** One follow job per run at a time: BullMQ ignores an add whose job id already exists. */
export const followRunJobId = (runId: string) => `follow-${runId}`;

export interface FollowRunJobData {
  runId: string;
  /** The delay before this tick, so the follower can back off while nothing moves. */
  delayMs?: number;
}
