// STUB (to be completed): SSM Automation execution operations.
import type { OperationHandler } from '../service.js';

export const ssmAutomationOperations: Record<string, OperationHandler> = {};
