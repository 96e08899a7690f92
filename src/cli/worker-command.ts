// `ssm-chatops worker`: follows runs (starts fan-out children, reads statuses, keeps Slack current).
import { setFlagsFromString } from 'node:v8';
import type { Subcommand } from './subcommand.js';

export const workerCommand: Subcommand = {
  name: 'worker',
  summary: 'follow runs: start fan-out children, read execution statuses, update Slack (any number may run)',
  help: `Flags:
  -h, --help   this help

Settings: SLACK_BOT_TOKEN (required), SLACK_API_URL, REDIS_URL (or REDIS_CLUSTER_NODES), AWS_REGION,
  AWS_ENDPOINT_URL, SSM_CHATOPS_CONFIG, METRICS_PORT (/metrics, /livez, /readyz; default 9464) and HOST;
  OTEL_EXPORTER_OTLP_ENDPOINT for OpenTelemetry tracing (off when unset).`,
  flags: {},
  async run(_values, io) {
    // A worker allocates steadily (every poll is an AWS call and a few Redis round trips) and keeps little:
    // V8's memory-saving heap growth keeps its RSS near what it holds (bench:poll, C: 10,000 executions tracked
    // in about half the memory), at a few per cent of CPU. Set before the worker's modules are loaded.
    setFlagsFromString('--optimize-for-size');
    const [{ runUntilSignal }, { startWorker }, { serveWorkerEndpoints }] = await Promise.all([
      import('./run-until-signal.js'),
      import('../bot/start-worker.js'),
      import('../bot/serve-worker-endpoints.js'),
    ]);
    return runUntilSignal(io, 'worker', ['slack-bot-token'], async ({ config, services, logger, keep }) => {
      const worker = keep('worker', await startWorker(config, services, logger));
      keep('endpoints', await serveWorkerEndpoints(config, services, worker, logger));
    });
  },
};
