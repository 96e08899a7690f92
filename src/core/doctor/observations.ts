// What the readiness check saw in AWS and Slack, before any verdict: the input of `diagnoseOrganization`.

/**
 * One check's answer: it passed, AWS (or Slack) said no in its own words, or nothing could be told (throttled
 * past the retries, no answer, or a prerequisite missing) and why.
 */
export type Probe = { kind: 'pass' } | { kind: 'fail'; detail: string } | { kind: 'unknown'; detail: string };

export const PASS: Probe = { kind: 'pass' };

/** The organization as the bot's own identity sees it. */
export type OrganizationView =
  | {
      kind: 'read';
      id: string;
      managementAccountId: string;
      /** Service principals with trusted access. */
      trustedServices: string[];
      /** Accounts registered as Systems Manager's delegated administrator. */
      delegatedAdministrators: string[];
    }
  | { kind: 'unreadable'; detail: string };

export interface OrganizationObservations {
  /** STS GetCallerIdentity of the bot. */
  caller: { accountId: string; arn: string };
  organization: OrganizationView;
  /** Assuming the Administration role in the bot's account, as SSM does for multi-account runs. */
  administrationRole: Probe;
  /** Each Change Calendar the approval templates name (GetCalendarState in the home region). */
  calendars: Array<{ name: string; probe: Probe }>;
}

/** One account × region. */
export interface RegionObservations {
  region: string;
  /** A read in the region with the account's credentials: AWS refuses them in a region not enabled. */
  enabled: Probe;
  /** The member rule that forwards Automation status events to the central bus. */
  forwarding: Probe;
}

/** One member account; roles are global to it, regions come one by one. */
export interface AccountObservations {
  accountId: string;
  name?: string;
  /** The execution role assumed from the Administration role: exists and trusts it. */
  executionRole: Probe;
  readRole: Probe;
  fanOutRole: Probe;
  /**
   * Whether the fan-out role refuses a caller without the ExternalId: `fail` when it let the bot in without it.
   * `unknown` when no ExternalId is configured or the role could not be assumed at all.
   */
  fanOutRequiresExternalId: Probe;
  regions: RegionObservations[];
}

/** The Slack side: the token's scopes and the bot's membership of the configured channels. */
export interface SlackObservations {
  /** Scopes the bot calls for that the token does not carry; a Probe when they could not be read. */
  scopes: { kind: 'read'; missing: string[] } | { kind: 'unknown'; detail: string };
  channels: Array<{ channelId: string; purpose: string; member: Probe }>;
}
