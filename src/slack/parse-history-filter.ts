// What `/ssm history <filter>` was given, read as Slack sends it: a mention is a person, `@name` a name.
import type { HistoryFilter } from '../use-cases/run-history.js';

/** `<@U123>` or `<@U123|alice>`: Slack escapes a mention so when the command asks it to, and not otherwise. */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseHistoryFilter(typed: string | undefined): HistoryFilter | undefined {
  if (typed === undefined || typed === '') return undefined;
  const mention = MENTION.exec(typed);
  if (mention) return { kind: 'person', userId: mention[1]! };
  if (typed.startsWith('@')) return { kind: 'person-name', name: typed.slice(1) };
  return { kind: 'text', text: typed };
}
