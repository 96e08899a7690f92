// The e2e harness's check for secrets in its logs can fail: a secret written to a harness log sink is found.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeakedSecrets, findLeakedSecrets } from '../support/find-leaked-secrets.js';
import { openHarnessLog } from '../support/harness-log.js';
import { LOG_RUN_DIR_ENV } from '../support/log-run-directory.js';

const BOT_TOKEN = { name: 'SLACK_BOT_TOKEN', value: 'xoxb-planted-bot-token' };
const SESSION_TOKEN = { name: 'AWS session token', value: 'IQoJb3JpZ2luX2VjE+planted/secret==' };

let dir: string;
const previous = process.env[LOG_RUN_DIR_ENV];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'harness-logs-'));
  process.env[LOG_RUN_DIR_ENV] = dir;
});
afterAll(() => {
  if (previous === undefined) delete process.env[LOG_RUN_DIR_ENV];
  else process.env[LOG_RUN_DIR_ENV] = previous;
  rmSync(dir, { recursive: true, force: true });
});

/** A harness log with `write` done to it, closed: its file as the harness would scan it. */
async function aLogWith(write: (log: ReturnType<typeof openHarnessLog>['logger']) => void): Promise<string> {
  const log = openHarnessLog('planted');
  write(log.logger);
  await log.close();
  return log.path;
}

describe('findLeakedSecrets', () => {
  it('when a secret is written into a message, then it is found, and the report names it without its value', async () => {
    const file = await aLogWith((logger) => logger.trace(`calling Slack with ${BOT_TOKEN.value}`));
    expect(findLeakedSecrets([file], [BOT_TOKEN, SESSION_TOKEN])).toEqual([{ name: BOT_TOKEN.name, file }]);
    expect(() => assertNoLeakedSecrets([file], [BOT_TOKEN])).toThrow(/SLACK_BOT_TOKEN in .*planted/);
    expect(() => assertNoLeakedSecrets([file], [BOT_TOKEN])).not.toThrow(BOT_TOKEN.value);
  });

  it('when a secret is written URL-encoded (a form body), then it is found', async () => {
    const file = await aLogWith((logger) =>
      logger.debug(`http request body: X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN.value)}`),
    );
    expect(findLeakedSecrets([file], [BOT_TOKEN, SESSION_TOKEN])).toEqual([
      { name: SESSION_TOKEN.name, file },
    ]);
  });

  it('when secrets are logged under redacted field names, then nothing is found', async () => {
    const file = await aLogWith((logger) =>
      logger.info({ token: BOT_TOKEN.value, credentials: { SessionToken: SESSION_TOKEN.value } }, 'settings'),
    );
    expect(findLeakedSecrets([file], [BOT_TOKEN, SESSION_TOKEN])).toEqual([]);
  });

  it('when a secret is too short to look for, then the check refuses it instead of passing', () => {
    expect(() => findLeakedSecrets([], [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'sandbox' }])).toThrow(
      /too short/,
    );
  });
});
