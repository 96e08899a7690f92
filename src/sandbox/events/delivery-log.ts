// A bounded record of what happened to each matched target, for white-box checks and troubleshooting.

export type DeliveryOutcome = 'delivered' | 'denied' | 'failed' | 'dropped';

export interface DeliveryRecord {
  eventId: string;
  busArn: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  outcome: DeliveryOutcome;
  /** HTTP attempts made, for API destinations. */
  attempts?: number;
  /** The last HTTP status, for API destinations. */
  status?: number;
  reason?: string;
}

const CAPACITY = 1_000;

export class DeliveryLog {
  private readonly records: DeliveryRecord[] = [];

  add(record: DeliveryRecord): void {
    this.records.push(record);
    if (this.records.length > CAPACITY) this.records.splice(0, this.records.length - CAPACITY);
  }

  /** The most recent records, oldest first. */
  list(): DeliveryRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
  }
}
