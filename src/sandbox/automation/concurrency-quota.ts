// SSM's per-account, per-region Automation quota: so many executions run at once, further ones wait Pending
// in a bounded queue, and a start beyond that is refused with AutomationExecutionLimitExceededException.
import { AwsServiceError } from '../aws-error.js';

export interface AutomationQuotaSettings {
  /** Executions running at once per account and region (AWS default: 100; child automations count). */
  concurrentExecutions: number;
  /** Executions waiting Pending behind them (AWS: 1,000). */
  queuedExecutions: number;
}

export interface Admission {
  whenAdmitted(begin: () => void): void;
}

interface Lane {
  running: Set<string>;
  waiting: Array<{ id: string; begin: () => void }>;
}

export const automationLimitExceeded = (accountId: string, region: string, limit: number) =>
  new AwsServiceError(
    'AutomationExecutionLimitExceededException',
    `The number of simultaneously running Automation executions in ${accountId} ${region} exceeded the allowable limit of ${limit}, and the queue is full.`,
  );

export class ConcurrencyQuota {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly settings: AutomationQuotaSettings) {}

  /**
   * Takes a slot or a place in the queue for execution `id`, or throws AutomationExecutionLimitExceededException
   * when both are full (unless `mustQueue`: a child of a multi-account run, which SSM queues itself). The
   * returned admission runs `begin` once the execution holds a slot: at once, or when one frees.
   */
  reserve(key: { accountId: string; region: string }, id: string, mustQueue = false): Admission {
    const lane = this.lane(key);
    if (lane.running.size < this.settings.concurrentExecutions) {
      lane.running.add(id);
      return { whenAdmitted: (begin) => begin() };
    }
    if (!mustQueue && lane.waiting.length >= this.settings.queuedExecutions) {
      throw automationLimitExceeded(key.accountId, key.region, this.settings.concurrentExecutions);
    }
    const entry = { id, begin: () => {} };
    lane.waiting.push(entry);
    return {
      whenAdmitted: (begin) => {
        entry.begin = begin;
      },
    };
  }

  /** The execution ended (or was stopped while queued): frees its slot and starts the next in line. */
  release(key: { accountId: string; region: string }, id: string): void {
    const lane = this.lane(key);
    const queuedAt = lane.waiting.findIndex((entry) => entry.id === id);
    if (queuedAt >= 0) {
      lane.waiting.splice(queuedAt, 1);
      return;
    }
    if (!lane.running.delete(id)) return;
    const next = lane.waiting.shift();
    if (!next) return;
    lane.running.add(next.id);
    next.begin();
  }

  private lane({ accountId, region }: { accountId: string; region: string }): Lane {
    const key = `${accountId}|${region}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { running: new Set(), waiting: [] };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}
