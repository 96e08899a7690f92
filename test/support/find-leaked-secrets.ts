// Which secrets appear in which log files: the check that no token, signing secret or AWS secret reached a log.
import { readFileSync } from 'node:fs';

export interface Secret {
  /** What it is (SLACK_BOT_TOKEN, an STS session token…): the only thing a report of a leak may show. */
  name: string;
  value: string;
}

export interface Leak {
  name: string;
  file: string;
}

/**
 * Every (secret, file) where the secret's value, as written or URL-encoded (a form body or a URL), occurs.
 * Values shorter than 8 characters are refused: a word like "sandbox" would match everywhere and prove nothing.
 */
export function findLeakedSecrets(files: readonly string[], secrets: readonly Secret[]): Leak[] {
  for (const secret of secrets) {
    if (secret.value.length < 8) throw new Error(`${secret.name} is too short to look for in logs`);
  }
  const leaks: Leak[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) {
      const forms = new Set([secret.value, encodeURIComponent(secret.value)]);
      if ([...forms].some((form) => text.includes(form))) leaks.push({ name: secret.name, file });
    }
  }
  return leaks;
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
