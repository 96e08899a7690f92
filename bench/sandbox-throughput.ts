// bench:sandbox — how many GetAutomationExecution calls per second the sandbox serves on loopback
// with 10,000 stored executions (target: at least 2,000/s), measured two ways in one run:
// pre-signed raw HTTP (autocannon) and the real SDK client. Writes bench/results/sandbox.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import {
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import autocannon from 'autocannon';
import { computeSignature, parseAuthorization } from '../src/sandbox/protocol/sigv4.js';
import { spawnSandbox } from './support/spawn-sandbox.js';

const STORED_EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 10_000);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const REGION = 'ap-northeast-1';
const TARGET_PER_SECOND = 2_000;

const sandbox = await spawnSandbox();
const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
const ssm = new SSMClient({ endpoint: sandbox.url, region: REGION, credentials, maxAttempts: 1 });

try {
  const seedStarted = performance.now();
  const ids = await seedExecutions(STORED_EXECUTIONS);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(`stored ${ids.length} executions in ${seedSeconds.toFixed(1)} s`);

  const wire = await measureRawHttp(ids);
  console.log(
    `raw HTTP (autocannon, ${CONNECTIONS} connections): ${wire.perSecond.toFixed(0)} calls/s, ` +
      `p50 ${wire.p50Ms} ms, p99 ${wire.p99Ms} ms, non-2xx ${wire.non2xx}, errors ${wire.errors}`,
  );
  const sdk = await measureSdk(ids);
  console.log(
    `SDK client (${CONNECTIONS} in flight): ${sdk.perSecond.toFixed(0)} calls/s, errors ${sdk.errors}`,
  );
  const rssMb = (await sandbox.rssBytes()) / 2 ** 20;
  console.log(`sandbox RSS with ${ids.length} executions: ${rssMb.toFixed(0)} MB`);

  const pass = wire.perSecond >= TARGET_PER_SECOND && wire.non2xx === 0 && wire.errors === 0;
  console.log(`target ${TARGET_PER_SECOND}/s on raw HTTP: ${pass ? 'met' : 'NOT met'}`);
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results/sandbox.json', import.meta.url),
    `${JSON.stringify(
      {
        benchmark: 'sandbox GetAutomationExecution throughput',
        measuredAt: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        storedExecutions: ids.length,
        seed: { seconds: seedSeconds, startsPerSecond: ids.length / seedSeconds },
        durationSeconds: DURATION_SECONDS,
        rawHttp: wire,
        sdkClient: sdk,
        sandboxRssMb: Math.round(rssMb),
        targetPerSecond: TARGET_PER_SECOND,
        targetMet: pass,
      },
      null,
      2,
    )}\n`,
  );
  if (!pass) process.exitCode = 1;
} finally {
  ssm.destroy();
  await sandbox.stop();
}

async function seedExecutions(count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const started = await ssm.send(
        new StartAutomationExecutionCommand({
          DocumentName: 'AWS-RestartEC2Instance',
          Parameters: { InstanceId: [`i-${index.toString(16).padStart(17, '0')}`] },
        }),
      );
      ids.push(started.AutomationExecutionId!);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  return ids;
}

/** Signs GetAutomationExecution requests once, with the same SigV4 the SDK uses, and replays them. */
function signedGetRequest(url: URL, executionId: string) {
  const body = JSON.stringify({ AutomationExecutionId: executionId });
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-date': amzDate,
    'x-amz-target': 'AmazonSSM.GetAutomationExecution',
  };
  const scope = `${amzDate.slice(0, 8)}/${REGION}/ssm/aws4_request`;
  const auth = parseAuthorization(
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  )!;
  const signature = computeSignature(
    { method: 'POST', rawPath: '/', rawQuery: '', headers, body: Buffer.from(body) },
    auth,
    credentials.secretAccessKey,
  );
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${signature}`;
  return { method: 'POST' as const, path: '/', headers, body };
}

async function measureRawHttp(ids: string[]) {
  const url = new URL(sandbox.url);
  const sample = ids.filter((_, index) => index % Math.max(1, Math.floor(ids.length / 500)) === 0);
  const result = await autocannon({
    url: sandbox.url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: sample.map((id) => signedGetRequest(url, id)),
  });
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function measureSdk(ids: string[]) {
  const deadline = performance.now() + DURATION_SECONDS * 1000;
  let calls = 0;
  let errors = 0;
  const worker = async (offset: number) => {
    for (let index = offset; performance.now() < deadline; index += CONNECTIONS) {
      try {
        await ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: ids[index % ids.length] }));
        calls++;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, offset) => worker(offset)));
  return { perSecond: calls / ((performance.now() - started) / 1000), total: calls, errors };
}
