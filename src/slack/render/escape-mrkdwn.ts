// Making outside text (names, reasons, AWS messages, parameter values) safe to put into Slack mrkdwn.

/**
 * Escapes the three characters Slack parses in mrkdwn, so outside text cannot mention (`<!channel>`) or
 * link (`<https://…|…>`); Slack wants this in code spans and blocks too. Runs of three or more backticks get
 * zero-width spaces between them, so outside text cannot open or close a code block around our markup.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/`{3,}/g, (run) => [...run].join('\u200b'));
}

/**
 * Outside text as inline code. A backtick would end the span early and a newline would break it, so they
 * become `'` and a space; an empty value is shown as _empty_ (an empty span renders as two backticks).
 */
export function inlineCode(text: string): string {
  if (text === '') return '_empty_';
  return `\`${escapeMrkdwn(text.replaceAll('`', "'").replace(/\s*\n\s*/g, ' '))}\``;
}

/** Outside text as a ``` code block (escaped, so a ``` inside cannot end the block early). */
export function codeBlock(text: string): string {
  return `\`\`\`\n${escapeMrkdwn(text)}\n\`\`\``;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A Slack mention of a user id; anything that is not a user id is shown as escaped text instead. */
export function mention(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
