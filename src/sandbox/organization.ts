// STUB (to be completed): the simulated AWS Organization built from the fixture.
import type { SandboxFixture } from './fixture.js';

export class Organization {
  private constructor(readonly fixture: SandboxFixture['organization']) {}

  static fromFixture(fixture: SandboxFixture): Organization {
    return new Organization(fixture.organization);
  }
}
