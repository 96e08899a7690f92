// "Did you mean …?": the candidates nearest to a mistyped word by edit distance.

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Up to `limit` candidates within a distance that grows with the word's length, nearest first. */
export function closestMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const budget = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((candidate) => {
      const other = candidate.toLowerCase();
      const distance = other.includes(lower) || lower.includes(other) ? 1 : editDistance(lower, other);
      return { candidate, distance };
    })
    .filter((entry) => entry.distance <= budget)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
