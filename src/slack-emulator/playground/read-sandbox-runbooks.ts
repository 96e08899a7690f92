// The sandbox's Automation runbooks and their steps, for the sandbox panel's failure form, read over SSM's API.
import { parse } from 'yaml';
import { SANDBOX_HOME_CREDENTIALS } from './read-sandbox-organization.js';

export interface SandboxRunbook {
  name: string;
  /** Its main steps' names, in document order. */
  steps: string[];
}

/**
 * Lists the Automation documents the home principal sees and reads each one's steps, as a client would: the
 * emulator imports nothing of the sandbox. The SDK is loaded only when a playground asks.
 */
export async function readSandboxRunbooks(
  sandboxUrl: string,
  credentials = SANDBOX_HOME_CREDENTIALS,
): Promise<SandboxRunbook[]> {
  const { GetDocumentCommand, paginateListDocuments, SSMClient } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({ endpoint: sandboxUrl, region: 'us-east-1', credentials, maxAttempts: 2 });
  try {
    const names: string[] = [];
    const filters = [{ Key: 'DocumentType', Values: ['Automation'] }];
    for await (const page of paginateListDocuments({ client }, { Filters: filters })) {
      for (const document of page.DocumentIdentifiers ?? []) if (document.Name) names.push(document.Name);
    }
    const runbooks = await Promise.all(
      names.map(async (name) => {
        const { Content } = await client.send(new GetDocumentCommand({ Name: name }));
        return { name, steps: stepNames(Content) };
      }),
    );
    return runbooks.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    client.destroy();
  }
}

/** `mainSteps[].name` of a JSON or YAML document (YAML reads both); none when it cannot be read. */
function stepNames(content: string | undefined): string[] {
  try {
    const document: unknown = parse(content ?? '');
    const steps = (document as { mainSteps?: unknown } | null)?.mainSteps;
    if (!Array.isArray(steps)) return [];
    return steps.flatMap((step: { name?: unknown }) => (typeof step?.name === 'string' ? [step.name] : []));
  } catch {
    return [];
  }
}
