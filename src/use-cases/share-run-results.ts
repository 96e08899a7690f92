// A run has ended: its results, one row per target with the OU each account sits in, go to its thread as files.
import type { Organization } from '../core/organization/organization.js';
import type { Run } from '../core/run/run.js';
import { runResultFiles } from '../core/run/run-results.js';
import type { RunContext } from './run-context.js';

/**
 * The organization names the OUs; when it cannot be read (Organizations throttled or down), the files go without
 * them rather than not at all: the run's end is seen once, by the writer that stored it.
 */
export async function shareRunResults(
  context: Pick<RunContext, 'accounts' | 'notifier' | 'log'>,
  run: Run,
): Promise<void> {
  let organization: Organization | undefined;
  try {
    organization = await context.accounts.organization();
  } catch (error) {
    context.log.warn(
      { runId: run.id, error: error instanceof Error ? error.message : String(error) },
      'the organization could not be read: the results files name no OU',
    );
  }
  await context.notifier.shareResults(run, runResultFiles(run, organization));
}
