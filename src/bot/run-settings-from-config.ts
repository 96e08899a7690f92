// The run flows' settings from the validated configuration, with the defaults that depend on other keys.

import type { Config } from '../config/load-config.js';
import { ConfigError } from '../errors.js';
import type { RunSettings } from '../use-cases/run-context.js';

export function runSettingsFromConfig(config: Config): RunSettings {
  const { aws, runs } = config.file;
  const homeRegion = aws.homeRegion ?? config.env.AWS_REGION;
  if (!homeRegion) {
    throw new ConfigError([
      { key: 'AWS_REGION', reason: 'is required (or aws.homeRegion in the config file): where runs start' },
    ]);
  }
  const enabledRegions = aws.regions.length > 0 ? aws.regions : [homeRegion];
  return {
    homeRegion,
    enabledRegions,
    defaultRegions: runs.defaultRegions.length > 0 ? runs.defaultRegions : [homeRegion],
    defaultMode: runs.defaultMode,
    modeByRunbook: runs.modeByRunbook,
    defaultConcurrency: runs.defaultConcurrency,
    defaultMaxErrors: runs.defaultMaxErrors,
    groupRepliesAbove: runs.groupRepliesAbove,
    administrationRoleName: aws.administrationRoleName,
    executionRoleName: aws.executionRoleName,
  };
}
