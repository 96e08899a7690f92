// openChangeWindow: the window job of a scheduled change goes on with it at its start, and only then.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import { openChangeWindow } from '../../src/use-cases/open-change-window.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const START_AT = '2026-06-02T03:00:00.000Z';

let context: TestRunContext;
beforeEach(() => {
  // The test context's calendars are OPEN: the window's start is the only thing in the way.
  context = aRunContext({ templates: [aChangeTemplate()] });
});

async function aChange(request: Partial<ChangeRequest> = {}) {
  await context.approvals.changes.create(
    aStoredChange({
      request: { id: ID, status: 'scheduled', level: 2, window: { startAt: START_AT }, ...request },
    }),
  );
}

const status = async () => (await context.approvals.changes.get(ID))?.request.status;

describe('openChangeWindow', () => {
  it('when the job runs before the window (clock skew), then the change stays scheduled, holding its locks, and says when to come back', async () => {
    await aChange();
    context.clock.set('2026-06-02T02:59:00.000Z');

    expect(await openChangeWindow(context, ID)).toEqual({ outcome: 'not-due', dueInMs: 60_000 });

    expect(await status()).toBe('scheduled');
    const change = (await context.approvals.changes.get(ID))!;
    expect(await context.approvals.changes.lockHolder(change.lockKeys)).toBe(ID);
  });

  it('when the window has opened, then the change starts', async () => {
    await aChange();
    context.clock.set(START_AT);

    expect(await openChangeWindow(context, ID)).toEqual({ outcome: 'opened' });

    expect(await status()).toBe('started');
    const actions = (await context.audit.timeline(ID)).map((entry) => entry.action);
    expect(actions).toEqual(['change.window-opened', 'run.started']);
  });

  it('when the change is still pending at its window, then the job does nothing: the approval will start it', async () => {
    await aChange({ status: 'pending', level: 0 });
    context.clock.set(START_AT);

    expect(await openChangeWindow(context, ID)).toEqual({ outcome: 'nothing-to-do' });
    expect(await status()).toBe('pending');
  });
});
