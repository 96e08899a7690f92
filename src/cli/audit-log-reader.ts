// The audit log as a one-shot CLI reads it: a Redis connection that gives up instead of waiting forever.

import type { RedisTarget } from '../config/redis-target.js';
import { createLogger } from '../logging/logger.js';
import type { AuditLog } from '../ports.js';
import { RedisAuditLog } from '../store/redis-audit-log.js';
import {
  closeRedis,
  createRedisConnection,
  type RedisClient,
  reconnectDelayMs,
} from '../store/redis-connection.js';
import type { CliIo } from './subcommand.js';

/** Connection attempts before a command fails (about 0.7 s of back-off): a CLI reports, the bot waits. */
const CONNECT_ATTEMPTS = 4;

export interface AuditLogReader {
  log: Pick<AuditLog, 'list' | 'timeline'>;
  /** What went wrong, in words: a command that failed for want of a connection names the connection error. */
  explain(error: unknown): string;
  close(): Promise<void>;
}

export function openAuditLogReader(redis: RedisTarget, io: CliIo): AuditLogReader {
  const client: RedisClient = createRedisConnection(redis, {
    connectionName: 'ssm-chatops-audit',
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => (attempt >= CONNECT_ATTEMPTS ? null : reconnectDelayMs(attempt)),
  });
  // Kept for explain(): the failed command only says it ran out of retries. Listening also stops ioredis from
  // printing every attempt's error.
  let connectionError: Error | undefined;
  client.on('error', (error: Error) => {
    connectionError = error;
  });
  // Reading logs nothing; a logger is still the log's contract, and stdout may be the export itself.
  const logger = createLogger({
    level: 'warn',
    name: 'audit',
    destination: { write: (line) => io.stderr(line) },
  });
  return {
    log: new RedisAuditLog(client, { logger }),
    explain: (error) => {
      if (connectionError && client.status !== 'ready')
        return `cannot reach Redis: ${connectionError.message}`;
      return error instanceof Error ? error.message : String(error);
    },
    close: () => closeRedis(client),
  };
}
