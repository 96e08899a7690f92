// Keeps account of every asynchronous delivery, so `idle()` can wait for them and `dispose()` can stop them.

/** Thrown into waiting deliveries when the world is disposed. */
export class DeliveriesStopped extends Error {
  override readonly name = 'DeliveriesStopped';
}

export class DeliveryTracker {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly controller = new AbortController();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Aborted on dispose: in-flight HTTP requests listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs `work` after the current call returns, as AWS delivers after PutEvents has answered. */
  start(work: () => Promise<void>): void {
    if (this.stopped) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (this.stopped ? undefined : work()))
      .catch((error: unknown) => {
        // Once stopped, aborted requests and cut-short pauses are expected, not faults.
        if (!this.stopped && !(error instanceof DeliveriesStopped)) this.onError(error);
      })
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** A real-time pause for backoff and rate limiting that ends early, with DeliveriesStopped, on dispose. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(new DeliveriesStopped());
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, () => reject(new DeliveriesStopped()));
    });
  }

  /** Resolves once nothing is under way, including deliveries started by other deliveries. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  dispose(): void {
    this.controller.abort(new DeliveriesStopped());
    for (const [timer, stop] of this.timers) {
      clearTimeout(timer);
      stop();
    }
    this.timers.clear();
  }
}
