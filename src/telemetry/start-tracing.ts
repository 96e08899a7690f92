// The OpenTelemetry SDK and its instrumentations, loaded only when tracing is on (see start-tracing-for.ts).
import { createRequire } from 'node:module';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BullMQOtel } from 'bullmq-otel';
import { requestSpanRules } from './request-span-rules.js';
import type { Tracing } from './start-tracing-for.js';

/**
 * Starts the SDK: exporter, protocol, sampler and resource come from OTEL_* variables as OpenTelemetry defines
 * them. Traces only: metrics stay with Prometheus (/metrics) and logs with pino.
 *
 * What a span may carry is chosen here, and no secret is among it: no HTTP header is recorded (Slack's
 * signature and bearer token, the events secret header, AWS's Authorization all travel in headers), no request
 * or response body, no response_url (request-span-rules.ts), and a Redis span names its command only, not its
 * keys or values.
 */
export function startTracing(serviceName: string | undefined): Tracing {
  const sdk = new NodeSDK({
    ...(serviceName !== undefined && { serviceName }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // Incoming: /slack/events and /aws/events. Outgoing: the AWS SDK's requests (as children of its spans).
      new HttpInstrumentation({
        ignoreIncomingRequestHook: requestSpanRules.ignoreIncoming,
        ignoreOutgoingRequestHook: requestSpanRules.ignoreOutgoing,
      }),
      // Slack's Web API and response_url: WebClient and Bolt's respond() call fetch.
      new UndiciInstrumentation({ startSpanHook: requestSpanRules.fetchUrlAttributes }),
      // Each call a span named for the service and operation; the HTTP request under it is not repeated.
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
      // Inside a request or a job only (its default), so BullMQ's blocking reads between jobs make no spans.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  // The instrumentations patch a package when it is require()d. The bot imports ioredis (ESM, unseen by that
  // hook) and BullMQ, handed our clients, never requires it: require it once here, so its prototype is patched
  // before any client is made. The AWS SDK's parts and http are require()d by the packages that use them.
  createRequire(import.meta.url)('ioredis');
  let closing: Promise<void> | undefined;
  return {
    serviceName,
    queueTelemetry: new BullMQOtel({ tracerName: 'ssm-chatops' }),
    close: () => {
      closing ??= sdk.shutdown();
      return closing;
    },
    forceClose: () => {
      // The exporter's requests carry their own timeout (OTEL_EXPORTER_OTLP_TIMEOUT); the process does not wait.
    },
  };
}
