// How a job's fault steers BullMQ, decided in one place for every worker: retry it, or fail it at once.
import { type Processor, UnrecoverableError } from 'bullmq';
import { ErrorCode, StoreError } from '../errors.js';

/**
 * Faults that retrying cannot mend: a corrupt record, a record that is gone, an id written twice. A contended
 * store, a Redis or network hiccup and AWS or Slack throttling are transient and retried with backoff.
 */
export function isDeterministicFault(error: unknown): boolean {
  return (
    error instanceof StoreError &&
    (error.code === ErrorCode.StoreCorruptRecord ||
      error.code === ErrorCode.StoreMissing ||
      error.code === ErrorCode.StoreDuplicateId)
  );
}

/**
 * The processor, with a deterministic fault turned into BullMQ's UnrecoverableError: the job fails once, with
 * the cause kept, instead of being retried up to its attempts. Everything else (DelayedError included) passes.
 */
export function classifyingFaults<T, R = unknown>(processor: Processor<T, R>): Processor<T, R> {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (error) {
      if (isDeterministicFault(error)) {
        throw new UnrecoverableError(`${(error as Error).message} (not retried: retrying cannot mend it)`);
      }
      throw error;
    }
  };
}
