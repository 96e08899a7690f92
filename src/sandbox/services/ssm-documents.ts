// STUB (to be completed): SSM document and change-calendar operations.
import type { OperationHandler } from '../service.js';

export const ssmDocumentOperations: Record<string, OperationHandler> = {};
