// logSlackFault through a real pino logger: Slack's expected refusals are one warning of fields without a stack;
// anything else is an error with its stack.
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { logSlackFault } from '../../src/slack/log-slack-fault.js';

const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });

/** The JSON lines `write` logs, parsed. */
function capture(write: (logger: ReturnType<typeof createLogger>) => void) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line) => void lines.push(line) } });
  write(logger);
  return lines;
}

describe('logSlackFault', () => {
  it.each([
    'user_not_in_channel',
    'not_in_channel',
    'channel_not_found',
    'is_archived',
    'message_not_found',
    'cant_update_message',
    'restricted_action',
    'restricted_action_read_only_channel',
    'missing_scope',
  ])('when Slack answers %s, then it is one warning with the code and no stack', (code) => {
    const lines = capture((logger) =>
      logSlackFault(logger, platformError(code), { channel: 'C0APPROVE1' }, 'could not answer'),
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, error: code, channel: 'C0APPROVE1' });
    expect(lines[0]).not.toContain('stack');
    expect(lines[0]).not.toContain('"err"');
  });

  it('when the failure is not a refusal Slack expects, then it is an error with its stack', () => {
    const lines = capture((logger) =>
      logSlackFault(logger, platformError('invalid_blocks'), { channel: 'C0APPROVE1' }, 'could not answer'),
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: number; err?: { stack?: string } };
    expect(line.level).toBe(50);
    expect(line.err?.stack).toContain('invalid_blocks');
  });
});
