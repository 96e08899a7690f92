// Finds the AWS API calls the bot's source makes: every `new XxxCommand(` and `paginateXxx(` imported from an
// @aws-sdk/client-* package, as IAM actions (service prefix:Action).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** SDK client package → IAM service prefix. A package missing here fails the agreement test, on purpose. */
export const IAM_PREFIX_BY_CLIENT: Record<string, string> = {
  account: 'account',
  ec2: 'ec2',
  eventbridge: 'events',
  iam: 'iam',
  organizations: 'organizations',
  'secrets-manager': 'secretsmanager',
  ssm: 'ssm',
  sts: 'sts',
};

export interface AwsCall {
  /** `ssm:StartAutomationExecution` */
  action: string;
  /** Where it is made, relative to the repository. */
  file: string;
}

export interface SourceScan {
  calls: AwsCall[];
  /** Client packages imported with calls but not in IAM_PREFIX_BY_CLIENT. */
  unknownClients: Array<{ client: string; file: string }>;
}

const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;

export function scanAwsCalls(root: string, directories: string[], skip: string[]): SourceScan {
  const calls: AwsCall[] = [];
  const unknownClients: SourceScan['unknownClients'] = [];
  for (const path of directories.flatMap((directory) => typeScriptFiles(join(root, directory)))) {
    const file = relative(root, path);
    if (skip.some((skipped) => file.startsWith(skipped))) continue;
    const text = readFileSync(path, 'utf8');
    for (const [, names = '', client = ''] of text.matchAll(IMPORT)) {
      for (const imported of names.split(',')) {
        // `type X`, `X as Y`: the local name is what the code calls.
        const [exported = '', local = exported] = imported
          .replace(/^\s*type\s+/, '')
          .trim()
          .split(/\s+as\s+/);
        const operation = exported.endsWith('Command')
          ? exported.slice(0, -'Command'.length)
          : exported.startsWith('paginate')
            ? exported.slice('paginate'.length)
            : undefined;
        if (!operation || !isCalled(text, local, exported.endsWith('Command'))) continue;
        const prefix = IAM_PREFIX_BY_CLIENT[client];
        if (!prefix) unknownClients.push({ client, file });
        else calls.push({ action: `${prefix}:${operation}`, file });
      }
    }
  }
  return { calls, unknownClients };
}

function isCalled(text: string, local: string, isCommand: boolean): boolean {
  const escaped = local.replace(/[$]/g, '\\$&');
  return new RegExp(isCommand ? `new\\s+${escaped}\\s*\\(` : `\\b${escaped}\\s*\\(`).test(text);
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
