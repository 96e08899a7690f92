// What the thread of a retried (or repeated) run is told: who clicked, what, and the run or change it made.
import type { ChangeStatus } from '../approval/change-request.js';
import type { RunOrigin } from './run.js';

export interface RetryNote {
  /** Who clicked Retry failed or Run again. */
  userId: string;
  kind: RunOrigin['kind'];
  /** How many targets the new run goes to. */
  targets: number;
  /** `permalink`: where Slack shows the new run's message, when it was posted and Slack said where. */
  next:
    | { kind: 'run'; runId: string; permalink?: string }
    | { kind: 'change'; changeId: string; status: ChangeStatus };
}
