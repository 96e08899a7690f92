// Concurrency and error thresholds as people type them and SSM takes them: "10" or "25%".
import type { RateLimit } from '../../core/command/ssm-command.js';

export function formatRateLimit(limit: RateLimit): string {
  return limit.kind === 'percent' ? `${limit.value}%` : String(limit.value);
}
