// A runbook as the bot sees it: its name and the parameters a run has to supply, typed as SSM types them.

export const PARAMETER_TYPES = [
  'String',
  'StringList',
  'Integer',
  'Boolean',
  'MapList',
  'StringMap',
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface RunbookParameter {
  name: string;
  type: ParameterType;
  description?: string;
  /** The default as written in the document (string, number, boolean, list or map). SSM applies it, not the bot. */
  default?: unknown;
  allowedValues?: string[];
  /** A regular expression as the document writes it; compiled only when a value is checked against it. */
  allowedPattern?: string;
  minItems?: number;
  maxItems?: number;
  minChars?: number;
  maxChars?: number;
  /** True when the document gives no default: SSM refuses to start without a value. */
  required: boolean;
  /** The author asked for a multi-line input. */
  displayType?: 'textarea';
}

export interface Runbook {
  name: string;
  description?: string;
  owner?: string;
  documentVersion?: string;
  /** The parameter named by `assumeRole: '{{ X }}'`, which the bot usually sets itself. */
  assumeRoleParameter?: string;
  parameters: RunbookParameter[];
  /** The names of the main steps in order (how far an execution is along); absent when unreadable. */
  steps?: string[];
}
