// resolveSubject: who is asking, as the policy sees them, with the user groups the directory knows.
import { describe, expect, it } from 'vitest';
import { resolveSubject } from '../../src/use-cases/resolve-subject.js';
import { aRunContext } from '../support/run-context-builder.js';

describe('resolveSubject', () => {
  it('when a platform engineer asks, then the subject carries their groups, workspace, name and channel', async () => {
    const subject = await resolveSubject(aRunContext(), {
      userId: 'U0REQUEST1',
      channelId: 'C0OPS00001',
      teamId: 'T0TEAM0001',
      userName: 'alice',
    });

    expect(subject).toEqual({
      userId: 'U0REQUEST1',
      teamId: 'T0TEAM0001',
      userName: 'alice',
      channelId: 'C0OPS00001',
      userGroupIds: ['S0PLATFORM'],
    });
  });

  it('when someone in no group asks without a workspace or name, then the subject has no groups and no such fields', async () => {
    const subject = await resolveSubject(aRunContext(), { userId: 'U0OUTSIDE1', channelId: 'C0OPS00001' });

    expect(subject).toEqual({ userId: 'U0OUTSIDE1', channelId: 'C0OPS00001', userGroupIds: [] });
  });
});
