// A test asked the driver for something no user could do in Slack (no such button, view not open, …).

export class SlackDriverError extends Error {
  override readonly name = 'SlackDriverError';
}
