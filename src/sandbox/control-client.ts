// A typed client for the /_sandbox control API, used by tests, benchmarks and the demo.
import type { CallReport } from './call-log.js';
import type { FaultRule } from './faults.js';
import type { FaultRuleSpec } from './fixture.js';
import type { Rate, ThrottleSettings } from './throttle.js';

export interface ClockState {
  now: string;
  scale: number;
  pendingTimers: number;
}

export class SandboxControlClient {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as T & { error?: string };
    if (!response.ok)
      throw new Error(`sandbox control ${method} ${path}: ${response.status} ${payload.error}`);
    return payload;
  }

  reset(
    options: {
      timeScale?: number;
      startTime?: string;
      throttling?: boolean;
      automationQuota?: {
        concurrentExecutions?: number;
        queuedExecutions?: number;
        stepExecutionsShown?: number;
      };
    } = {},
  ) {
    return this.call<{ now: string; scale: number }>('POST', '/reset', options);
  }
  clock() {
    return this.call<ClockState>('GET', '/clock');
  }
  advance(seconds: number) {
    return this.call<ClockState>('POST', '/clock/advance', { seconds });
  }
  setScale(scale: number) {
    return this.call<ClockState>('POST', '/clock/scale', { scale });
  }
  /** Runs the clock until nothing is scheduled (bounded by maxSeconds) and event deliveries are done. */
  settle(maxSeconds?: number) {
    return this.call<ClockState>('POST', '/clock/settle', maxSeconds === undefined ? {} : { maxSeconds });
  }
  addFault(rule: Partial<FaultRuleSpec> & Pick<FaultRuleSpec, 'kind'>) {
    return this.call<FaultRule>('POST', '/faults', rule);
  }
  faults() {
    return this.call<{ faults: FaultRule[] }>('GET', '/faults');
  }
  removeFault(id: string) {
    return this.call<{ removed: string }>('DELETE', `/faults/${encodeURIComponent(id)}`);
  }
  clearFaults() {
    return this.call<{ faults: [] }>('DELETE', '/faults');
  }
  calls() {
    return this.call<CallReport>('GET', '/calls');
  }
  resetCalls() {
    return this.call<CallReport>('DELETE', '/calls');
  }
  setThrottling(settings: { enabled?: boolean; defaults?: Rate; rates?: Record<string, Rate> }) {
    return this.call<ThrottleSettings>('PUT', '/throttling', settings);
  }
  setLatency(ms: number) {
    return this.call<{ ms: number }>('PUT', '/latency', { ms });
  }
  /** Waits until every EventBridge delivery under way has finished. */
  eventsIdle() {
    return this.call<{ idle: boolean }>('POST', '/events/idle');
  }
}
