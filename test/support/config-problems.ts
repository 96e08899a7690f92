// What a configuration was refused for, as `key: reason` lines; fails the test when it was not refused.
import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';

export function configProblemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => `${problem.key}: ${problem.reason}`);
  }
  throw new Error('expected a ConfigError');
}
