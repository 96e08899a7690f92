// STUB (to be completed): Automation executions advancing step by step on the sandbox clock.
import type { SandboxWorld } from '../world.js';

export class AutomationEngine {
  constructor(readonly world: SandboxWorld) {}
}
