// Which secrets appear in which log files: the check that no token, signing secret or AWS secret reached a log.
import { readFileSync } from 'node:fs';

export interface Secret {
  /** What it is (SLACK_BOT_TOKEN, an STS session token…): the only thing a report of a leak may show. */
  name: string;
  value: string;
}

/** A deployment's secrets, as an operator's shell might still have them when starting an emulator. */
export const ENVIRONMENT_SECRETS: Secret[] = [
  { name: 'SLACK_BOT_TOKEN', value: 'xoxb-from-the-environment-bot-token' },
  { name: 'SLACK_SIGNING_SECRET', value: 'from-the-environment-signing-secret' },
  { name: 'SLACK_APP_TOKEN', value: 'xapp-from-the-environment-app-token' },
  { name: 'SSM_CHATOPS_EVENTS_SECRET', value: 'from-the-environment-events-secret' },
  { name: 'AWS_SECRET_ACCESS_KEY', value: 'from-the-environment-aws-secret-key' },
  { name: 'AWS_SESSION_TOKEN', value: 'from-the-environment-aws-session-token' },
];

export interface Leak {
  name: string;
  file: string;
}

/**
 * Every (secret, file) where the secret's value, as written or URL-encoded (a form body or a URL), occurs.
 * Values shorter than 8 characters are refused: a word like "sandbox" would match everywhere and prove nothing.
 */
export function findLeakedSecrets(files: readonly string[], secrets: readonly Secret[]): Leak[] {
  refuseShortSecrets(secrets);
  return files.flatMap((file) =>
    secretsIn(readFileSync(file, 'utf8'), secrets).map((name) => ({ name, file })),
  );
}

/** The names of the secrets whose value occurs in `text` (a banner, a process's output), as written or URL-encoded. */
export function secretsIn(text: string, secrets: readonly Secret[]): string[] {
  refuseShortSecrets(secrets);
  return secrets
    .filter((secret) => text.includes(secret.value) || text.includes(encodeURIComponent(secret.value)))
    .map((secret) => secret.name);
}

function refuseShortSecrets(secrets: readonly Secret[]): void {
  for (const secret of secrets) {
    if (secret.value.length < 8) throw new Error(`${secret.name} is too short to look for in logs`);
  }
}

/** Throws when any secret leaked, naming the secrets and files, never the values. */
export function assertNoLeakedSecrets(files: readonly string[], secrets: readonly Secret[]): void {
  const leaks = findLeakedSecrets(files, secrets);
  if (leaks.length > 0) {
    throw new Error(
      `secrets reached the logs:\n${leaks.map((leak) => `  ${leak.name} in ${leak.file}`).join('\n')}`,
    );
  }
}
