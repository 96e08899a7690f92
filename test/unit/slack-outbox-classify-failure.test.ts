// How the outbox reads the WebClient's errors: 429s are waited out, refusals end a version, the rest retries;
// and which of them a log tells as an expected refusal (a warning) rather than a fault (an error with a stack).
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  classifySlackFailure,
  expectedSlackRefusal,
  isChannelUnavailable,
} from '../../src/slack/outbox/classify-slack-failure.js';

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

  it.each([
    'channel_not_found',
    'not_in_channel',
    'invalid_blocks',
    'msg_too_long',
    'cant_update_message',
    'file_uploads_disabled',
    'file_upload_size_restricted',
  ])('when Slack answers %s, then the version is refused', (error) => {
    expect(classifySlackFailure(platformError(error))).toEqual({ kind: 'refused', error });
  });

  // file_not_found: a share whose upload did not land; new tickets may succeed.
  it.each(['internal_error', 'invalid_auth', 'missing_scope', 'fatal_error', 'file_not_found'])(
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

describe('expectedSlackRefusal', () => {
  it.each([
    'user_not_in_channel',
    'not_in_channel',
    'channel_not_found',
    'is_archived',
    'message_not_found',
    'cant_update_message',
    'restricted_action',
    'missing_scope',
  ])('when Slack answers %s, then it is an expected refusal, told by its code', (error) => {
    expect(expectedSlackRefusal(platformError(error))).toEqual({ error });
  });

  it('when Slack answers 429, then it is an expected refusal with its wait', () => {
    const error = Object.assign(new Error('rate limited'), {
      code: ErrorCode.RateLimitedError,
      retryAfter: 3,
    });
    expect(expectedSlackRefusal(error)).toEqual({ error: 'ratelimited', retryAfterMs: 3_000 });
  });

  it.each([
    ['a Slack error the bot causes', platformError('invalid_blocks')],
    ['a token Slack does not take', platformError('invalid_auth')],
    ['a transport fault', Object.assign(new Error('socket hang up'), { code: ErrorCode.RequestError })],
    ['an error of the bot', new Error('Cannot read properties of undefined')],
    ['not an error at all', undefined],
  ])('when the failure is %s, then it is a fault', (_, error) => {
    expect(expectedSlackRefusal(error)).toBeUndefined();
  });

  it('when the bot cannot post in a channel at all, then the run notifier is told the channel is unavailable', () => {
    expect(['channel_not_found', 'not_in_channel', 'is_archived'].every(isChannelUnavailable)).toBe(true);
    expect(isChannelUnavailable('user_not_in_channel')).toBe(false);
  });
});
