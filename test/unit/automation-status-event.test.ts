// parseAutomationStatusEvent: AWS's and the sandbox's Automation events become typed values; anything else is ignored.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAutomationStatusEvent } from '../../src/core/events/automation-status-event.js';
import { parseAutomationTime } from '../../src/core/events/parse-automation-time.js';
import { executionStatusEvent, stepStatusEvent } from '../../src/sandbox/automation/automation-events.js';
import type { ExecutionRecord, StepRecord } from '../../src/sandbox/automation/execution.js';

/** Fixtures are read with JSON.parse, as the route reads bodies (an import could turn `__proto__` into a prototype). */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/eventbridge/${name}`, import.meta.url), 'utf8'));

const executionEvent = () => fixture('execution-status-change.json') as Record<string, unknown>;
const withDetail = (detail: Record<string, unknown>) => {
  const event = executionEvent();
  return { ...event, detail: { ...(event.detail as object), ...detail } };
};

describe('parseAutomationStatusEvent', () => {
  it('when AWS reports an execution status change, then every field is read and the times become ISO', () => {
    expect(parseAutomationStatusEvent(fixture('execution-status-change.json'))).toEqual({
      kind: 'execution',
      eventId: '5f3b7e2a-9c41-4d8e-b6a0-2e7f91c4d8b3',
      accountId: '333333333301',
      region: 'ap-northeast-1',
      time: '2026-05-01T10:15:42.000Z',
      executionId: '7c0e5d1a-3b2f-4e6a-9d8c-1f4b2a6e9c07',
      status: 'Failed',
      definition: 'AWS-RestartEC2Instance',
      startTime: '2026-05-01T10:14:58.000Z',
      endTime: '2026-05-01T10:15:40.000Z',
      executedBy: 'arn:aws:sts::333333333301:assumed-role/OpsEngineer/alice',
    });
  });

  it('when AWS reports a step status change, then the step name and action are read', () => {
    expect(parseAutomationStatusEvent(fixture('step-status-change.json'))).toEqual({
      kind: 'step',
      eventId: 'b81d0c6e-47a2-4f3e-8c15-6a9e2d7f0b44',
      accountId: '333333333301',
      region: 'ap-northeast-1',
      time: '2026-05-01T10:15:40.000Z',
      executionId: '7c0e5d1a-3b2f-4e6a-9d8c-1f4b2a6e9c07',
      status: 'Failed',
      definition: 'AWS-RestartEC2Instance',
      startTime: '2026-05-01T10:15:21.000Z',
      endTime: '2026-05-01T10:15:39.000Z',
      stepName: 'startInstances',
      action: 'aws:changeInstanceState',
    });
  });

  it('when a child of a multi-account run reports, then its parent execution id is kept', () => {
    expect(parseAutomationStatusEvent(fixture('child-execution-status-change.json'))).toMatchObject({
      kind: 'execution',
      accountId: '555555555501',
      region: 'us-east-1',
      status: 'Success',
      definition: 'Platform-CleanupUnusedAmis',
      parentExecutionId: 'a2f86c0d-1e4b-4c39-b7d5-3f9e0a6c8b12',
      startTime: '2026-05-01T11:00:51.004Z',
    });
  });

  it('when the sandbox emits its events, then they parse exactly like AWS’s', () => {
    const start = new Date('2026-05-01T09:00:00Z');
    const now = new Date('2026-05-01T09:01:30Z');
    const execution = {
      id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
      accountId: '444444444401',
      region: 'eu-west-1',
      documentName: 'Platform-VerifyBackupRestore',
      documentVersion: '2',
      status: 'Failed',
      startTime: start,
      endTime: now,
      executedBy: 'arn:aws:iam::222222222222:user/ssm-chatops',
      parentId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    } as unknown as ExecutionRecord;
    const step = {
      name: 'FailRestoreCheck',
      action: 'aws:executeScript',
      status: 'Failed',
      startTime: start,
      endTime: now,
    } as unknown as StepRecord;
    // Through JSON, as the API destination sends it.
    const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

    expect(
      parseAutomationStatusEvent(
        wire(executionStatusEvent('1b2c3d4e-0000-4000-8000-00000000aaaa', execution, now)),
      ),
    ).toEqual({
      kind: 'execution',
      eventId: '1b2c3d4e-0000-4000-8000-00000000aaaa',
      accountId: '444444444401',
      region: 'eu-west-1',
      time: now.toISOString(),
      executionId: execution.id,
      status: 'Failed',
      definition: 'Platform-VerifyBackupRestore',
      startTime: start.toISOString(),
      endTime: now.toISOString(),
      executedBy: 'arn:aws:iam::222222222222:user/ssm-chatops',
      parentExecutionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
    expect(
      parseAutomationStatusEvent(
        wire(stepStatusEvent('1b2c3d4e-0000-4000-8000-00000000bbbb', execution, step, now)),
      ),
    ).toMatchObject({
      kind: 'step',
      stepName: 'FailRestoreCheck',
      action: 'aws:executeScript',
      status: 'Failed',
    });
  });

  it('when the event comes from another service, then it is ignored with the reason', () => {
    expect(parseAutomationStatusEvent(fixture('ec2-instance-state-change.json'))).toEqual({
      kind: 'ignored',
      reason: 'source is not aws.ssm',
    });
    expect(
      parseAutomationStatusEvent({
        ...executionEvent(),
        'detail-type': 'EC2 Command Status-change Notification',
      }),
    ).toEqual({
      kind: 'ignored',
      reason: 'detail-type "EC2 Command Status-change Notification" is not an Automation status change',
    });
  });

  describe('hostile input (test/fixtures/eventbridge/hostile-events.json)', () => {
    const cases = fixture('hostile-events.json') as Array<{ case: string; reason: string; event: unknown }>;
    it.each(cases.map((item) => [item.case, item.reason, item.event] as const))(
      'when %s, then it is ignored: %s',
      (_name, reason, event) => {
        expect(parseAutomationStatusEvent(event)).toEqual({ kind: 'ignored', reason });
      },
    );
  });

  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['a function', () => 'aws.ssm'],
    ['a symbol', Symbol('aws.ssm')],
  ])('when the input is %s, then it is ignored', (_name, input) => {
    expect(parseAutomationStatusEvent(input)).toMatchObject({ kind: 'ignored' });
  });

  it('when reading a field throws (an exotic object, not JSON), then it is ignored and nothing is thrown', () => {
    const booby = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('boom');
        },
      },
    );
    expect(parseAutomationStatusEvent(booby)).toEqual({ kind: 'ignored', reason: 'unreadable event' });
  });

  it('when a field is absurdly long, then the event is ignored and the reason does not echo it', () => {
    const huge = 'x'.repeat(1_000_000);
    const result = parseAutomationStatusEvent({ ...executionEvent(), 'detail-type': huge });
    expect(result.kind).toBe('ignored');
    expect(JSON.stringify(result).length).toBeLessThan(200);
    expect(parseAutomationStatusEvent(withDetail({ StepName: huge }))).toMatchObject({ kind: 'execution' });
    const step = fixture('step-status-change.json') as Record<string, unknown>;
    expect(
      parseAutomationStatusEvent({ ...step, detail: { ...(step.detail as object), StepName: huge } }),
    ).toEqual({ kind: 'ignored', reason: 'detail.StepName is missing or malformed' });
  });

  it('when optional fields are malformed, then the event is kept without them', () => {
    const result = parseAutomationStatusEvent(
      withDetail({
        StartTime: 'Feb 30, 2026 1:00:00 PM',
        EndTime: { toString: 'now' },
        ExecutedBy: 'arn:aws:iam::1:user/a\u0007b',
        ParentExecutionId: 'not-a-uuid',
      }),
    );
    expect(result).toMatchObject({ kind: 'execution', status: 'Failed' });
    expect(result).not.toHaveProperty('startTime');
    expect(result).not.toHaveProperty('endTime');
    expect(result).not.toHaveProperty('executedBy');
    expect(result).not.toHaveProperty('parentExecutionId');
  });

  it.each([
    ['the envelope time is not a time', { time: 'yesterday' }, 'time is not a timestamp'],
    ['the envelope version is not 0', { version: '1' }, 'envelope version is not "0"'],
    ['the source has a trailing space', { source: 'aws.ssm ' }, 'source is not aws.ssm'],
    ['the region is not a region', { region: 'ap-northeast-1; rm -rf /' }, 'region is not a region name'],
    ['detail is missing', { detail: undefined }, 'detail is not an object'],
  ])('when %s, then it is ignored', (_name, patch, reason) => {
    expect(parseAutomationStatusEvent({ ...executionEvent(), ...patch })).toEqual({
      kind: 'ignored',
      reason,
    });
  });
});

describe('parseAutomationTime', () => {
  it.each([
    ['2026-05-01T10:15:42Z', '2026-05-01T10:15:42.000Z'],
    ['2026-05-01T10:15:42.318Z', '2026-05-01T10:15:42.318Z'],
    ['2026-05-01T19:15:42+09:00', '2026-05-01T10:15:42.000Z'],
    ['Nov 29, 2024 7:43:25 PM', '2024-11-29T19:43:25.000Z'],
    ['Nov 29, 2024 12:05:00 AM', '2024-11-29T00:05:00.000Z'],
    ['Nov 29, 2024 12:05:00 PM', '2024-11-29T12:05:00.000Z'],
  ])('when given %s, then it is %s', (text, iso) => {
    expect(parseAutomationTime(text)).toBe(iso);
  });

  it.each([
    'Feb 30, 2026 1:00:00 PM',
    'Nov 29, 2024 13:00:00 PM',
    'Nov 29, 2024 0:00:00 AM',
    'Foo 29, 2024 7:43:25 PM',
    '2026-13-01T00:00:00Z',
    '2026-05-01',
    'yesterday',
    '',
  ])('when given %j, then it is not a time', (text) => {
    expect(parseAutomationTime(text)).toBeUndefined();
  });
});
