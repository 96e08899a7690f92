// The /ssm doctor message through the outbox: one key, posted first, then progress edits paced by the outbox,
// in order, and the verdict last and final, whatever the progress edits still in flight.
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/core/doctor/diagnose-organization.js';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { SlackDoctorMessage } from '../../src/slack/slack-doctor-message.js';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const report: DoctorReport = {
  callerAccountId: '222222222222',
  organization: [],
  places: [{ accountId: '333333333301', region: 'us-east-1', findings: [] }],
  regions: ['us-east-1'],
  blocking: 0,
  warnings: 0,
  exitCode: 0,
};

describe('SlackDoctorMessage', () => {
  it('when the check progresses and ends, then one message is edited in order and ends final with the verdict', async () => {
    const outbox = new MemorySlackOutbox();
    const message = new SlackDoctorMessage(outbox, silent, 'doctor:abc', 'C0OPS00001');
    expect(await message.start()).toMatchObject({ kind: 'shown' });
    for (let checked = 0; checked <= 3; checked++)
      message.progress({ checkedAccounts: checked, totalAccounts: 3 });
    await message.finish(report);

    expect(outbox.upserts.map((upsert) => [upsert.key, upsert.revision, upsert.content.text])).toEqual([
      ['doctor:abc', 1, 'Checking the organization: 0 of 0 accounts'],
      ['doctor:abc', 2, 'Checking the organization: 0 of 3 accounts'],
      ['doctor:abc', 3, 'Checking the organization: 1 of 3 accounts'],
      ['doctor:abc', 4, 'Checking the organization: 2 of 3 accounts'],
      ['doctor:abc', 5, 'Checking the organization: 3 of 3 accounts'],
      ['doctor:abc', 6, 'Organization readiness: ready: nothing blocks runs (0 warnings)'],
    ]);
    expect(outbox.upserts.slice(1, 5).every((upsert) => upsert.editEveryMs === 2_000)).toBe(true);
    expect(outbox.message('doctor:abc')).toMatchObject({ final: true, edits: 5 });
    expect(outbox.messages('C0OPS00001')).toHaveLength(1);
  });

  it('when Slack refuses the first post, then start says so and nothing is kept', async () => {
    const outbox = new MemorySlackOutbox();
    outbox.refuseChannel('G0PRIVATE1', 'channel_not_found');
    const message = new SlackDoctorMessage(outbox, silent, 'doctor:def', 'G0PRIVATE1');
    expect(await message.start()).toEqual({ kind: 'refused', reason: 'channel_not_found' });
    expect(outbox.messages('G0PRIVATE1')).toEqual([]);
  });

  it('when the check fails, then the message ends final saying it did not finish', async () => {
    const outbox = new MemorySlackOutbox();
    const message = new SlackDoctorMessage(outbox, silent, 'doctor:ghi', 'C0OPS00001');
    await message.start();
    message.progress({ checkedAccounts: 0, totalAccounts: 3 });
    await message.fail();
    expect(outbox.message('doctor:ghi')).toMatchObject({
      final: true,
      content: { text: 'Organization readiness: the check could not finish' },
    });
  });
});
