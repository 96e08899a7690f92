// Amazon EventBridge over awsJson1_1: the operations of src/sandbox/events/, under one target prefix.
import { apiDestinationOperations } from '../events/api-destination-operations.js';
import { busOperations } from '../events/bus-operations.js';
import { connectionOperations } from '../events/connection-operations.js';
import { putEventsOperation } from '../events/put-events-operation.js';
import { ruleOperations } from '../events/rule-operations.js';
import { targetOperations } from '../events/target-operations.js';
import type { ServiceDefinition } from '../service.js';

export const eventsService: ServiceDefinition = {
  signingName: 'events',
  protocol: 'json',
  targetPrefix: 'AWSEvents',
  errorNamespace: 'com.amazonaws.events',
  throttling: { code: 'ThrottlingException', httpStatus: 400 },
  operations: {
    ...busOperations,
    ...ruleOperations,
    ...targetOperations,
    PutEvents: putEventsOperation,
    ...connectionOperations,
    ...apiDestinationOperations,
  },
};
