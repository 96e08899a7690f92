// STUB (to be completed): Amazon EventBridge over awsJson1_1.
import type { ServiceDefinition } from '../service.js';

export const eventsService: ServiceDefinition = {
  signingName: 'events',
  protocol: 'json',
  targetPrefix: 'AWSEvents',
  errorNamespace: 'com.amazonaws.events',
  operations: {},
};
