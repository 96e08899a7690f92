// When a run of the patch runbook ends, compliance is read again: the answer after "Patch non-compliant" should
// not wait for the next scheduled read to show what the run fixed. Wraps the RunNotifier, whose shareResults is
// called once per run end.
import type { Logger } from 'pino';
import type { ComplianceRefresh, RunNotifier } from '../ports.js';

export function refreshComplianceAfterPatchRuns(
  notifier: RunNotifier,
  refresh: ComplianceRefresh,
  patchRunbook: string,
  logger: Logger,
): RunNotifier {
  return {
    postRunMessage: (run) => notifier.postRunMessage(run),
    showRun: (run) => notifier.showRun(run),
    showRunNotStarted: (run) => notifier.showRunNotStarted(run),
    showChild: (run, child) => notifier.showChild(run, child),
    announceFailure: (run, child) => notifier.announceFailure(run, child),
    showGroup: (run, group) => notifier.showGroup(run, group),
    showFailureSummary: (run, failures) => notifier.showFailureSummary(run, failures),
    shareResults: async (run, files) => {
      await notifier.shareResults(run, files);
      if (run.runbook.name !== patchRunbook) return;
      // The scheduled read makes up for a lost request: a failure here must not fail the run's end.
      await refresh
        .requestRefresh()
        .catch((error) => logger.warn({ err: error, runId: run.id }, 'could not ask for a compliance read'));
    },
    announceExternalFailure: (channel, failure) => notifier.announceExternalFailure(channel, failure),
    noteRetry: (original, note) => notifier.noteRetry(original, note),
    messageLink: (runId) => notifier.messageLink(runId),
  };
}
