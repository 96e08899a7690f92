// EventBridge clients for event delivery: the bot's own identity in the operations account, the setup role elsewhere.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { AssumedRoleCredentials } from '../assumed-role-credentials.js';
import type { AssumedIdentity, AwsClientSettings } from '../aws-clients.js';
import type { Place } from './event-delivery.js';

export interface EventDeliveryClientOptions {
  /** The same settings as the bot's AwsClients: endpoint, credentials and attempts. */
  aws: AwsClientSettings;
  roles: AssumedRoleCredentials;
  operationsAccountId: string;
  /** Assumed in every other account (events.setupRoleName), with aws.externalId when set. */
  setupRoleName: string;
  externalId?: string;
}

/**
 * One EventBridge client per account and region, kept for the whole command. It mirrors AwsClients' policy
 * (adaptive retries, 8 attempts) so every AWS call of the product retries alike.
 */
export class EventDeliveryClients {
  private readonly clients = new Map<string, EventBridgeClient>();

  constructor(private readonly options: EventDeliveryClientOptions) {}

  clientFor(place: Place): EventBridgeClient {
    const key = `${place.accountId}|${place.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new EventBridgeClient({
        region: place.region,
        endpoint: this.options.aws.endpoint,
        credentials: this.identityFor(place.accountId)?.credentials ?? this.options.aws.credentials,
        maxAttempts: this.options.aws.maxAttempts ?? 8,
        retryMode: 'adaptive',
      });
      this.clients.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private identityFor(accountId: string): AssumedIdentity | undefined {
    if (accountId === this.options.operationsAccountId) return undefined;
    return this.options.roles.identity({
      roleArn: `arn:aws:iam::${accountId}:role/${this.options.setupRoleName}`,
      externalId: this.options.externalId,
    });
  }
}
