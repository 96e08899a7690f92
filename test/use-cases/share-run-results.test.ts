// A run's results files: shared once, when the writer that stored its end tells Slack, with every target and its OU.
import { describe, expect, it } from 'vitest';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import { notifyRunChanges } from '../../src/use-cases/notify-run-changes.js';
import { shareRunResults } from '../../src/use-cases/share-run-results.js';
import { aRun } from '../support/builders.js';
import { aRunContext } from '../support/run-context-builder.js';

const running = aRun({ mode: 'fan-out', status: 'running' });

/** The run ended: the first child succeeded, the second failed, the others never started (cancelled). */
function ended(status: Run['status'] = 'cancelled'): Run {
  const outcomes: Array<Partial<ChildExecution>> = [
    { status: 'Success', executionId: 'e-1' },
    { status: 'Failed', executionId: 'e-2', failure: { reason: 'x', message: 'boom' } },
    { status: 'Queued' },
    { status: 'Queued' },
  ];
  return {
    ...running,
    status,
    children: running.children.map((child, index) => ({ ...child, ...outcomes[index] })),
  };
}

const csvLines = (content: string) => content.trimEnd().split('\r\n');

describe('shareRunResults through notifyRunChanges', () => {
  it('when a run ends, then its CSV and JSON files are shared once, with a row for every target', async () => {
    const context = aRunContext();

    await notifyRunChanges(context, running, ended());
    // Later writes of the ended run (steps read afterwards, a repeated poll) share nothing again.
    await notifyRunChanges(context, ended(), { ...ended(), updatedAt: '2026-06-02T02:00:00.000Z' });

    expect(context.notifier.results).toHaveLength(1);
    const [csv, json] = context.notifier.results[0]!.files;
    expect([csv?.name, json?.name]).toEqual(['run-7k3m9q2x-results.csv', 'run-7k3m9q2x-results.json']);
    expect(csvLines(csv!.content).slice(1)).toEqual([
      '333333333301,payments-prod,Workloads/Production,ap-northeast-1,e-1,Success,,,,',
      '333333333301,payments-prod,Workloads/Production,us-east-1,e-2,Failed,,boom,,',
      '444444444401,payments-staging,Workloads/Staging,ap-northeast-1,,Queued,,,,',
      '444444444401,payments-staging,Workloads/Staging,us-east-1,,Queued,,,,',
    ]);
    expect(JSON.parse(json!.content).targets).toHaveLength(4);
  });

  it('when a run is still going, then no files are shared', async () => {
    const context = aRunContext();

    await notifyRunChanges(context, running, { ...running, status: 'cancelling' });

    expect(context.notifier.results).toEqual([]);
  });
});

describe('shareRunResults', () => {
  it('when the organization cannot be read, then the files are shared without OUs and the gap is logged', async () => {
    const context = aRunContext({
      accounts: {
        organization: async () => {
          throw new Error('TooManyRequestsException: Rate exceeded');
        },
      },
    });

    await shareRunResults(context, ended('completed-with-errors'));

    const [csv] = context.notifier.results[0]!.files;
    expect(csvLines(csv!.content)[1]).toBe('333333333301,payments-prod,,ap-northeast-1,e-1,Success,,,,');
    expect(context.log.at('warn')).toEqual([
      {
        level: 'warn',
        fields: { runId: 'run-7k3m9q2x', error: 'TooManyRequestsException: Rate exceeded' },
        message: 'the organization could not be read: the results files name no OU',
      },
    ]);
  });
});
