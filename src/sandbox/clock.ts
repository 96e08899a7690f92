// The sandbox clock: simulated time that runs scaled to real time, or stands still until a test advances it.

export interface TimerHandle {
  cancel(): void;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * Simulated time for executions, calendars and credential expiry.
 * `scale` is simulated seconds per real second; 0 means time moves only through `advance`.
 */
export class SandboxClock {
  private anchorSim: number;
  private anchorReal: number;
  private scale: number;
  private readonly heap: Timer[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private running = false;

  constructor(
    start: Date,
    scale: number,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.anchorSim = start.getTime();
    this.anchorReal = realNow();
    this.scale = scale;
  }

  nowMs(): number {
    return this.anchorSim + (this.realNow() - this.anchorReal) * this.scale;
  }

  now(): Date {
    return new Date(Math.floor(this.nowMs()));
  }

  get timeScale(): number {
    return this.scale;
  }

  setScale(scale: number): void {
    this.anchorSim = this.nowMs();
    this.anchorReal = this.realNow();
    this.scale = scale;
    this.armRealTimer();
  }

  /** Runs `fn` once simulated time reaches `atMs`; timers due together run in scheduling order. */
  schedule(atMs: number, fn: () => void): TimerHandle {
    const timer: Timer = { at: atMs, seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    this.armRealTimer();
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    return this.schedule(this.nowMs() + delayMs, fn);
  }

  /** Moves simulated time forward, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.nowMs() + Math.max(0, ms);
    this.runDue(target, true);
    this.anchorSim = target;
    this.anchorReal = this.realNow();
    this.armRealTimer();
  }

  /** The simulated time of the next pending timer, if any. */
  nextDueMs(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  pendingTimers(): number {
    return this.heap.filter((timer) => !timer.cancelled).length;
  }

  dispose(): void {
    this.disposed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.heap.length = 0;
  }

  private runDue(limit: number, moveTime: boolean): void {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        this.dropCancelled();
        const next = this.heap[0];
        if (!next || next.at > limit) break;
        this.pop();
        if (moveTime && next.at > this.nowMs()) {
          // Timers see the simulated time they were due at.
          this.anchorSim = next.at;
          this.anchorReal = this.realNow();
        }
        next.fn();
      }
    } finally {
      this.running = false;
    }
  }

  private armRealTimer(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    if (this.disposed || this.scale <= 0) return;
    const next = this.nextDueMs();
    if (next === undefined) return;
    const delayReal = Math.max(0, (next - this.nowMs()) / this.scale);
    this.realTimer = setTimeout(
      () => {
        this.realTimer = undefined;
        this.runDue(this.nowMs(), false);
        this.armRealTimer();
      },
      Math.min(delayReal, 2 ** 31 - 1),
    );
    this.realTimer.unref();
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
        index = smallest;
      }
    }
    return top;
  }
}

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
