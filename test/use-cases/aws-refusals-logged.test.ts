// The AWS refusals a flow tolerates are logged at warn with the account, region, AWS's code and message, and
// nothing else (no credentials, no role session): polling, starting, cancelling and reading an outside failure.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionStatusEvent } from '../../src/core/events/automation-status-event.js';
import type { ChildFailure } from '../../src/core/run/run.js';
import type { AutomationGateway, AutomationOutcome } from '../../src/ports.js';
import { cancelRun } from '../../src/use-cases/cancel-run.js';
import { ingestAutomationEvent } from '../../src/use-cases/ingest-automation-event.js';
import { pollLocation } from '../../src/use-cases/poll-location.js';
import { startChildren } from '../../src/use-cases/start-children.js';
import { aRun } from '../support/builders.js';
import { HOME_ACCOUNT_ID } from '../support/organization-builder.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aSubject } from '../support/run-request-builder.js';

const PAYMENTS = { accountId: '333333333301', region: 'ap-northeast-1' };
const NO_READ_ROLE: ChildFailure = {
  reason: 'AccessDenied',
  message:
    'User: arn:aws:sts::222222222222:assumed-role/ssm-chatops/bot is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::333333333301:role/SsmChatOpsReadRole',
};
const refused = async (): Promise<AutomationOutcome<never>> => ({ ok: false, failure: NO_READ_ROLE });

/** Every call refused with AccessDenied, as an account without the bot's roles answers. */
const refusingAutomation: AutomationGateway = {
  homeAccountId: async () => HOME_ACCOUNT_ID,
  startMultiAccount: refused,
  startInAccount: refused,
  stop: refused,
  describe: refused,
  describeExecutions: refused,
};

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext({
    automation: refusingAutomation,
    settings: { notificationsChannel: 'C0NOTIFY01' },
  });
});

/** The warn lines' fields, exactly: what an operator reads, and proof nothing else (a secret) rode along. */
const warnings = () => context.log.at('warn').map((line) => line.fields);
const refusalIn = (place: { accountId: string; region: string }) => ({
  ...place,
  reason: 'AccessDenied',
  message: NO_READ_ROLE.message,
});

/** A failed execution in payments-prod that nobody started from Slack. */
const anOutsideFailure: ExecutionStatusEvent = {
  kind: 'execution',
  eventId: 'evt-1',
  ...PAYMENTS,
  time: '2026-06-02T01:29:00Z',
  executionId: 'f3a1c2d4-0000-4000-8000-000000000009',
  status: 'Failed',
  definition: 'AWS-RestartEC2Instance',
};

describe('AWS refusals a flow goes on without', () => {
  it('when a place refuses the read role, then the poll logs it with account and region', async () => {
    await context.tracker.track(PAYMENTS, [
      { kind: 'execution', executionId: 'f3a1c2d4-0000-4000-8000-000000000001', runId: 'run-7k3m9q2x' },
    ]);

    await pollLocation(context, PAYMENTS);

    expect(warnings()).toEqual([refusalIn(PAYMENTS)]);
  });

  it('when a fan-out child cannot be started, then the start logs the refusal with the run, account and region', async () => {
    const run = aRun({ mode: 'fan-out' });
    run.children = run.children.slice(0, 1).map((child) => ({ ...child, ...PAYMENTS, status: 'Queued' }));
    await context.runs.create(run);

    await startChildren(context, run.id);

    expect(warnings()).toEqual([{ runId: run.id, ...refusalIn(PAYMENTS) }]);
    expect((await context.runs.get(run.id))?.children[0]?.status).toBe('StartFailed');
  });

  it('when the multi-account start is refused, then it is logged with the operations account and home region', async () => {
    const run = aRun();
    await context.runs.create(run);

    await startChildren(context, run.id);

    expect(warnings()).toEqual([
      { runId: run.id, ...refusalIn({ accountId: HOME_ACCOUNT_ID, region: 'ap-northeast-1' }) },
    ]);
  });

  it('when a stop is refused, then the canceller is told and the log says where', async () => {
    const run = aRun({ mode: 'fan-out', status: 'running' });
    run.children = [{ ...run.children[0]!, ...PAYMENTS, status: 'InProgress', executionId: 'exec-1' }];
    await context.runs.create(run);

    const result = await cancelRun(context, run.id, aSubject({ userId: run.requester.userId }));

    expect(result).toMatchObject({ kind: 'cancelled', stopped: 0, failures: [{ ...PAYMENTS }] });
    expect(warnings()).toEqual([{ runId: run.id, ...refusalIn(PAYMENTS) }]);
  });

  it('when an outside failure cannot be read, then its thread still opens and the refusal is logged', async () => {
    const event = anOutsideFailure;

    expect(await ingestAutomationEvent(context, event)).toMatchObject({ kind: 'failure-thread' });
    expect(warnings()).toEqual([{ executionId: event.executionId, ...refusalIn(PAYMENTS) }]);
  });

  it('when Organizations cannot be read either, then the thread names the account by id and the log says why', async () => {
    context.accounts = {
      organization: async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      },
    };

    await ingestAutomationEvent(context, anOutsideFailure);

    expect(context.notifier.externalFailures[0]?.failure.accountName).toBeUndefined();
    expect(warnings()).toContainEqual({ ...PAYMENTS, message: 'Rate exceeded' });
  });
});
