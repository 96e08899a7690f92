// `ssm-chatops sandbox`: serves the AWS sandbox until asked to stop.
import { loadConfig } from '../config/load-config.js';
import { createLogger, prefersPrettyLogs } from '../logging/logger.js';
import { numberFlag } from './parse-flags.js';
import type { Subcommand } from './subcommand.js';

export const sandboxCommand: Subcommand = {
  name: 'sandbox',
  summary: 'serve the wire-compatible AWS sandbox (SSM, STS, Organizations, EventBridge)',
  help: `Flags:
  --port N          port to listen on (default: SANDBOX_PORT or 4566; 0 picks a free port)
  --host H          address to bind (default 127.0.0.1; 0.0.0.0 in containers)
  --fixture PATH    organization fixture YAML (default: fixtures/sandbox/organization.yml)
  --time-scale X    simulated seconds per real second (default from the fixture: 1; 0 stops the clock)
  --no-throttling   turn the per-account API token buckets off
  --allow-http-api-destinations
                    let CreateApiDestination take http:// endpoints (AWS refuses them; for local receivers only)
  -h, --help        this help

Point the AWS CLI at it (AWS_ENDPOINT_URL works for the CLI from 2.13, and for the SDKs):
  AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox aws --endpoint-url http://127.0.0.1:4566 sts get-caller-identity`,
  flags: {
    port: { type: 'string' },
    host: { type: 'string' },
    fixture: { type: 'string' },
    'time-scale': { type: 'string' },
    throttling: { type: 'boolean' },
    'allow-http-api-destinations': { type: 'boolean' },
  },
  async run(values, io) {
    const config = loadConfig(io.env);
    const logger = createLogger({
      level: config.env.LOG_LEVEL,
      pretty: prefersPrettyLogs(config.env, io.isTty),
      name: 'sandbox',
    });
    const port =
      numberFlag('sandbox', 'port', values.port, { integer: true, max: 65535 }) ?? config.env.SANDBOX_PORT;
    const timeScale = numberFlag('sandbox', 'time-scale', values['time-scale']);
    const { startSandbox } = await import('../sandbox/server.js');
    const sandbox = await startSandbox({
      port,
      host: typeof values.host === 'string' ? values.host : undefined,
      fixturePath: typeof values.fixture === 'string' ? values.fixture : undefined,
      timeScale,
      throttling: values.throttling === false ? false : undefined,
      allowHttpApiDestinations: values['allow-http-api-destinations'] === true,
      onInternalError: (error) => logger.error({ err: error }, 'sandbox internal error'),
    });
    logger.info({ url: sandbox.url, timeScale: sandbox.world.clock.timeScale }, 'AWS sandbox listening');
    io.stdout(
      `AWS sandbox on ${sandbox.url}\n` +
        `AWS_ENDPOINT_URL=${sandbox.url} AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox\n`,
    );
    const signal = await io.shutdownSignal();
    logger.info({ signal }, 'stopping the AWS sandbox');
    await sandbox.close();
    return 0;
  },
};
