// STUB (to be completed by the SSM documents work): the SSM documents each account can see.
import type { SandboxFixture } from '../fixture.js';
import type { Organization } from '../organization.js';
import type { Runbook } from './runbook.js';

export class DocumentCatalog {
  private constructor(private readonly documents: Runbook[]) {}

  static fromFixture(_fixture: SandboxFixture, _baseDir: string, _org: Organization): DocumentCatalog {
    return new DocumentCatalog([]);
  }

  /** The document `name` (or ARN) as `accountId` sees it; undefined when it does not exist there. */
  get(_accountId: string, _name: string, _version?: string): Runbook | undefined {
    throw new Error('not implemented');
  }

  list(_accountId: string): Runbook[] {
    return this.documents;
  }
}

/**
 * Checks and completes Automation parameters exactly as StartAutomationExecution does.
 * Returns every declared parameter with defaults applied; throws AwsServiceError
 * (InvalidAutomationExecutionParametersException) on a missing, unknown or invalid parameter.
 */
export function validateAutomationParameters(
  _runbook: Runbook,
  _parameters: Record<string, string[]> | undefined,
): Record<string, string[]> {
  throw new Error('not implemented');
}
