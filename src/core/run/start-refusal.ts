// Which refusals of StartAutomationExecution mean "not now" rather than "not ever" for a fan-out child.

import type { ChildFailure } from './run.js';

/**
 * SSM's queue for the account and region is full (AutomationExecutionLimitExceededException), or the API kept
 * throttling past the SDK's retries: the child waits Queued and is started again later, never failed for it.
 */
const WAIT_FOR_ROOM = new Set([
  'AutomationExecutionLimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
]);

export const mustWaitForRoom = (failure: ChildFailure): boolean => WAIT_FOR_ROOM.has(failure.reason);
