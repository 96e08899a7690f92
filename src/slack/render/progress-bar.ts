// A text progress bar for the run message: Block Kit has no progress element.

/**
 * `▓▓▓▓▓░░░░░ 50%` for a fraction from 0 to 1. The cells and percentage round down, so 100% and a full bar
 * mean every child has finished, never "almost".
 */
export function progressBar(fraction: number, cells = 10): string {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.floor(clamped * cells);
  return `${'▓'.repeat(filled)}${'░'.repeat(cells - filled)} ${Math.floor(clamped * 100)}%`;
}
