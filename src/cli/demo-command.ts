// `ssm-chatops demo`: the whole product on this machine, no Slack workspace and no AWS account, until Ctrl-C.
import { loadConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { createLogger, prefersPrettyLogs } from '../logging/logger.js';
import type { Subcommand } from './subcommand.js';

export const demoCommand: Subcommand = {
  name: 'demo',
  summary:
    'run everything locally: Redis, the AWS sandbox, the Slack emulator and playground, the bot, a worker',
  help: `Flags:
  --port-base N   fixed ports: the Slack emulator (playground) on N, the AWS sandbox on N+1, the bot on N+2,
                  redis-server on N+3 (default: free ports, printed at start)
  --host H        where the playground listens (default 127.0.0.1; 0.0.0.0 in a container); the other parts
                  listen on 127.0.0.1 only
  --keep-data     leave Redis's data behind: the temporary directory with a dump.rdb, or with REDIS_URL the
                  demo's keys (ssm-chatops-demo:*, {ssm-chatops-demo:bull}*); by default both are removed at
                  stop
  -h, --help      this help

Settings:
  REDIS_URL    use this Redis (one server, not a cluster) instead of starting redis-server from the PATH
  LOG_LEVEL    of every part (default warn)
The rest is embedded: config/demo.yml, the sandbox's default organization, the emulator's workspace.
Ctrl-C or SIGTERM stops every part; nothing is left running.`,
  flags: {
    'port-base': { type: 'string' },
    host: { type: 'string' },
    'keep-data': { type: 'boolean' },
  },
  async run(values, io) {
    // Listened for first, so a Ctrl-C during start-up still stops whatever has started.
    let stopping = false;
    const stopRequested = io.shutdownSignal().then((signal) => {
      stopping = true;
      return signal;
    });
    const portBase = portBaseFlag(values['port-base']);
    const keepData = values['keep-data'] === true;
    // Only what the demo takes from outside; a shell's SLACK_* or AWS_* settings do not leak into it.
    const { env } = loadConfig({
      LOG_LEVEL: io.env.LOG_LEVEL || 'warn',
      NODE_ENV: io.env.NODE_ENV,
      REDIS_URL: io.env.REDIS_URL,
    });
    const logger = createLogger({
      level: env.LOG_LEVEL,
      pretty: prefersPrettyLogs(env, io.isTty),
      name: 'demo',
    });
    const { DemoStartError, startDemo } = await import('../demo/start-demo.js');
    const { renderDemoBanner } = await import('../demo/render-demo-banner.js');
    io.stdout('Starting Redis, the AWS sandbox, the Slack emulator, the bot and a worker…\n');
    let demo: Awaited<ReturnType<typeof startDemo>>;
    try {
      demo = await startDemo({
        redisUrl: io.env.REDIS_URL || undefined,
        portBase,
        ...(typeof values.host === 'string' && { playgroundHost: values.host }),
        keepData,
        logger,
        logLevel: env.LOG_LEVEL,
      });
    } catch (error) {
      if (!(error instanceof DemoStartError)) throw error;
      io.stderr(`ssm-chatops demo: ${error.message}\nEverything that had started was stopped.\n`);
      return 1;
    }
    if (!stopping) io.stdout(renderDemoBanner(demo, { keepData }));
    const signal = await stopRequested;
    io.stdout(`Stopping the demo (${signal})…\n`);
    await demo.close();
    const kept = !keepData
      ? ''
      : demo.redis.dataDir
        ? ` Redis's data is in ${demo.redis.dataDir}.`
        : ' The demo keys (ssm-chatops-demo:*, {ssm-chatops-demo:bull}*) are left in the Redis at REDIS_URL.';
    io.stdout(`Stopped.${kept}\n`);
    return 0;
  },
};

/** N to N+3 must all be ports. */
function portBaseFlag(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : 0;
  if (port < 1 || port > 65532) {
    throw new UsageError(
      `--port-base must be a port from 1 to 65532 (the demo uses N to N+3), got "${String(value)}"`,
      'demo',
    );
  }
  return port;
}
