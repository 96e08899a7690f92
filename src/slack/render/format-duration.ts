// Elapsed time as people read it in a status line: "45s", "3m 20s", "2h 5m", "1d 3h".

/** A duration in the two largest units; negative durations (clock skew) read as 0s. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const units: Array<[string, number]> = [
    ['d', Math.floor(seconds / 86_400)],
    ['h', Math.floor(seconds / 3600) % 24],
    ['m', Math.floor(seconds / 60) % 60],
    ['s', seconds % 60],
  ];
  const first = units.findIndex(([, value]) => value > 0);
  if (first < 0) return '0s';
  return units
    .slice(first, first + 2)
    .filter(([, value]) => value > 0)
    .map(([unit, value]) => `${value}${unit}`)
    .join(' ');
}

/** The time between two ISO timestamps, or undefined when either is missing or unreadable. */
export function durationBetween(from: string | undefined, to: string | Date | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const start = Date.parse(from);
  const end = to instanceof Date ? to.getTime() : Date.parse(to);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : end - start;
}
