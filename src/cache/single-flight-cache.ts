// A cache for values read from elsewhere (AWS, Slack): one read per key at a time however many callers wait,
// the value kept while it is fresh, and a failed read never cached.

interface Entry<V> {
  value?: V;
  loadedAt?: number;
  pending?: Promise<V>;
}

export interface SingleFlightCacheOptions<V> {
  /** Whether a value read at `loadedAt` may still be served at `now`. */
  isFresh(value: NoInfer<V>, loadedAt: number, now: number): boolean;
  now?: () => number;
}

export class SingleFlightCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly now: () => number;

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly options: SingleFlightCacheOptions<V>,
  ) {
    this.now = options.now ?? Date.now;
  }

  get(key: K): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    if (entry.loadedAt !== undefined && this.options.isFresh(entry.value as V, entry.loadedAt, this.now())) {
      return Promise.resolve(entry.value as V);
    }
    const current = entry;
    current.pending ??= this.load(key).then(
      (value) => {
        current.value = value;
        current.loadedAt = this.now();
        current.pending = undefined;
        return value;
      },
      (error: unknown) => {
        current.pending = undefined;
        throw error;
      },
    );
    return current.pending;
  }

  /** The value if one was read, fresh or not, without reading. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  forget(key: K): void {
    this.entries.delete(key);
  }
}

/** Fresh for `ttlMs` after it was read. */
export const freshFor =
  (ttlMs: number) =>
  (_value: unknown, loadedAt: number, now: number): boolean =>
    now - loadedAt < ttlMs;
