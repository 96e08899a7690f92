// `/ssm list <runbook>`: one runbook whole — its full description and every parameter a run can set.
import type { Runbook, RunbookParameter } from '../../core/runbook/runbook.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const DESCRIPTION_LENGTH = 2500;
const PARAMETER_DESCRIPTION_LENGTH = 300;
const DEFAULT_LENGTH = 80;
const SHOWN_VALUES = 10;

/**
 * The description as the runbook writes it (Markdown headings and `**bold**` turned into Slack's bold), then
 * the parameters, required ones first, each with its type, default and allowed values. The role the bot
 * sets itself is left out: a run cannot set it.
 */
export function renderRunbookDetails(runbook: Runbook): SlackMessage {
  const parameters = runbook.parameters
    .filter((parameter) => parameter.name !== runbook.assumeRoleParameter)
    .sort((a, b) => Number(b.required) - Number(a.required));
  const head = [
    headerBlock(runbook.name),
    sectionBlock(
      runbook.description
        ? truncate(slackDescription(runbook.description, runbook.name), DESCRIPTION_LENGTH)
        : '_This runbook has no description._',
    ),
  ];
  const footer = contextBlock(
    [
      runbook.owner ? `Owner: ${escapeMrkdwn(runbook.owner === 'Amazon' ? 'AWS' : runbook.owner)}` : '',
      runbook.documentVersion ? `version ${escapeMrkdwn(runbook.documentVersion)}` : '',
      `Run it with ${inlineCode(`/ssm run ${runbook.name} Name=value …`)}, or ${inlineCode(`/ssm run ${runbook.name}`)} for a form.`,
    ]
      .filter((part) => part !== '')
      .join(' · '),
  );
  const title = '*Parameters*';
  const lines =
    parameters.length === 0 ? ['_None: the runbook runs as it is._'] : parameters.map(parameterLine);
  const { blocks } = packLines([`${title}\n${lines[0]}`, ...lines.slice(1)], {
    maxBlocks: BlockKitLimit.messageBlocks - head.length - 1,
    maxChars: BlockKitLimit.messageText - DESCRIPTION_LENGTH - 500,
    maxLines: 60,
    more: (hidden) => `…and ${plural(hidden, 'more parameter')}`,
  });
  return slackMessage(`${escapeMrkdwn(runbook.name)}: its description and parameters`, [
    ...head,
    ...blocks,
    footer,
  ]);
}

/** `• `InstanceId` (StringList, required): The instances. Default: `…`. Allowed: `a`, `b`.` */
function parameterLine(parameter: RunbookParameter): string {
  const facts = [parameter.type, parameter.required ? 'required' : 'optional'].join(', ');
  const parts = [`• ${inlineCode(parameter.name)} (${facts})`];
  const about = parameter.description
    ? `: ${escapeMrkdwn(truncate(parameter.description.replace(/\s+/g, ' ').trim().replace(/\.$/, ''), PARAMETER_DESCRIPTION_LENGTH))}`
    : '';
  const extras: string[] = [];
  const fallback = defaultText(parameter.default);
  if (fallback !== undefined) extras.push(`Default: ${inlineCode(truncate(fallback, DEFAULT_LENGTH))}`);
  if (parameter.allowedValues?.length) {
    const shown = parameter.allowedValues.slice(0, SHOWN_VALUES).map((value) => inlineCode(value));
    const hidden = parameter.allowedValues.length - shown.length;
    extras.push(`One of ${shown.join(', ')}${hidden > 0 ? ` …and ${hidden} more` : ''}`);
  }
  return `${parts[0]}${about}${extras.length > 0 ? `. ${extras.join('. ')}.` : about ? '.' : ''}`;
}

function defaultText(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  return JSON.stringify(value);
}

/**
 * Markdown as runbooks write it, in Slack's mrkdwn: headings and `**bold**` become bold, the rest is escaped.
 * A heading that only repeats the runbook's name is dropped: the header says it.
 */
function slackDescription(description: string, name: string): string {
  return description
    .split('\n')
    .filter((line) => line.replace(/^\s*#{1,6}\s+/, '').trim() !== name)
    .map((line) => {
      const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
      const text = escapeMrkdwn(heading ? heading[1]! : line).replace(/\*\*(.+?)\*\*/g, '*$1*');
      return heading ? `*${text}*` : text;
    })
    .join('\n')
    .trim();
}
