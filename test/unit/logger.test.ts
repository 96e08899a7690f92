// The logger never writes a secret, wherever it sits in the logged object.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

describe('logger redaction', () => {
  it('when tokens, signing secrets and AWS credentials are logged, then none of them is written', () => {
    const { lines, logger } = capture();
    const secrets = {
      botToken: 'xoxb-111-secret',
      signingSecret: 'signing-secret-value',
      appToken: 'xapp-1-secret',
      token: 'plain-token-value',
    };
    logger.info({ slack: secrets, ...secrets }, 'slack settings');
    logger.info(
      {
        credentials: {
          AccessKeyId: 'ASIAXYZ',
          SecretAccessKey: 'aws-secret-value',
          SessionToken: 'aws-session-value',
        },
        aws: { creds: { secretAccessKey: 'nested-secret', sessionToken: 'nested-session' } },
        req: {
          headers: { authorization: 'AWS4-HMAC-SHA256 Signature=abc', 'x-amz-security-token': 'tok-hdr' },
        },
        connection: { ApiKeyValue: 'api-key-value' },
      },
      'aws call',
    );
    const output = lines.join('');
    for (const value of [
      ...Object.values(secrets),
      'aws-secret-value',
      'aws-session-value',
      'nested-secret',
      'nested-session',
      'Signature=abc',
      'tok-hdr',
      'api-key-value',
    ]) {
      expect(output).not.toContain(value);
    }
    expect(output).toContain('[redacted]');
    expect(output).toContain('ASIAXYZ');
  });
});
