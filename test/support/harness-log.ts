// A test harness's log: everything at trace in a file of the run's log directory (read afterwards, and scanned for
// secrets), warnings and errors also kept in memory for assertions, and TEST_LOG_LEVEL echoed to stdout.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, pino } from 'pino';
import { expect } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { LOG_RUN_DIR_ENV } from './log-run-directory.js';

/** The directory this run's logs go to (globalSetup's, see log-run-directory.ts); a file run outside the projects gets test-artifacts/logs/adhoc. */
export function logRunDirectory(): string {
  const dir = process.env[LOG_RUN_DIR_ENV] ?? join('test-artifacts', 'logs', 'adhoc');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A new file name in the run's directory: the test file's name, the process and a counter keep them apart. */
export function harnessLogPath(name: string): string {
  const test = (expect.getState().testPath ?? 'test')
    .split('/')
    .at(-1)!
    .replace(/\.test\.ts$/, '');
  return join(logRunDirectory(), `${test}-${name}-${process.pid}-${++opened}.log`);
}
let opened = 0;

export interface HarnessLog {
  logger: Logger;
  /** The file everything was written to, at trace. */
  path: string;
  /** The JSON lines at warn and above, as written (redaction applied). */
  warnings(): string[];
  /** The JSON lines at info and above, as written: what an operator's log shows by default. */
  infoAndAbove(): string[];
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export function openHarnessLog(name: string): HarnessLog {
  const path = harnessLogPath(name);
  const file = pino.destination({ dest: path, sync: false, mkdir: true });
  const lines: string[] = [];
  const infoLines: string[] = [];
  const streams: pino.StreamEntry[] = [
    { level: 'trace', stream: file },
    { level: 'info', stream: { write: (line: string) => void infoLines.push(line) } },
    { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
  ];
  const echo = process.env.TEST_LOG_LEVEL;
  if (echo && echo !== 'silent') streams.push({ level: echo as pino.Level, stream: process.stdout });
  const logger = createLogger({ level: 'trace', name, destination: pino.multistream(streams) });
  return {
    logger,
    path,
    warnings: () => [...lines],
    infoAndAbove: () => [...infoLines],
    close: () =>
      new Promise<void>((resolve) => {
        file.once('close', () => resolve());
        file.end();
      }),
  };
}
