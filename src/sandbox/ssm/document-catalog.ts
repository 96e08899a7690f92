// STUB (to be completed): the SSM documents (runbooks and calendars) each account can see.
import type { SandboxFixture } from '../fixture.js';
import type { Organization } from '../organization.js';

export class DocumentCatalog {
  static fromFixture(_fixture: SandboxFixture, _baseDir: string, _org: Organization): DocumentCatalog {
    return new DocumentCatalog();
  }
}
