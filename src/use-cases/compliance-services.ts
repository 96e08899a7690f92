// What the compliance flows need beside the run context: the reader, the cache, the refresh and their settings.
import type { ComplianceCache, ComplianceFiles, ComplianceRefresh, PatchComplianceReader } from '../ports.js';

export interface ComplianceSettings {
  /** A snapshot older than this is shown with its age and read again in the background. */
  refreshEveryMs: number;
  /** The runbook "Patch non-compliant" runs, and whose policy says whose accounts a person sees. */
  patchRunbook: string;
}

export interface ComplianceServices {
  reader: PatchComplianceReader;
  cache: ComplianceCache;
  refresh: ComplianceRefresh;
  files: ComplianceFiles;
  settings: ComplianceSettings;
}
