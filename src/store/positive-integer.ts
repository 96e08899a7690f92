// A store option that must be a whole number of at least 1, checked when the store is built.

/** `value`, or an error naming the store and the option (e.g. "RedisRunStore: recentLimit must be …"). */
export function positiveInteger(store: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${store}: ${name} must be a positive integer`);
  return value;
}
