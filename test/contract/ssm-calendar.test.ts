// Change Calendar state through the real SDK, over simulated time: before, inside and after each window.
import { GetCalendarStateCommand, InvalidDocument, InvalidDocumentType } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

// The default fixture: ProductionFreeze (DEFAULT_OPEN) has a freeze 2026-12-20 → 2027-01-05;
// WeekendMaintenanceWindow (DEFAULT_CLOSED) opens 2026-11-28 01:00 → 05:00.
const START = new Date('2026-11-28T00:30:00Z');

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox({ startTime: START });
});
afterAll(() => env.close());

const stateOf = (CalendarNames: string[], AtTime?: string) =>
  env.ssm().send(new GetCalendarStateCommand({ CalendarNames, AtTime }));

describe('GetCalendarState over simulated time', () => {
  it('when the clock moves through a maintenance window, then the DEFAULT_CLOSED calendar opens and closes again', async () => {
    env.sandbox.reset({ startTime: START });
    const before = await stateOf(['WeekendMaintenanceWindow']);
    expect(before).toMatchObject({
      State: 'CLOSED',
      AtTime: '2026-11-28T00:30:00Z',
      NextTransitionTime: '2026-11-28T01:00:00Z',
    });

    await env.control.advance(30 * 60);
    const opening = await stateOf(['WeekendMaintenanceWindow']);
    expect(opening).toMatchObject({
      State: 'OPEN',
      AtTime: '2026-11-28T01:00:00Z',
      NextTransitionTime: '2026-11-28T05:00:00Z',
    });

    await env.control.advance(4 * 60 * 60);
    const after = await stateOf(['WeekendMaintenanceWindow']);
    expect(after.State).toBe('CLOSED');
    expect(after.AtTime).toBe('2026-11-28T05:00:00Z');
    expect(after.NextTransitionTime).toBeUndefined();
  });

  it('when asked at times around a freeze, then the DEFAULT_OPEN calendar is closed only during it', async () => {
    expect(await stateOf(['ProductionFreeze'], '2026-12-19T23:59:59Z')).toMatchObject({
      State: 'OPEN',
      AtTime: '2026-12-19T23:59:59Z',
      NextTransitionTime: '2026-12-20T00:00:00Z',
    });
    expect(await stateOf(['ProductionFreeze'], '2026-12-24T12:00:00Z')).toMatchObject({
      State: 'CLOSED',
      NextTransitionTime: '2027-01-05T00:00:00Z',
    });
    const after = await stateOf(['ProductionFreeze'], '2027-01-05T00:00:00Z');
    expect(after.State).toBe('OPEN');
    expect(after.NextTransitionTime).toBeUndefined();
  });

  it('when several calendars are asked together, then the answer is OPEN only while all of them are open', async () => {
    const both = ['ProductionFreeze', 'WeekendMaintenanceWindow'];
    expect(await stateOf(both, '2026-11-28T02:00:00Z')).toMatchObject({
      State: 'OPEN',
      NextTransitionTime: '2026-11-28T05:00:00Z',
    });
    // Closed from the end of the window on; the freeze keeps it closed, so no transition is ahead.
    const later = await stateOf(both, '2026-12-21T00:00:00Z');
    expect(later.State).toBe('CLOSED');
    expect(later.NextTransitionTime).toBeUndefined();
  });

  it('when a calendar is named by ARN, then it is found like its name', async () => {
    const arn = `arn:aws:ssm:ap-northeast-1:${OPERATIONS_ACCOUNT}:document/ProductionFreeze`;
    expect((await stateOf([arn], '2026-12-24T12:00:00Z')).State).toBe('CLOSED');
  });
});

describe('GetCalendarState refusals', () => {
  it('when a calendar does not exist, then the SDK raises InvalidDocument', async () => {
    await expect(stateOf(['NoSuchCalendar'])).rejects.toBeInstanceOf(InvalidDocument);
    await expect(stateOf(['ProductionFreeze', 'NoSuchCalendar'])).rejects.toBeInstanceOf(InvalidDocument);
  });

  it('when the document is an Automation runbook, then the SDK raises InvalidDocumentType', async () => {
    await expect(stateOf(['AWS-RestartEC2Instance'])).rejects.toBeInstanceOf(InvalidDocumentType);
  });

  it('when AtTime is not ISO 8601 or no calendar is named, then the request is invalid', async () => {
    await expect(stateOf(['ProductionFreeze'], 'next tuesday')).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(stateOf([])).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
