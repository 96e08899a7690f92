// Bolt's Logger interface over our pino logger, so Bolt's own messages get the same redaction and format.
// @slack/logger, not @slack/bolt: the worker uses this for its WebClient and never loads Bolt.
import { type Logger as BoltLogger, LogLevel } from '@slack/logger';
import type { Logger } from 'pino';
import { expectedSlackRefusal } from './outbox/classify-slack-failure.js';

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

type Level = 'debug' | 'info' | 'warn' | 'error';

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  // Bolt logs with varargs; errors keep their stack under `err`, everything else joins into the message.
  const write =
    (level: Level) =>
    (...parts: unknown[]) => {
      const error = parts.find((part) => part instanceof Error);
      const text = parts
        .filter((part) => part !== error)
        .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
        .join(' ');
      const refusal = error === undefined ? undefined : expectedSlackRefusal(error);
      if (refusal) return child[level === 'error' ? 'warn' : level](refusal, text || 'Slack refused a call');
      const rateLimit = level === 'debug' ? undefined : readRateLimitChatter(text);
      if (rateLimit) return child[rateLimit.level](rateLimit.fields, rateLimit.message);
      child[level](error ? { err: error } : {}, text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      child.level = PINO_LEVEL[level];
    },
    getLevel: () =>
      (Object.entries(PINO_LEVEL).find(([, pino]) => pino === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * The WebClient says a 429 twice: "API Call failed due to rate limiting. Will retry in N seconds." (info), then
 * "http request failed" with "A rate limit was exceeded (url: …/api/<method>, retry-after: N)" (warn) after its
 * wait. That second line, the one with the method, becomes the one warning; the first goes to debug. A client
 * that rejects 429s ("A rate-limit has been reached, you may retry this request in N seconds") leaves the
 * warning to its caller (the outbox reports its own), so that line goes to debug too.
 */
function readRateLimitChatter(
  text: string,
): { level: Level; fields: Record<string, unknown>; message: string } | undefined {
  if (text.startsWith('API Call failed due to rate limiting'))
    return { level: 'debug', fields: {}, message: text };
  if (!text.startsWith('http request failed')) return undefined;
  const retried = /A rate limit was exceeded \(url: \S*?\/([\w.]+), retry-after: (\d+)\)/.exec(text);
  if (retried) {
    const [, method, seconds] = retried;
    return {
      level: 'warn',
      fields: { method, error: 'ratelimited', retryAfterMs: Number(seconds) * 1000 },
      message: 'Slack rate-limited a call; the WebClient retries it',
    };
  }
  if (text.includes('A rate-limit has been reached')) return { level: 'debug', fields: {}, message: text };
  return undefined;
}
