// What every listener gets: the run flows' context, the drafts of open modals, and a logger.
import type { Logger } from 'pino';
import type { RunDraftStore } from '../../ports.js';
import type { ComplianceServices } from '../../use-cases/compliance-services.js';
import type { RunContext } from '../../use-cases/run-context.js';

export interface SlackListenerContext {
  run: RunContext & { drafts: RunDraftStore };
  logger: Logger;
  /** `/ssm compliance` and its buttons; absent where a test wires no compliance reader. */
  compliance?: ComplianceServices;
}
