// Amazon EventBridge in the sandbox: buses per account and region, rules, targets and asynchronous delivery.
import type { SandboxWorld } from '../world.js';
import {
  ApiDestinationInvoker,
  DEFAULT_DELIVERY_SETTINGS,
  type DeliverySettings,
} from './api-destination-invoker.js';
import { ConnectionAuthorizer } from './connection-authorizer.js';
import { ConnectionStore } from './connection-store.js';
import { DeliveryLog } from './delivery-log.js';
import { DeliveryTracker } from './delivery-tracker.js';
import { type EventBusRecord, EventBusRegistry } from './event-bus-registry.js';
import { EventRouter } from './event-router.js';
import { DEFAULT_BUS } from './events-arn.js';

export interface AwsEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface EventBusesOptions {
  /** Replaces the global fetch for API destination calls (tests of the sandbox itself). */
  fetch?: typeof fetch;
  /** Told about faults inside delivery (not delivery failures, which the delivery log records). */
  onError?: (error: unknown) => void;
}

export class EventBuses {
  readonly buses: EventBusRegistry;
  readonly connections = new ConnectionStore();
  readonly deliveries = new DeliveryLog();
  private settings: DeliverySettings = { ...DEFAULT_DELIVERY_SETTINGS };
  private readonly tracker: DeliveryTracker;
  private readonly router: EventRouter;

  constructor(
    readonly world: SandboxWorld,
    options: EventBusesOptions = {},
  ) {
    this.buses = new EventBusRegistry(world.clock);
    this.tracker = new DeliveryTracker(
      options.onError ?? ((error) => console.error('sandbox EventBridge delivery fault', error)),
    );
    const fetchImpl = options.fetch ?? fetch;
    const invoker = new ApiDestinationInvoker(
      this.tracker,
      new ConnectionAuthorizer(fetchImpl),
      () => this.settings,
      fetchImpl,
    );
    this.router = new EventRouter({
      registry: this.buses,
      connections: this.connections,
      tracker: this.tracker,
      invoker,
      log: this.deliveries,
      settings: () => this.settings,
      orgIdOf: (accountId) => this.orgIdOf(accountId),
    });
  }

  /** Puts an event on the default bus of `event.account` in `event.region`, as an AWS service would. */
  publish(event: AwsEvent): void {
    const bus = this.buses.get({ accountId: event.account, region: event.region }, DEFAULT_BUS);
    if (bus) this.router.route(bus, event);
  }

  /** Puts an event on a given bus: PutEvents after its checks. Delivery happens after this returns. */
  putOnBus(bus: EventBusRecord, event: AwsEvent): void {
    this.router.route(bus, event);
  }

  /** Resolves when every delivery under way, retries included, has finished. */
  async idle(): Promise<void> {
    await this.tracker.idle();
  }

  get deliverySettings(): DeliverySettings {
    return { ...this.settings };
  }

  /** Changes retry, backoff and timeout of API destination calls (demo and tests tune them). */
  configureDelivery(settings: Partial<DeliverySettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  /** Stops backoff timers and aborts HTTP requests in flight. */
  dispose(): void {
    this.tracker.dispose();
  }

  /** The organization id when `accountId` is a member (the `aws:PrincipalOrgID` of its principals). */
  orgIdOf(accountId: string): string | undefined {
    const member = this.world.fixture.organization.accounts.some((account) => account.id === accountId);
    return member ? this.world.org.id : undefined;
  }
}
