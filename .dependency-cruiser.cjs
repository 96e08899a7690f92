// The architecture's arrows, checked by `npm run lint` (ARCHITECTURE.md): adapters import core and ports, core
// imports nothing of theirs, use cases depend only on core and ports, the sandbox and the Slack emulator are
// products of their own. Type-only imports count too.

/** Packages that do I/O (an SDK, a client of something outside the process), as resolved into node_modules. */
const IO_PACKAGES = '(^|/)node_modules/(@aws-sdk/|@smithy/|@slack/|(bullmq|ioredis|pino|pino-pretty|ws)/)';
/** Node's modules that reach outside the process (dependency-cruiser names them without `node:`). */
const IO_BUILTINS =
  '^(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|worker_threads|cluster)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment:
        'src/core is the pure domain: it imports nothing of the adapters (aws, store, slack, jobs, http, bot, ' +
        'cli, config, logging, demo), the emulators, the use cases or the ports; they import it.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-does-no-io',
      comment: 'src/core uses no SDK or I/O module; a pure library (zod, yaml, jsonc-parser) is fine.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: [IO_PACKAGES, IO_BUILTINS] },
    },
    {
      name: 'use-cases-depend-on-core-and-ports',
      comment:
        'A use case imports only src/core, src/ports.ts and other use cases: what it does with the world goes ' +
        'through a port, so it runs the same against Redis and AWS or their memory twins.',
      severity: 'error',
      from: { path: '^src/use-cases/' },
      to: { path: '^src/', pathNot: '^src/(core/|use-cases/|ports[.]ts$)' },
    },
    {
      name: 'use-cases-import-no-packages',
      comment:
        'A use case imports no package or Node module either; what it needs of one belongs in core or a port.',
      severity: 'error',
      from: { path: '^src/use-cases/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
      },
    },
    {
      name: 'sandbox-is-its-own-product',
      comment: 'The AWS emulator imports nothing of the bot (nor of the Slack emulator).',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/sandbox/' },
    },
    {
      name: 'slack-emulator-is-its-own-product',
      comment: 'The Slack emulator imports nothing of the bot (nor of the AWS emulator).',
      severity: 'error',
      from: { path: '^src/slack-emulator/' },
      to: { path: '^src/', pathNot: '^src/slack-emulator/' },
    },
    {
      name: 'tracing-sdk-only-in-start-tracing',
      comment:
        'The OpenTelemetry SDK, its instrumentations and bullmq-otel load only when tracing is on: only ' +
        'src/telemetry/start-tracing.ts imports them, and it is imported dynamically (the next rule).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/telemetry/start-tracing[.]ts$' },
      to: { path: '(^|/)node_modules/(@opentelemetry/|bullmq-otel/)' },
    },
    {
      name: 'start-tracing-imported-dynamically',
      comment: 'A static import of src/telemetry/start-tracing.ts would load the SDK in every process.',
      severity: 'error',
      from: {},
      to: { path: '^src/telemetry/start-tracing[.]ts$', dynamic: false },
    },
    {
      name: 'runtime-image-only',
      comment:
        'The runtime image carries the bot and the worker only (scripts/stage-runtime.mjs copies what ' +
        'src/runtime-cli.ts reaches): nothing it reaches may load the sandbox, the Slack emulator or the demo. ' +
        "One file travels: Slack's Block Kit limits, a table of numbers the emulator owns and the renderers share.",
      severity: 'error',
      from: { path: '^src/runtime-cli[.]ts$' },
      to: {
        path: '^src/(sandbox|slack-emulator|demo)/',
        pathNot: '^src/slack-emulator/block-kit/block-kit-limits[.]ts$',
        reachable: true,
      },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import this tool cannot resolve would pass every rule above unchecked.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
