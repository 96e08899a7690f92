// The one logger: pino, JSON in production or when piped, pretty in a terminal, secrets redacted.
import { type DestinationStream, type Logger, pino } from 'pino';

/** Field names that hold secrets, wherever they appear (top level and a few levels deep). */
const SECRET_FIELDS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'password',
  'secret',
  'secretAccessKey',
  'sessionToken',
  'SecretAccessKey',
  'SessionToken',
  'ApiKeyValue',
  'authorization',
  'Authorization',
  '"x-amz-security-token"',
  '"x-slack-signature"',
  // The default header of POST /aws/events (events.headerName); its value is SSM_CHATOPS_EVENTS_SECRET.
  '"x-ssm-chatops-secret"',
];

/** Quoted names (with dashes) need bracket syntax in redaction paths. */
const member = (prefix: string, field: string) =>
  field.startsWith('"') ? `${prefix}[${field}]` : prefix ? `${prefix}.${field}` : field;

export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) =>
  ['', '*', '*.*', '*.*.*', 'headers', 'req.headers'].map((prefix) =>
    prefix === '' && field.startsWith('"') ? `[${field}]` : member(prefix, field),
  ),
);

export interface LoggerOptions {
  level?: string;
  /** Pretty output for people; JSON otherwise. Defaults to: a TTY and not production. */
  pretty?: boolean;
  /** Where log lines go; tests pass a capturing stream. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? false;
  const base = {
    name: options.name ?? 'ssm-chatops',
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base);
}

/** Pretty only for a person at a terminal, never in production. */
export function prefersPrettyLogs(env: { NODE_ENV?: string }, isTty: boolean): boolean {
  return isTty && env.NODE_ENV !== 'production';
}
