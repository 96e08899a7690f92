// The parsed form of an SSM document, shared by the document catalog and the automation engine.

export type ParameterType = 'String' | 'StringList' | 'Integer' | 'Boolean' | 'MapList' | 'StringMap';

export interface RunbookParameter {
  name: string;
  type: ParameterType;
  description?: string;
  /** The default as written in the document (string, number, boolean, list or map). */
  default?: unknown;
  allowedValues?: string[];
  allowedPattern?: string;
  minItems?: number;
  maxItems?: number;
  minChars?: number;
  maxChars?: number;
}

export interface RunbookStepOutput {
  name: string;
  selector: string;
  type: string;
}

export interface RunbookStep {
  name: string;
  action: string;
  inputs: Record<string, unknown>;
  onFailure?: string;
  onCancel?: string;
  maxAttempts?: number;
  timeoutSeconds?: number;
  isEnd?: boolean;
  isCritical?: boolean;
  nextStep?: string;
  outputs: RunbookStepOutput[];
}

/** How the sandbox plays a step: how long it takes, what it outputs, whether it always fails. */
export interface StepSimulation {
  durationSeconds?: number;
  outputs?: Record<string, unknown>;
  failure?: string;
}

export interface Runbook {
  name: string;
  owner: 'Amazon' | 'Self';
  documentType: 'Automation' | 'ChangeCalendar';
  documentVersion: string;
  schemaVersion: string;
  description: string;
  /** The document text exactly as GetDocument returns it. */
  content: string;
  format: 'YAML' | 'JSON' | 'TEXT';
  /** The parameter named by `assumeRole: '{{ X }}'`, if any. */
  assumeRoleParameter?: string;
  parameters: RunbookParameter[];
  steps: RunbookStep[];
  outputs: string[];
  simulation: Record<string, StepSimulation>;
  createdDate: Date;
  /** sha256 of the content. */
  hash: string;
}
