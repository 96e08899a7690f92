// Builders of change templates and change requests for tests: a valid default, with only what a test cares about overridden.
import type { z } from 'zod';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import { type ChangeTemplate, changeTemplateSchema } from '../../src/core/approval/change-template-schema.js';

/** The same people as the Slack emulator's workspace (fixtures/slack/workspace.yml). */
export const PEOPLE = {
  /** alice, in S0PLATFORM. */
  requester: 'U0REQUEST1',
  /** bob, in S0SRELEADS. */
  bob: 'U0APPROVE1',
  /** carol, in S0SRELEADS. */
  carol: 'U0APPROVE2',
  /** dave, in S0SECURITY. */
  dave: 'U0APPROVE3',
  /** erin, the operator, in S0PLATFORM. */
  erin: 'U0OPERATE1',
  /** mallory, no rights. */
  mallory: 'U0OUTSIDE1',
} as const;

export const GROUPS = {
  sreLeads: 'S0SRELEADS',
  security: 'S0SECURITY',
  platform: 'S0PLATFORM',
} as const;

/**
 * `prod-change` as the example config writes it: level 1 any SRE lead, level 2 carol or dave, the
 * ProductionFreeze calendar, erin may raise emergencies. Overrides are written as in the YAML file
 * (`expiresAfter: '30m'`) and replace whole top-level keys; the result is parsed, so defaults apply and an
 * invalid template fails the test at once.
 */
export function aChangeTemplate(
  overrides: Partial<z.input<typeof changeTemplateSchema>> = {},
): ChangeTemplate {
  return changeTemplateSchema.parse({
    name: 'prod-change',
    levels: [
      { name: 'SRE leads', approvers: { userGroups: [GROUPS.sreLeads] } },
      { name: 'Security', approvers: { users: [PEOPLE.carol, PEOPLE.dave] } },
    ],
    calendars: ['ProductionFreeze'],
    emergency: { users: [PEOPLE.erin] },
    ...overrides,
  });
}

export const CREATED_AT = '2026-06-02T01:00:00.000Z';
export const EXPIRES_AT = '2026-06-03T01:00:00.000Z';

/** A `prod-change` request by alice, pending at level 1 with no votes, opened at CREATED_AT for 24 hours. */
export function aChangeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'chg-4f7h2k9p',
    template: 'prod-change',
    requester: PEOPLE.requester,
    reason: 'Apply the June kernel patch',
    emergency: false,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    expiresAt: EXPIRES_AT,
    status: 'pending',
    level: 0,
    votes: [],
    calendar: { state: 'OPEN', calendars: ['ProductionFreeze'] },
    version: 1,
    ...overrides,
  };
}
