// What every listener gets: the run flows' context, the drafts of open modals, and a logger.
import type { Logger } from 'pino';
import type { RunDraftStore, SlackOutbox } from '../../ports.js';
import type {
  CheckOrganizationDependencies,
  CheckOrganizationRequest,
} from '../../use-cases/check-organization.js';
import type { ComplianceServices } from '../../use-cases/compliance-services.js';
import type { RunContext } from '../../use-cases/run-context.js';

export interface SlackListenerContext {
  run: RunContext & { drafts: RunDraftStore };
  logger: Logger;
  /** `/ssm doctor`; without it the command says the check is not available here. */
  doctor?: DoctorServices;
  /** `/ssm compliance` and its buttons; absent where a test wires no compliance reader. */
  compliance?: ComplianceServices;
}

/** What `/ssm doctor` needs: a fresh check each time, what to check, and the outbox its message goes through. */
export interface DoctorServices {
  /** The check's dependencies, with a credentials cache of its own: a role removed since must show as removed. */
  newCheck(): CheckOrganizationDependencies;
  /** Every member account, in the configured regions, calendars and channels. */
  request: CheckOrganizationRequest;
  outbox: SlackOutbox;
}
