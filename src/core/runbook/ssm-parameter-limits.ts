// StartAutomationExecution's limits on Parameters, from the API model (botocore ssm/2014-11-06:
// AutomationParameterValue 1..512 characters, AutomationParameterValueList 0..50 values).

export const SSM_MAX_VALUE_LENGTH = 512;
export const SSM_MAX_VALUES = 50;
