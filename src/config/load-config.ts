// loadConfig: the one place that reads the environment and the YAML file, validated into a typed Config.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.js';
import {
  type EnvironmentSettings,
  environmentSchema,
  type FileSettings,
  fileSchema,
  SECRET_KEYS,
} from './config-schema.js';

export interface Config {
  env: EnvironmentSettings;
  file: FileSettings;
}

/** Which secrets a subcommand needs: the sandbox none, the worker the bot token, the bot both of Slack's. */
export interface LoadOptions {
  require?: Array<'slack' | 'slack-bot-token'>;
  readFile?: (path: string) => string;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadOptions = {},
): Config {
  const problems: ConfigProblem[] = [];
  const settings = collect(environmentSchema, pickDefined(env), '', problems);
  let file: FileSettings | undefined;
  // The file is read even when the environment has problems, so one run reports them all.
  const configPath = env.SSM_CHATOPS_CONFIG;
  if (configPath) {
    const raw = readConfigFile(configPath, options.readFile, problems);
    if (raw !== undefined) file = collect(fileSchema, raw ?? {}, '', problems);
  } else {
    file = fileSchema.parse({});
  }
  if (settings && options.require?.includes('slack')) {
    if (!settings.SLACK_SIGNING_SECRET) problems.push({ key: 'SLACK_SIGNING_SECRET', reason: 'is required' });
  }
  if (settings && (options.require?.includes('slack') || options.require?.includes('slack-bot-token'))) {
    if (!settings.SLACK_BOT_TOKEN) problems.push({ key: 'SLACK_BOT_TOKEN', reason: 'is required' });
  }
  if (problems.length > 0 || !settings || !file) throw new ConfigError(problems);
  return { env: settings, file };
}

/** Empty variables count as unset, as shells and compose files often export them empty. */
function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

function readConfigFile(
  path: string,
  readFile = (p: string) => readFileSync(p, 'utf8'),
  problems: ConfigProblem[],
) {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    problems.push({
      key: 'SSM_CHATOPS_CONFIG',
      reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    });
    return undefined;
  }
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    problems.push({
      key: 'SSM_CHATOPS_CONFIG',
      reason: `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
    return undefined;
  }
}

/** Parses with zod and turns every issue into `key: reason`, without echoing values. */
function collect<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  prefix: string,
  problems: ConfigProblem[],
): z.infer<T> | undefined {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = prefix + formatPath(issue.path);
    const shown =
      !SECRET_KEYS.has(key) && (typeof issue.input === 'string' || typeof issue.input === 'number')
        ? `"${issue.input}" `
        : '';
    const reason =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}`
        : `${shown}${issue.message}`;
    problems.push({ key: key || '(file)', reason });
  }
  return undefined;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}
