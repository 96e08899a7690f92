// `/ssm` texts a hostile or careless user sends: none may crash the bot, take longer than Slack's 3 s to ack,
// or start anything (each is invalid: an unknown runbook, a malformed parameter, a target that does not exist).
const PIECES = [
  'run',
  'run ../../etc/passwd',
  'run AWS-RestartEC2Instance InstanceId=$(reboot)',
  'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts 000000000000',
  'run AWS-RestartEC2Instance InstanceId=<!channel> --accounts <@U0OUTSIDE1>',
  'run AWS-RestartEC2Instance InstanceId=i-zzz --regions mars-north-1',
  'run AWS-RestartEC2Instance --concurrency -5 --max-errors 200%',
  'run Nope-NoSuchRunbook --accounts payments-prod',
  'status run-00000000',
  'status chg-\u0000\u0001',
  'cancel run-zzzzzzzz',
  'history <#C0OPS00001|ops> --limit 99999',
  'run AWS-RestartEC2Instance "InstanceId=i-0123 --reason "unterminated',
  'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-does-not-exist',
  '\u202erun AWS-RestartEC2Instance',
];

/** `count` commands: the pieces in turn, every fifth one padded far past a sensible length. */
export function hostileCommands(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const piece = PIECES[index % PIECES.length]!;
    return index % 5 === 4 ? `${piece} ${'A'.repeat(3_000 + index)}` : piece;
  });
}
