// EventBridge clients for event delivery: the bot's own identity in the operations account, the setup role elsewhere.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { AssumedRoleCredentials } from '../assumed-role-credentials.js';
import type { AssumedIdentity, AwsClients } from '../aws-clients.js';
import type { Place } from './event-delivery.js';

export interface EventDeliveryClientOptions {
  /** The one client factory: endpoint, credentials, retries. */
  aws: AwsClients;
  roles: AssumedRoleCredentials;
  operationsAccountId: string;
  /** Assumed in every other account (events.setupRoleName), with aws.externalId when set. */
  setupRoleName: string;
  externalId?: string;
}

/** The EventBridge client of each account and region: the bot's own identity at home, the setup role elsewhere. */
export class EventDeliveryClients {
  constructor(private readonly options: EventDeliveryClientOptions) {}

  clientFor(place: Place): EventBridgeClient {
    return this.options.aws.eventBridge(place.region, this.identityFor(place.accountId));
  }

  /** The clients belong to the factory, which the command destroys. */
  destroy(): void {}

  private identityFor(accountId: string): AssumedIdentity | undefined {
    if (accountId === this.options.operationsAccountId) return undefined;
    return this.options.roles.identity({
      roleArn: `arn:aws:iam::${accountId}:role/${this.options.setupRoleName}`,
      externalId: this.options.externalId,
    });
  }
}
