// Which modal input fits a parameter: the one decision the form description and the form parser share.
import type { RunbookParameter } from './runbook.js';

export type FormInputKind =
  | 'text'
  | 'multiline'
  | 'number'
  | 'boolean'
  | 'select'
  | 'multi-select'
  | 'list'
  | 'json';

export function formInputKind(parameter: RunbookParameter): FormInputKind {
  switch (parameter.type) {
    case 'String':
      if (parameter.allowedValues) return 'select';
      return parameter.displayType === 'textarea' ? 'multiline' : 'text';
    case 'Integer':
      return parameter.allowedValues ? 'select' : 'number';
    case 'Boolean':
      return 'boolean';
    case 'StringList':
      return parameter.allowedValues ? 'multi-select' : 'list';
    case 'StringMap':
    case 'MapList':
      return 'json';
  }
}
