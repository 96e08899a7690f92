// What a successful aws:runCommand step of AWS-RunPatchBaseline with Operation=Install does to the sandbox's
// managed instances: their missing and failed patches are installed and the scan time moves to now.
import type { StepRecord } from '../automation/execution.js';

/** The instances a finished step patched in its account and region: every one (`*`), listed ones, or none. */
export function patchedInstances(step: StepRecord): 'all' | string[] | undefined {
  if (step.action !== 'aws:runCommand' || step.status !== 'Success') return undefined;
  const input = (name: string): unknown => {
    const raw = step.inputs[name];
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  };
  if (input('DocumentName') !== 'AWS-RunPatchBaseline') return undefined;
  const parameters = input('Parameters') as Record<string, unknown> | undefined;
  const operation = parameters?.Operation;
  // AWS-RunPatchBaseline's Operation defaults to Scan, which installs nothing.
  if ((Array.isArray(operation) ? operation[0] : operation) !== 'Install') return undefined;
  const targets = input('Targets') as Array<{ Key?: string; Values?: string[] }> | undefined;
  const byId = targets?.find((target) => target.Key === 'InstanceIds')?.Values;
  if (byId?.includes('*')) return 'all';
  const ids = byId ?? (input('InstanceIds') as string[] | undefined);
  return Array.isArray(ids) ? ids : undefined;
}
