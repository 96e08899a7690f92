// Patch compliance as read from each account × region: what one managed instance reports, and what a place said.
import type { Target } from '../organization/organization.js';

/** One managed instance's patch state after its last Patch Manager scan. */
export interface InstancePatchCompliance {
  instanceId: string;
  accountId: string;
  region: string;
  compliant: boolean;
  /** Applicable patches not installed (MissingCount). */
  missing: number;
  /** Missing patches of Critical severity (CriticalNonCompliantCount). */
  critical: number;
  /** Missing security patches (SecurityNonCompliantCount). */
  security: number;
  /** Patches whose installation failed (FailedCount). */
  failed: number;
  /** When the last scan or install ended; undefined when the instance never reported. */
  lastOperationAt?: Date;
}

/** Why a place could not be read; each gets its own fix in Slack. */
export type UnreadableReason =
  | 'region-not-enabled'
  /** The read role is missing, or does not trust the bot. */
  | 'no-read-role'
  /** The role was assumed, but it may not call the compliance APIs. */
  | 'access-denied'
  /** AWS kept throttling or did not answer; the next refresh tries again. */
  | 'unanswered';

/** What reading one account × region gave: its instances, or why there are none to show. */
export type PlaceCompliance =
  | { kind: 'read'; target: Target; instances: InstancePatchCompliance[] }
  | { kind: 'unreadable'; target: Target; reason: UnreadableReason; message: string };

/** Every place read at one time: what the cache keeps and the roll-up summarises. */
export interface ComplianceSnapshot {
  readAt: Date;
  places: PlaceCompliance[];
}
