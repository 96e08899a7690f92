// Every service the sandbox speaks, in one list the HTTP front routes by.
import type { ServiceDefinition } from '../service.js';
import { eventsService } from './events.js';
import { organizationsService } from './organizations.js';
import { ssmAutomationOperations } from './ssm-automation.js';
import { ssmComplianceOperations } from './ssm-compliance.js';
import { ssmDocumentOperations } from './ssm-documents.js';
import { stsService } from './sts.js';

export const ssmService: ServiceDefinition = {
  signingName: 'ssm',
  protocol: 'json',
  targetPrefix: 'AmazonSSM',
  errorNamespace: 'com.amazonaws.ssm',
  throttling: { code: 'ThrottlingException', httpStatus: 400 },
  operations: { ...ssmDocumentOperations, ...ssmAutomationOperations, ...ssmComplianceOperations },
};

export const SERVICES: readonly ServiceDefinition[] = [
  ssmService,
  organizationsService,
  stsService,
  eventsService,
];
