// The results files of a run: one row per target (every target, whatever became of it), RFC 4180 CSV that no
// spreadsheet reads as a formula, and JSON for scripts.
import { describe, expect, it } from 'vitest';
import type { ChildExecution } from '../../src/core/run/run.js';
import {
  runResultFiles,
  runResultRows,
  runResultsCsv,
  runResultsJson,
} from '../../src/core/run/run-results.js';
import { aRun } from '../support/builders.js';
import { anOrganization } from '../support/organization-builder.js';

const child = (fields: Partial<ChildExecution> & Pick<ChildExecution, 'accountId' | 'accountName'>) =>
  ({ region: 'ap-northeast-1', status: 'Success', ...fields }) as ChildExecution;

/** A cancelled fan-out run: one success, one step failure, one refused start, one never started, one cancelled. */
const ended = aRun({
  mode: 'fan-out',
  status: 'cancelled',
  cancelledBy: 'U0OPERATE1',
  children: [
    child({ accountId: '555555555501', accountName: 'dev-shared', status: 'Queued' }),
    child({
      accountId: '333333333301',
      accountName: 'payments-prod',
      region: 'us-east-1',
      executionId: 'e-2',
      status: 'Failed',
      startedAt: '2025-06-02T01:00:00.000Z',
      endedAt: '2025-06-02T01:01:02.500Z',
      failure: { reason: 'startInstances', message: 'Step fails when it is Executing.' },
      steps: [
        {
          name: 'stopInstances',
          action: 'aws:changeInstanceState',
          status: 'Success',
          outputs: { InstanceStates: ['stopped'] },
        },
        {
          name: 'startInstances',
          action: 'aws:changeInstanceState',
          status: 'Failed',
          failureMessage: 'Instance i-0a1b2c3d4e5f60718 could not start, "capacity", try later',
        },
      ],
    }),
    child({
      accountId: '333333333301',
      accountName: 'payments-prod',
      executionId: 'e-1',
      startedAt: '2025-06-02T01:00:00.000Z',
      endedAt: '2025-06-02T01:00:30.000Z',
      steps: [
        {
          name: 'stopInstances',
          action: 'aws:changeInstanceState',
          status: 'Success',
          outputs: { InstanceStates: ['stopped'], 'stopInstances.Extra': ['x'] },
        },
      ],
    }),
    child({
      accountId: '444444444401',
      accountName: 'payments-staging',
      status: 'StartFailed',
      failure: { reason: 'AccessDenied', message: 'User is not authorized to perform sts:AssumeRole' },
    }),
    child({
      accountId: '444444444402',
      accountName: 'identity-staging',
      executionId: 'e-3',
      status: 'Cancelled',
    }),
  ],
});

describe('runResultRows', () => {
  it('when a run ends with every kind of target, then each has a row, by account name, id and region', () => {
    const rows = runResultRows(ended, anOrganization());
    expect(rows.map((row) => `${row.accountName}:${row.region}:${row.status}`)).toEqual([
      'dev-shared:ap-northeast-1:Queued',
      'identity-staging:ap-northeast-1:Cancelled',
      'payments-prod:ap-northeast-1:Success',
      'payments-prod:us-east-1:Failed',
      'payments-staging:ap-northeast-1:StartFailed',
    ]);
  });

  it('when a step failed, then the row names the step, its message and the time it took; outputs are step.Output', () => {
    const [, , success, failed] = runResultRows(ended, anOrganization());
    expect(failed).toMatchObject({
      executionId: 'e-2',
      ou: 'Workloads/Production',
      ouId: 'ou-sbx1-prod0001',
      failedStep: 'startInstances',
      failureMessage: 'Instance i-0a1b2c3d4e5f60718 could not start, "capacity", try later',
      durationSeconds: 62.5,
      outputs: { 'stopInstances.InstanceStates': ['stopped'] },
    });
    expect(success).toMatchObject({
      failedStep: null,
      failureMessage: null,
      durationSeconds: 30,
      outputs: { 'stopInstances.InstanceStates': ['stopped'], 'stopInstances.Extra': ['x'] },
    });
  });

  it('when a target never started, then its row has its status and the refusal, and nothing it did not have', () => {
    const rows = runResultRows(ended, anOrganization());
    expect(rows.find((row) => row.status === 'StartFailed')).toEqual({
      accountId: '444444444401',
      accountName: 'payments-staging',
      ou: 'Workloads/Staging',
      ouId: 'ou-sbx1-stage001',
      region: 'ap-northeast-1',
      executionId: null,
      status: 'StartFailed',
      failedStep: null,
      failureMessage: 'User is not authorized to perform sts:AssumeRole',
      startedAt: null,
      endedAt: null,
      durationSeconds: null,
      outputs: {},
    });
  });

  it('when the organization is unknown (or the account not in it), then the OU is blank, not a guess', () => {
    expect(runResultRows(ended).map((row) => [row.ou, row.ouId])).toEqual(Array(5).fill(['', null]));
    const underRoot = runResultRows(
      aRun({ children: [child({ accountId: '111111111111', accountName: 'management' })] }),
      anOrganization(),
    );
    expect(underRoot[0]).toMatchObject({ ou: '', ouId: null });
  });
});

describe('runResultsCsv', () => {
  it('when rows are written, then there is a header, CRLF line ends, and quotes only where RFC 4180 needs them', () => {
    const csv = runResultsCsv(runResultRows(ended, anOrganization()));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'account_id,account_name,ou,region,execution_id,status,failed_step,failure_message,duration_seconds,outputs',
    );
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe('555555555501,dev-shared,Workloads/Development,ap-northeast-1,,Queued,,,,');
    expect(lines[4]).toBe(
      '333333333301,payments-prod,Workloads/Production,us-east-1,e-2,Failed,startInstances,' +
        '"Instance i-0a1b2c3d4e5f60718 could not start, ""capacity"", try later",62.5,' +
        '"{""stopInstances.InstanceStates"":[""stopped""]}"',
    );
  });

  it('when a cell holds a line break, then it is quoted and the line break kept', () => {
    const [row] = runResultRows(
      aRun({
        children: [
          child({ accountId: '1', accountName: 'a', failure: { reason: 'x', message: 'one\ntwo' } }),
        ],
      }),
    );
    expect(runResultsCsv([row!]).split('\r\n')[1]).toBe('1,a,,ap-northeast-1,,Success,,"one\ntwo",,');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+cmd|" /C calc"!A0', `"'+1+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tlead', "'\tlead"],
    ['plain = not a formula', 'plain = not a formula'],
  ])(
    'when an account name is %j, then the cell is %s: no spreadsheet takes it for a formula',
    (name, cell) => {
      const [row] = runResultRows(aRun({ children: [child({ accountId: '1', accountName: name })] }));
      expect(runResultsCsv([row!]).split('\r\n')[1]).toBe(`1,${cell},,ap-northeast-1,,Success,,,,`);
    },
  );

  it('when a failure message starts with a minus, then it is neutralised too (any text column can carry one)', () => {
    const [row] = runResultRows(
      aRun({
        children: [
          child({ accountId: '1', accountName: 'a', failure: { reason: 'x', message: '-1 instances' } }),
        ],
      }),
    );
    expect(runResultsCsv([row!])).toContain(",'-1 instances,");
  });
});

describe('runResultsJson and runResultFiles', () => {
  it('when the files are made, then they are named after the run and the JSON holds the run and every row', () => {
    const [csv, json] = runResultFiles(ended, anOrganization());
    expect(csv).toMatchObject({ name: 'run-7k3m9q2x-results.csv', title: 'run-7k3m9q2x results (CSV)' });
    expect(json).toMatchObject({ name: 'run-7k3m9q2x-results.json', title: 'run-7k3m9q2x results (JSON)' });
    const parsed = JSON.parse(json!.content) as { run: Record<string, unknown>; targets: unknown[] };
    expect(parsed.run).toEqual({
      id: 'run-7k3m9q2x',
      runbook: 'AWS-RestartEC2Instance',
      mode: 'fan-out',
      status: 'cancelled',
      requestedBy: 'U0REQUEST1',
      channel: 'C0OPS00001',
      createdAt: '2025-06-02T01:00:00.000Z',
      updatedAt: '2025-06-02T01:00:00.000Z',
      cancelledBy: 'U0OPERATE1',
    });
    expect(parsed.targets).toEqual(JSON.parse(JSON.stringify(runResultRows(ended, anOrganization()))));
    expect(runResultsJson(ended, [])).toMatch(/"targets": \[\]\n}\n$/);
  });
});
