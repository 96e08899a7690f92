// What a search box in the modal finds: entries whose words contain the query, the ones that start with it first.

/**
 * The entries any of whose `keys` contain `query` (case-insensitive; an empty query matches all): first those
 * where a key starts with it, then the rest, each group in the order of `compare`.
 */
export function matchQuery<T>(
  entries: readonly T[],
  query: string,
  keys: (entry: T) => string[],
  compare: (a: T, b: T) => number,
): T[] {
  const needle = query.trim().toLowerCase();
  const ranked: Array<{ entry: T; rank: number }> = [];
  for (const entry of entries) {
    const words = keys(entry).map((key) => key.toLowerCase());
    if (words.some((word) => word.startsWith(needle))) ranked.push({ entry, rank: 0 });
    else if (words.some((word) => word.includes(needle))) ranked.push({ entry, rank: 1 });
  }
  return ranked.sort((a, b) => a.rank - b.rank || compare(a.entry, b.entry)).map(({ entry }) => entry);
}
