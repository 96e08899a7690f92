// What is wrong with a run request, problem by problem, with the values and patterns that would be right.
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, sectionBlock } from './blocks.js';
import { codeBlock, escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { orList } from './or-list.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** One thing validation found wrong (ParameterProblem fits). */
export interface Problem {
  /** A sentence, mrkdwn, that says what is wrong (code spans around what was typed). */
  message: string;
  /** Close to what was typed: names or values. */
  suggestions?: string[];
  allowedValues?: string[];
  /** A regular expression as the runbook writes it. */
  allowedPattern?: string;
}

export interface ProblemsReport {
  /** Plain text, e.g. `Can't run AWS-RestartEC2Instance`. */
  title: string;
  problems: Problem[];
  /** How the command should be written, when known. */
  usage?: string;
  /** The command to read more with; `/ssm help run` unless given. */
  help?: string;
  /** What `help` shows, when it is not help: `the runbooks you may run`. */
  helpShows?: string;
}

const SHOWN_VALUES = 10;
const VALUE_LENGTH = 60;
const PATTERN_LENGTH = 300;
const SHOWN_PROBLEMS = 20;
const MESSAGE_LENGTH = 500;

/** `:warning: *title*`, one bullet per problem, the usage in a code block, and where to read more. */
export function renderProblems(report: ProblemsReport): SlackMessage {
  const title = `:warning: *${escapeMrkdwn(report.title)}*`;
  const fixed = [
    sectionBlock(title),
    ...(report.usage === undefined ? [] : [sectionBlock(`*Usage*\n${codeBlock(report.usage)}`)]),
    contextBlock(helpLine(report)),
  ];
  const [head, ...tail] = fixed;
  const { blocks: list } = packLines(report.problems.map(problemLine), {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed),
    maxLines: SHOWN_PROBLEMS,
    more: (hidden) => `…and ${plural(hidden, 'more problem')}`,
  });
  const first = report.problems[0];
  const summary = first ? `${report.title}: ${first.message}` : report.title;
  return slackMessage(escapeMrkdwn(summary), [head!, ...list, ...tail]);
}

/** `See \`/ssm help run\``, or `\`/ssm list\` shows the runbooks you may run.` */
function helpLine({ help = '/ssm help run', helpShows }: ProblemsReport): string {
  return helpShows ? `${inlineCode(help)} shows ${helpShows}.` : `See ${inlineCode(help)}`;
}

function problemLine(problem: Problem): string {
  const rows = [`• ${escapeMrkdwn(truncate(problem.message, MESSAGE_LENGTH))}`];
  // The message may already carry the hint; saying it twice reads as a glitch.
  if (problem.suggestions?.length && !/did you mean/i.test(problem.message)) {
    rows.push(`Did you mean ${orList(problem.suggestions.map(shortCode))}?`);
  }
  if (problem.allowedValues?.length) {
    const shown = problem.allowedValues.slice(0, SHOWN_VALUES).map(shortCode).join(', ');
    const hidden = problem.allowedValues.length - SHOWN_VALUES;
    rows.push(`Allowed values: ${shown}${hidden > 0 ? ` …and ${hidden} more` : ''}`);
  }
  if (problem.allowedPattern !== undefined) {
    rows.push(`Allowed pattern: ${inlineCode(truncate(problem.allowedPattern, PATTERN_LENGTH))}`);
  }
  return rows.join('\n      ');
}

function shortCode(value: string): string {
  return inlineCode(truncate(value, VALUE_LENGTH));
}
