// An HTTP handler for AWS SDK clients that keeps every raw response body, so tests can read what the wire
// said rather than what the SDK's deserializer chose to keep.
import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';
import type { RawResponse } from './check-response.js';

type Request = Parameters<NodeHttpHandler['handle']>[0];

export class RecordingHandler extends NodeHttpHandler {
  readonly responses: RawResponse[] = [];

  constructor(private readonly service: string) {
    super();
  }

  override async handle(request: Request, options?: HttpHandlerOptions) {
    const { response } = await super.handle(request, options);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as Readable) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.responses.push({
      service: this.service,
      operation: operationOf(request),
      status: response.statusCode,
      body: body.toString('utf8'),
    });
    response.body = Readable.from([body]);
    return { response };
  }
}

/** `X-Amz-Target: AmazonSSM.ListDocuments` (awsJson) or `Action=AssumeRole` (awsQuery). */
function operationOf(request: Request): string {
  const target = request.headers['x-amz-target'];
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  return new URLSearchParams(String(request.body ?? '')).get('Action') ?? '(unknown)';
}
