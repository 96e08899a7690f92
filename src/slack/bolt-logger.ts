// Bolt's Logger interface over our pino logger, so Bolt's own messages get the same redaction and format.
// @slack/logger, not @slack/bolt: the worker uses this for its WebClient and never loads Bolt.
import { type Logger as BoltLogger, LogLevel } from '@slack/logger';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  // Bolt logs with varargs; errors keep their stack under `err`, everything else joins into the message.
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const error = parts.find((part) => part instanceof Error);
      const text = parts
        .filter((part) => part !== error)
        .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
        .join(' ');
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
