// How the outbox reads the WebClient's errors: 429s are waited out, refusals end a version, the rest retries.
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { classifySlackFailure } from '../../src/slack/outbox/classify-slack-failure.js';

const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });

describe('classifySlackFailure', () => {
  it('when Slack answers 429 with Retry-After, then the call waits that long', () => {
    const error = Object.assign(new Error('rate limited'), {
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(classifySlackFailure(error)).toEqual({ kind: 'rate-limited', retryAfterMs: 7_000 });
  });

  it('when a 429 carries no usable Retry-After, then the call waits a second', () => {
    const error = Object.assign(new Error('rate limited'), {
      code: ErrorCode.RateLimitedError,
      retryAfter: NaN,
    });
    expect(classifySlackFailure(error)).toEqual({ kind: 'rate-limited', retryAfterMs: 1_000 });
  });

  it('when an edited message is gone, then it is posted anew', () => {
    expect(classifySlackFailure(platformError('message_not_found'))).toEqual({ kind: 'message-gone' });
  });

  it.each(['channel_not_found', 'not_in_channel', 'invalid_blocks', 'msg_too_long', 'cant_update_message'])(
    'when Slack answers %s, then the version is refused',
    (error) => {
      expect(classifySlackFailure(platformError(error))).toEqual({ kind: 'refused', error });
    },
  );

  it.each(['internal_error', 'invalid_auth', 'missing_scope', 'fatal_error'])(
    'when Slack answers %s, then it is a fault to retry',
    (error) => {
      expect(classifySlackFailure(platformError(error))).toEqual({
        kind: 'fault',
        summary: `Slack answered ${error}`,
      });
    },
  );

  it('when the request itself fails, then it is a fault to retry, summarized without the request', () => {
    const error = Object.assign(new Error('A request error occurred: socket hang up'), {
      code: ErrorCode.RequestError,
      original: { config: { headers: { Authorization: 'Bearer xoxb-secret' } } },
    });
    const failure = classifySlackFailure(error);
    expect(failure).toEqual({
      kind: 'fault',
      summary: `${ErrorCode.RequestError}: A request error occurred: socket hang up`,
    });
    expect(JSON.stringify(failure)).not.toContain('xoxb');
  });
});
