// What every listener gets: the run flows' context, the drafts of open modals, and a logger.
import type { Logger } from 'pino';
import type { RunDraftStore } from '../../ports.js';
import type { RunContext } from '../../use-cases/run-context.js';

export interface SlackListenerContext {
  run: RunContext & { drafts: RunDraftStore };
  logger: Logger;
}
