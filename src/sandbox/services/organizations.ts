// STUB (to be completed): AWS Organizations over awsJson1_1.
import type { ServiceDefinition } from '../service.js';

export const organizationsService: ServiceDefinition = {
  signingName: 'organizations',
  protocol: 'json',
  targetPrefix: 'AWSOrganizationsV20161128',
  errorNamespace: 'com.amazonaws.organizations',
  operations: {},
};
