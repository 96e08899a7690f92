// bench:ack's load: fixed-rate segments of signed requests through autocannon, added up per app.
import autocannon from 'autocannon';
import { summarizeLatencies } from './latency-summary.js';
import type { SignedRequest } from './signed-slack-requests.js';

/** What the segments of load on one app measured, added up. */
export interface AckLoad {
  latenciesMs: number[];
  requests: number;
  seconds: number;
  non2xx: number;
  serverErrors: number;
  errors: number;
  timeouts: number;
  /** CPU time the app's process used for these requests, the work after each ack included. */
  cpuMs: number;
  /** CPU time the outside world used meanwhile: Redis, the Slack emulator, the response_url sink. */
  worldCpuMs: number;
}

export function emptyLoad(): AckLoad {
  return {
    latenciesMs: [],
    requests: 0,
    seconds: 0,
    non2xx: 0,
    serverErrors: 0,
    errors: 0,
    timeouts: 0,
    cpuMs: 0,
    worldCpuMs: 0,
  };
}

export interface LoadSegment {
  /** The app's /slack/events URL. */
  url: string;
  seconds: number;
  ratePerSecond: number;
  connections: number;
  /** The next request to send, built and signed as it is sent. */
  nextRequest: () => SignedRequest;
}

/** One segment of load at a fixed rate, its latencies (per response, on autocannon's clock) and failures added. */
export async function runLoadSegment(segment: LoadSegment, load: AckLoad): Promise<void> {
  const { nextRequest } = segment;
  const url = new URL(segment.url);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: segment.connections,
        overallRate: segment.ratePerSecond,
        duration: segment.seconds,
        requests: [
          {
            method: 'POST',
            path: url.pathname,
            setupRequest: (request) => ({ ...request, ...nextRequest() }),
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) =>
      load.latenciesMs.push(responseTimeMs),
    );
  });
  const status = result.statusCodeStats as unknown as Record<string, { count: number }>;
  load.requests += result.requests.total;
  load.seconds += result.duration;
  load.non2xx += result.non2xx;
  load.serverErrors += Object.entries(status)
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  load.errors += result.errors;
  load.timeouts += result.timeouts;
}

/** Percentiles, counts, the rate achieved and CPU time per request. */
export function ackFigures(load: AckLoad) {
  const { latenciesMs, seconds, cpuMs, worldCpuMs, ...counts } = load;
  const perRequest = (ms: number) => Math.round((ms / load.requests) * 100) / 100;
  return {
    ...summarizeLatencies(latenciesMs),
    ...counts,
    perSecond: Math.round((load.requests / seconds) * 10) / 10,
    cpuMsPerRequest: perRequest(cpuMs),
    outsideWorldCpuMsPerRequest: perRequest(worldCpuMs),
  };
}
