// Operators: the people who may act on anyone's run (cancel it), named by user or user group.
import type { Subject } from './subject.js';

/** `slack.operators` in the config file. */
export interface Operators {
  users: readonly string[];
  userGroups: readonly string[];
}

export function isOperator(operators: Operators, subject: Subject): boolean {
  return (
    operators.users.includes(subject.userId) ||
    operators.userGroups.some((group) => subject.userGroupIds.includes(group))
  );
}
