// AWS SDK middleware that counts every call by service, operation and outcome, with its retries and throttles.
import type { Pluggable } from '@smithy/types';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Error codes AWS services use for throttling (the SDK's own list, as far as our services can answer). */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

interface SdkErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: { throttling?: boolean };
}

const isThrottling = (error: unknown): boolean => {
  const shape = (error ?? {}) as SdkErrorShape;
  return (
    THROTTLING_CODES.has(shape.name ?? '') ||
    shape.$metadata?.httpStatusCode === 429 ||
    shape.$retryable?.throttling === true
  );
};

/**
 * Middleware for every client of the factory (AwsClientSettings.plugins). A call is what the code asked for,
 * its retries included; an attempt is one HTTP request of it.
 */
export function awsCallMetrics(registry: Registry): Pluggable<object, object> {
  const labelNames = ['service', 'operation'] as const;
  const calls = new Counter({
    name: 'ssm_chatops_aws_calls_total',
    help: 'AWS API calls by service, operation and final outcome (success, throttled, error), retries included',
    labelNames: [...labelNames, 'outcome'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'ssm_chatops_aws_retries_total',
    help: 'AWS API attempts beyond the first, by service and operation (the SDK retries throttling and 5xx)',
    labelNames,
    registers: [registry],
  });
  const throttles = new Counter({
    name: 'ssm_chatops_aws_throttled_attempts_total',
    help: 'AWS API attempts refused by throttling, by service and operation, including those a retry got past',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ssm_chatops_aws_call_duration_seconds',
    help: 'How long AWS API calls took, retries and backoff included, by service and operation',
    labelNames,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    applyToStack(stack) {
      // Around the whole call, retries included.
      stack.add(
        (next, context) => async (args) => {
          const labels = labelsOf(context);
          const stopTimer = duration.startTimer(labels);
          try {
            const result = await next(args);
            const attempts = (result.output as SdkErrorShape).$metadata?.attempts ?? 1;
            if (attempts > 1) retries.inc(labels, attempts - 1);
            calls.inc({ ...labels, outcome: 'success' });
            return result;
          } catch (error) {
            const attempts = (error as SdkErrorShape)?.$metadata?.attempts ?? 1;
            if (attempts > 1) retries.inc(labels, attempts - 1);
            calls.inc({ ...labels, outcome: isThrottling(error) ? 'throttled' : 'error' });
            throw error;
          } finally {
            stopTimer();
          }
        },
        { step: 'initialize', priority: 'high', name: 'ssmChatopsCallMetrics' },
      );
      // Inside the retry middleware (finalizeRequest, high): once per attempt, after its response is parsed.
      stack.add(
        (next, context) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            if (isThrottling(error)) throttles.inc(labelsOf(context));
            throw error;
          }
        },
        { step: 'finalizeRequest', priority: 'low', name: 'ssmChatopsAttemptMetrics' },
      );
    },
  };
}

/** `SSMClient` + `StartAutomationExecutionCommand` → SSM, StartAutomationExecution. */
function labelsOf(context: { clientName?: string; commandName?: string }) {
  return {
    service: (context.clientName ?? 'unknown').replace(/Client$/, ''),
    operation: (context.commandName ?? 'unknown').replace(/Command$/, ''),
  };
}
