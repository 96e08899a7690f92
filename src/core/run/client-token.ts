// Idempotency tokens for StartAutomationExecution: a UUID derived from the run and the target, so a retried
// start (a job run twice, a process killed mid-start) is recognised by SSM and never starts twice.
import { createHash } from 'node:crypto';

/** SSM's ClientToken must be a UUID; this is a name-based (v8-style) UUID from sha256 of the inputs. */
export function startClientToken(runId: string, scope: string): string {
  const hex = createHash('sha256').update(`ssm-chatops|${runId}|${scope}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
