// What Bolt and the WebClient log reaches pino once, at the right level: Slack's expected refusals and 429s as one
// warning of fields without a stack, faults as errors with theirs.
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { lines, bolt: boltLogger(logger) };
}

const refusal = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });

describe('boltLogger', () => {
  it('when Bolt logs an expected refusal as an error, then it is one warning with the code and no stack', () => {
    const { lines, bolt } = capture();
    bolt.error(refusal('user_not_in_channel'));
    expect(lines).toEqual([expect.objectContaining({ level: 40, error: 'user_not_in_channel' })]);
    expect(JSON.stringify(lines)).not.toContain('stack');
  });

  it('when Bolt logs a fault, then it is an error with its stack', () => {
    const { lines, bolt } = capture();
    bolt.error('listener failed', new Error('boom'));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'listener failed',
        err: expect.objectContaining({ stack: expect.any(String) }),
      }),
    ]);
  });

  it('when the WebClient retries a 429, then its two lines become one warning naming the method', () => {
    const { lines, bolt } = capture();
    // As @slack/web-api 7 words them: before its wait, and after it.
    bolt.info('API Call failed due to rate limiting. Will retry in 2 seconds.');
    bolt.warn(
      'http request failed',
      'A rate limit was exceeded (url: http://127.0.0.1:3100/api/chat.postEphemeral, retry-after: 2)',
    );
    expect(lines.filter((line) => (line.level as number) >= 30)).toEqual([
      expect.objectContaining({
        level: 40,
        method: 'chat.postEphemeral',
        error: 'ratelimited',
        retryAfterMs: 2_000,
      }),
    ]);
  });

  it("when a client that rejects 429s reports one, then the WebClient's line is debug: the caller warns", () => {
    const { lines, bolt } = capture();
    bolt.warn(
      'http request failed',
      'A rate-limit has been reached, you may retry this request in 1 seconds',
    );
    expect(lines.map((line) => line.level)).toEqual([20]);
  });

  it('when a request fails otherwise, then the warning stays', () => {
    const { lines, bolt } = capture();
    bolt.warn('http request failed', 'socket hang up');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'http request failed socket hang up' }),
    ]);
  });
});
