// Whether a process traces, from OpenTelemetry's own environment variables: off unless a trace exporter is named.

/** The long-running subcommands that may trace, and the service name each reports by default. */
export const DEFAULT_SERVICE_NAMES = {
  bot: 'ssm-chatops-bot',
  worker: 'ssm-chatops-worker',
  start: 'ssm-chatops',
} as const;

export type TracedCommand = keyof typeof DEFAULT_SERVICE_NAMES;

export type TracingSettings =
  | { on: false }
  | {
      on: true;
      /** `service.name`: OTEL_SERVICE_NAME, else the command's default; undefined when OTEL_RESOURCE_ATTRIBUTES sets it. */
      serviceName: string | undefined;
    };

/**
 * Tracing is on when the environment says where spans go — OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or an explicit OTEL_TRACES_EXPORTER (`otlp`, `console`, `zipkin`) — and
 * neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none turns it off. OpenTelemetry's own default
 * (OTLP to localhost:4318) is not enough: an install that configured nothing pays nothing. Empty variables
 * count as unset, as in loadConfig.
 */
export function tracingSettings(
  env: Record<string, string | undefined>,
  command: TracedCommand,
): TracingSettings {
  const value = (key: string) => env[key]?.trim() || undefined;
  const exporters = value('OTEL_TRACES_EXPORTER')
    ?.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { on: false };
  if (exporters?.includes('none')) return { on: false };
  const named =
    value('OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined ||
    value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== undefined ||
    (exporters !== undefined && exporters.length > 0);
  if (!named) return { on: false };
  const fromAttributes = /(^|,)\s*service\.name\s*=/.test(value('OTEL_RESOURCE_ATTRIBUTES') ?? '');
  return {
    on: true,
    serviceName: value('OTEL_SERVICE_NAME') ?? (fromAttributes ? undefined : DEFAULT_SERVICE_NAMES[command]),
  };
}
