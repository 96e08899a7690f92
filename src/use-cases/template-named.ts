// The one lookup of a change template by name: a change names the template it was raised under.
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { ApprovalServices } from './run-context.js';

/** The configured template called `name`, or undefined when none is (a change raised under a removed one). */
export function templateNamed(
  approvals: Pick<ApprovalServices, 'templates'>,
  name: string,
): ChangeTemplate | undefined {
  return approvals.templates.find((template) => template.name === name);
}
