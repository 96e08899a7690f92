// `ssm-chatops audit export [--since …] [--until …] [--output file]`: the audit trail as JSON Lines for a SIEM.
import { UsageError } from '../errors.js';
import { parseTimeFlag } from './parse-time-flag.js';
import type { CliIo, Subcommand } from './subcommand.js';

const NAME = 'audit export';

export const auditExportCommand: Subcommand = {
  name: NAME,
  summary: 'write the audit trail as JSON Lines (one entry per line, oldest first) for a SIEM',
  help: `Flags:
  --since T     entries recorded at or after T: an ISO 8601 time (2025-06-01T09:00:00Z, 2025-06-01)
                or a duration back from now (30m, 12h, 7d, 2w); default: the whole trail
  --until T     entries recorded before T (an ISO 8601 time); default: up to the newest
  --output F    write to file F (replaced once the export is complete); default: stdout
  -h, --help    this help

Times are when Redis recorded each entry (its stream id). Each line is an entry, described by the JSON
Schema docs/audit-entry.schema.json (schemaVersion 1):
  {"schemaVersion":1,"id":"1748826000000-0","action":"change.vote","actor":{"kind":"user","userId":...,
   "teamId":...,"displayName":"bob"},"subject":{"changeId":...},"at":...,"summary":"bob approved ...",
   "runbook":...,"template":...,"level":{...},"votes":{...},"outcome":"pending"}
The trail is read a page at a time. The bot never trims it: keep what you need, then trim the stream
ssm-chatops:{audit} with XTRIM MINID. A summary line goes to stderr.

Settings: REDIS_URL (or REDIS_CLUSTER_NODES).`,
  flags: {
    since: { type: 'string' },
    until: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  async run(values, io) {
    const since = parseTimeFlag(NAME, 'since', values.since, { durationsBefore: new Date() });
    const until = parseTimeFlag(NAME, 'until', values.until);
    if (since && until && since.getTime() >= until.getTime()) {
      throw new UsageError(
        `--since (${since.toISOString()}) must be before --until (${until.toISOString()})`,
        NAME,
      );
    }
    const output = values.output;
    if (output !== undefined && (typeof output !== 'string' || output.trim() === '')) {
      throw new UsageError('--output needs a file name', NAME);
    }
    return exportTrail(io, { since, until }, output);
  },
};

async function exportTrail(
  io: CliIo,
  range: { since?: Date; until?: Date },
  output: string | undefined,
): Promise<number> {
  const { loadConfig } = await import('../config/load-config.js');
  const config = loadConfig(io.env);
  const [{ openAuditLogReader }, { exportAuditTrail }, { writeExport }] = await Promise.all([
    import('./audit-log-reader.js'),
    import('../use-cases/export-audit-trail.js'),
    import('./write-export.js'),
  ]);
  const reader = openAuditLogReader(config.env.redis, io);
  try {
    const result = await writeExport(io, output, (write) => exportAuditTrail(reader.log, range, write));
    io.stderr(`wrote ${result.count} ${result.count === 1 ? 'entry' : 'entries'} to ${output ?? 'stdout'}\n`);
    return 0;
  } catch (error) {
    io.stderr(`ssm-chatops audit export: ${reader.explain(error)}\n`);
    return 1;
  } finally {
    await reader.close();
  }
}
