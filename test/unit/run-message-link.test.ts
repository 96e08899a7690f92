// runMessageLink: the permalink of a run's message from the ts the outbox recorded; none until it is posted.
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { OutboxRecord } from '../../src/slack/outbox/outbox-record.js';
import { runMessageLink } from '../../src/slack/run-message-link.js';

const PERMALINK = 'https://sandbox.slack.com/archives/C0OPS00001/p1780361200000100';

function aLink(
  record: Partial<OutboxRecord> | undefined,
  getPermalink: () => Promise<{ permalink?: string }>,
) {
  const asked: string[] = [];
  const lines: string[] = [];
  const outbox = {
    load: async (key: string) => {
      asked.push(key);
      return record && ({ key, channel: 'C0OPS00001', ...record } as OutboxRecord);
    },
  };
  const client = { chat: { getPermalink } } as never;
  const logger = createLogger({ level: 'info', destination: { write: (line) => void lines.push(line) } });
  return { link: runMessageLink(outbox, client, logger), asked, lines };
}

describe('runMessageLink', () => {
  it('when the run’s message was posted, then Slack’s permalink of it is the link', async () => {
    const { link, asked } = aLink({ ts: '1780361200.000100' }, async () => ({ permalink: PERMALINK }));
    expect(await link('run-7k3m9q2x')).toBe(PERMALINK);
    expect(asked).toEqual(['run:run-7k3m9q2x:parent']);
  });

  it('when the run’s message is not posted yet, then there is no link and Slack is not asked', async () => {
    const { link } = aLink({}, () => Promise.reject(new Error('must not be called')));
    expect(await link('run-7k3m9q2x')).toBeUndefined();
  });

  it('when Slack refuses the permalink, then there is no link and one warning without a stack', async () => {
    const refusal = Object.assign(new Error('An API error occurred: message_not_found'), {
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'message_not_found' },
    });
    const { link, lines } = aLink({ ts: '1780361200.000100' }, () => Promise.reject(refusal));
    expect(await link('run-7k3m9q2x')).toBeUndefined();
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 40, error: 'message_not_found', runId: 'run-7k3m9q2x' }),
    ]);
  });
});
