// expireChange: the expiry job closes a pending or held change once its time is up, and only then.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import { expireChange } from '../../src/use-cases/expire-change.js';
import { aChangeTemplate, EXPIRES_AT } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext({ templates: [aChangeTemplate()] });
});

async function aChange(request: Partial<ChangeRequest> = {}) {
  await context.approvals.changes.create(aStoredChange({ request: { id: ID, ...request } }));
}

const status = async () => (await context.approvals.changes.get(ID))?.request.status;

describe('expireChange', () => {
  it.each(['pending', 'held'] as const)('when a %s change’s time is up, then it is expired', async (was) => {
    await aChange({ status: was });
    context.clock.set(EXPIRES_AT);

    expect(await expireChange(context, ID)).toEqual({ outcome: 'expired' });

    expect(await status()).toBe('expired');
  });

  it('when the job runs before the change is due, then nothing changes and it says when to come back', async () => {
    await aChange();
    context.clock.set('2026-06-03T00:59:00.000Z');

    expect(await expireChange(context, ID)).toEqual({ outcome: 'not-due', dueInMs: 60_000 });

    expect(await status()).toBe('pending');
  });

  it.each(['approved', 'started', 'rejected'] as const)(
    'when the change is %s by then, then there is nothing to do',
    async (was) => {
      await aChange({ status: was });
      context.clock.set(EXPIRES_AT);

      expect(await expireChange(context, ID)).toEqual({ outcome: 'nothing-to-do' });

      expect(await status()).toBe(was);
    },
  );

  it('when the change does not exist, then there is nothing to do', async () => {
    expect(await expireChange(context, ID)).toEqual({ outcome: 'nothing-to-do' });
  });
});
