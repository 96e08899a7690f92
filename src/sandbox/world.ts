// The sandbox's whole simulated state, built from one fixture; a reset builds a new one.

import { AutomationEngine } from './automation/engine.js';
import { CallLog } from './call-log.js';
import { SandboxClock } from './clock.js';
import { EventBuses } from './events/event-buses.js';
import { FaultRules } from './faults.js';
import type { LoadedFixture, SandboxFixture } from './fixture.js';
import { IdentityStore } from './identity.js';
import { IdSource, seededRandom } from './ids.js';
import { Organization } from './organization.js';
import { CalendarStore } from './ssm/calendar-store.js';
import { DocumentCatalog } from './ssm/document-catalog.js';
import { PatchStateStore } from './ssm/patch-states.js';
import { Throttle } from './throttle.js';

export interface WorldOptions {
  /** Overrides the fixture's clock scale (simulated seconds per real second; 0 = manual). */
  timeScale?: number;
  /** Overrides the fixture's simulated start time. */
  startTime?: Date;
  /** Lets tests and benchmarks turn throttling off regardless of the fixture. */
  throttling?: boolean;
  /**
   * Sandbox-only: lets CreateApiDestination take an `http://` endpoint, so a local receiver without TLS can
   * be a target. AWS refuses them; so does the sandbox unless started with this (`--allow-http-api-destinations`).
   */
  allowHttpApiDestinations?: boolean;
  /** Overrides the fixture's Automation concurrency quota, so a test can meet the queue with a handful of starts. */
  automationQuota?: Partial<SandboxFixture['automationQuota']>;
}

export class SandboxWorld {
  readonly fixture: SandboxFixture;
  readonly clock: SandboxClock;
  readonly random: () => number;
  readonly ids: IdSource;
  readonly faults: FaultRules;
  readonly throttle: Throttle;
  readonly calls = new CallLog();
  readonly org: Organization;
  readonly identities: IdentityStore;
  readonly documents: DocumentCatalog;
  readonly calendars: CalendarStore;
  readonly patchStates: PatchStateStore;
  readonly events: EventBuses;
  readonly automation: AutomationEngine;
  latencyMs: number;
  readonly allowHttpApiDestinations: boolean;

  constructor(loaded: LoadedFixture, options: WorldOptions = {}) {
    const fixture = loaded.fixture;
    this.fixture = {
      ...fixture,
      automationQuota: { ...fixture.automationQuota, ...options.automationQuota },
    };
    this.allowHttpApiDestinations = options.allowHttpApiDestinations ?? false;
    this.clock = new SandboxClock(
      options.startTime ?? fixture.clock.start ?? new Date(),
      options.timeScale ?? fixture.clock.scale,
    );
    this.random = seededRandom(fixture.seed);
    this.ids = new IdSource(this.random);
    this.faults = new FaultRules(fixture.faults, this.random);
    this.throttle = new Throttle({
      ...fixture.throttling,
      enabled: options.throttling ?? fixture.throttling.enabled,
    });
    this.latencyMs = fixture.latencyMs;
    this.org = Organization.fromFixture(fixture);
    this.identities = IdentityStore.fromFixture(fixture, this.org, this.clock, this.ids);
    this.documents = DocumentCatalog.fromFixture(fixture, loaded.baseDir, this.org);
    this.calendars = CalendarStore.fromFixture(fixture, this.clock);
    this.patchStates = PatchStateStore.fromFixture(fixture, this.org, this.clock);
    this.events = new EventBuses(this);
    this.automation = new AutomationEngine(this);
  }

  dispose(): void {
    this.clock.dispose();
    this.events.dispose();
  }
}
