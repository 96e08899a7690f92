import { describe, expect, it } from 'vitest';
import { tracingSettings } from '../../src/config/tracing-settings.js';
import { startTracingFor } from '../../src/telemetry/start-tracing-for.js';

const ENDPOINT = 'http://collector:4318';

describe('tracingSettings', () => {
  it.each<[string, Record<string, string>]>([
    ['nothing is set', {}],
    [
      'only OpenTelemetry settings that name no exporter are set',
      { OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    ],
    ['the endpoint is empty', { OTEL_EXPORTER_OTLP_ENDPOINT: '' }],
    [
      'the endpoint is set but OTEL_SDK_DISABLED=true',
      { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'TRUE' },
    ],
    [
      'the endpoint is set but OTEL_TRACES_EXPORTER=none',
      { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'none' },
    ],
  ])('when %s, then tracing is off', (_, env) => {
    expect(tracingSettings(env, 'bot')).toEqual({ on: false });
  });

  it.each<[string, Record<string, string>]>([
    ['OTEL_EXPORTER_OTLP_ENDPOINT is set', { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT }],
    [
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${ENDPOINT}/v1/traces` },
    ],
    ['OTEL_TRACES_EXPORTER names an exporter', { OTEL_TRACES_EXPORTER: 'otlp' }],
    [
      'OTEL_SDK_DISABLED is anything but true',
      { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'false' },
    ],
  ])('when %s, then tracing is on', (_, env) => {
    expect(tracingSettings(env, 'worker')).toEqual({ on: true, serviceName: 'ssm-chatops-worker' });
  });

  it.each([
    ['bot', 'ssm-chatops-bot'],
    ['worker', 'ssm-chatops-worker'],
    ['start', 'ssm-chatops'],
  ] as const)('when %s traces and OTEL_SERVICE_NAME is unset, then its service is %s', (command, name) => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT }, command)).toEqual({
      on: true,
      serviceName: name,
    });
  });

  it('when OTEL_SERVICE_NAME is set, then it names the service', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SERVICE_NAME: 'chatops-eu' };
    expect(tracingSettings(env, 'bot')).toEqual({ on: true, serviceName: 'chatops-eu' });
  });

  it('when OTEL_RESOURCE_ATTRIBUTES sets service.name, then no default overrides it', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
      OTEL_RESOURCE_ATTRIBUTES: 'team=sre,service.name=ops',
    };
    expect(tracingSettings(env, 'bot')).toEqual({ on: true, serviceName: undefined });
  });
});

describe('startTracingFor', () => {
  it.each([['sandbox'], ['demo'], ['audit', 'export'], ['bot', '--help'], ['worker', '-h']])(
    'when the command is "%s %s", then nothing is started even with an endpoint set',
    async (...argv) => {
      expect(await startTracingFor(argv, { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT })).toBeUndefined();
    },
  );

  it('when a traced command runs without OpenTelemetry settings, then nothing is started', async () => {
    expect(await startTracingFor(['start'], {})).toBeUndefined();
  });
});
