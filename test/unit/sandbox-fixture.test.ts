// Sandbox fixtures: the default one loads; broken ones are refused with the offending key named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_FIXTURE_PATH, loadFixture, parseFixture } from '../../src/sandbox/fixture.js';
import { SandboxWorld } from '../../src/sandbox/world.js';

const defaultRaw = () => parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8'));

function worldFrom(mutate: (raw: ReturnType<typeof defaultRaw>) => void) {
  const raw = defaultRaw();
  mutate(raw);
  const loaded = { fixture: parseFixture(raw), baseDir: loadFixture().baseDir };
  return new SandboxWorld(loaded, { timeScale: 0 });
}

describe('sandbox fixture', () => {
  it('when the default fixture loads, then it has ten member accounts beside management and operations', () => {
    const world = new SandboxWorld(loadFixture(), { timeScale: 0 });
    expect(world.org.accounts()).toHaveLength(12);
    expect(world.identities.role('333333333301', 'AWS-SystemsManager-AutomationExecutionRole')).toBeDefined();
    expect(
      world.identities.role('444444444402', 'AWS-SystemsManager-AutomationExecutionRole'),
    ).toBeUndefined();
    world.dispose();
  });

  it('when a key has a bad value, then the error names its path', () => {
    const raw = defaultRaw();
    raw.organization.accounts[2].id = '12345';
    expect(() => parseFixture(raw)).toThrow(/organization\.accounts\.2\.id: must be a 12-digit account id/);
  });

  it('when an account names an unknown parent, then the organization is refused', () => {
    expect(() =>
      worldFrom((raw) => {
        raw.organization.accounts[3].parent = 'ou-sbx1-missing1';
      }),
    ).toThrow(/account 333333333302 names unknown parent ou-sbx1-missing1/);
  });

  it('when OUs form a cycle, then the organization is refused', () => {
    expect(() =>
      worldFrom((raw) => {
        raw.organization.organizationalUnits.find(
          (unit: { id: string }) => unit.id === 'ou-sbx1-workload',
        ).parent = 'ou-sbx1-prod0001';
      }),
    ).toThrow(/cycle/);
  });

  it('when faults are listed in the fixture, then they are active from the start', () => {
    const world = worldFrom((raw) => {
      raw.faults = [
        { kind: 'step-failure', documentName: 'AWS-RestartEC2Instance', stepName: 'startInstances' },
      ];
    });
    const fault = world.faults.stepFaultFor({
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: '333333333301',
      region: 'us-east-1',
    });
    expect(fault?.status).toBe('Failed');
    world.dispose();
  });
});
