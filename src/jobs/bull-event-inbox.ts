// Where POST /aws/events puts what EventBridge delivered: a durable queue, one job per event id, so the route
// acknowledges a delivery only once it is stored, and a redelivered event (same id) is processed once.
import type { Queue } from 'bullmq';
import type { AcceptedAutomationEvent } from '../http/aws-events-route.js';
import { retryingJobOptions } from './job-settings.js';
import { eventJobId } from './queue-names.js';

/** Ids of processed events are kept this long: EventBridge retries a delivery for up to 24 hours. */
const DEDUPLICATION_SECONDS = 24 * 3600;

export function eventInbox(queue: Queue<AcceptedAutomationEvent>) {
  return async (event: AcceptedAutomationEvent): Promise<void> => {
    await queue.add('event' as never, event as never, {
      jobId: eventJobId(event.eventId),
      ...retryingJobOptions('event'),
      removeOnComplete: { age: DEDUPLICATION_SECONDS },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  };
}
