// Hash slots: computed as Redis does, one per script (LuaScript refuses others), and the key layouts that keep
// each script's keys together while runs and messages spread over a cluster.
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { queuePrefixFor } from '../../src/jobs/queue-names.js';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { auditKeys } from '../../src/store/audit-keys.js';
import { changeKeys } from '../../src/store/change-keys.js';
import { assertOneSlot, checkedKeyPrefix, keySlot } from '../../src/store/key-slot.js';
import { LuaScript } from '../../src/store/lua-script.js';
import type { RedisClient } from '../../src/store/redis-connection.js';
import { runKeys } from '../../src/store/run-keys.js';
import { slackRequestKeys } from '../../src/store/slack-request-keys.js';
import { trackerKeys } from '../../src/store/tracker-keys.js';

/** ioredis's own slot function (vendored cluster-key-slot), which routes every command of a Cluster client. */
const ioredisSlot = createRequire(import.meta.url)('ioredis/built/utils/calculateSlot.js') as (
  key: string,
) => number;

const PREFIX = 'ssm-chatops:';
const slotsOf = (keys: string[]) => new Set(keys.map(keySlot));

describe('keySlot', () => {
  it.each([
    ['123456789', 0x31c3 % 16_384],
    ['foo', 12_182],
    ['{user1000}.following', keySlot('user1000')],
  ])('when the key is %j, then its slot is %i', (key, slot) => {
    expect(keySlot(key)).toBe(slot);
  });

  it.each([
    'ssm-chatops:{run:run-7k3m9q2x}',
    'ssm-chatops:{changes}:lock:payments-prod',
    'foo{}{bar}',
    'foo{{bar}}zap',
    'foo{bar}{zap}',
    '{}',
    '}{',
    'ünïcödé:{ümlaut}',
    '',
  ])('when the key is %j, then the slot is the one ioredis routes it to', (key) => {
    expect(keySlot(key)).toBe(ioredisSlot(key));
  });

  it('when keys share a hash tag, then they share a slot whatever surrounds it', () => {
    expect(keySlot('a{run:run-1}b')).toBe(keySlot('ssm-chatops:{run:run-1}'));
  });
});

describe('one slot per script', () => {
  it('when keys are in one slot (or there are none), then nothing is thrown', () => {
    expect(() => assertOneSlot([], 'x')).not.toThrow();
    expect(() => assertOneSlot(['{a}1', '{a}2', 'x{a}'], 'x')).not.toThrow();
  });

  it('when two keys are in different slots, then the error names the script, both keys and CROSSSLOT', () => {
    expect(() => assertOneSlot(['{a}1', '{a}2', '{b}3'], 'create-run')).toThrow(
      /create-run touches keys of two hash slots \(\{a\}1 is in slot \d+, \{b\}3 in \d+\).*CROSSSLOT/,
    );
  });

  it('when a script is run with keys of two slots, then it is refused before anything is sent, on any Redis', async () => {
    const evalsha = vi.fn();
    const client = { evalsha, eval: evalsha } as unknown as RedisClient;
    const script = new LuaScript('return 1', 'two-slots');
    await expect(script.run(client, ['{a}x', '{b}y'], [])).rejects.toThrow(/two-slots touches keys of two/);
    expect(evalsha).not.toHaveBeenCalled();
  });

  it('when a key prefix has a brace, then the key layouts refuse it (it would move every hash tag)', () => {
    expect(() => checkedKeyPrefix('{tenant}:')).toThrow(/may not contain \{ or \}/);
    expect(() => runKeys('a}')).toThrow(/may not contain/);
    expect(checkedKeyPrefix('tenant-a:')).toBe('tenant-a:');
  });
});

describe('key layouts', () => {
  it('when a change transitions or takes locks, then its hash, its sets and every lock share one slot', () => {
    const keys = changeKeys(PREFIX);
    const together = [
      keys.change('chg-1'),
      keys.change('chg-2'),
      keys.recent,
      keys.open,
      keys.lock('a'),
      keys.lock('b'),
    ];
    expect(slotsOf(together).size).toBe(1);
    // A holder's hash is built inside the scripts from changePrefix: it must land in the same slot.
    expect(keySlot(`${keys.changePrefix}chg-9`)).toBe(keySlot(keys.lock('a')));
  });

  it('when an audit entry is appended or a timeline read, then the stream and every timeline share one slot', () => {
    const keys = auditKeys(PREFIX);
    expect(slotsOf([keys.stream, keys.subject('chg-1'), keys.subject('run-2')]).size).toBe(1);
  });

  it('when executions are tracked, then the place, the set of places and the where-index share one slot', () => {
    const keys = trackerKeys(PREFIX);
    expect(slotsOf([keys.location('1:us-east-1'), keys.locations, keys.where('e-1')]).size).toBe(1);
  });

  it('when a send permit is taken, then the reservation, the block and the bucket share one slot', () => {
    const keys = outboxKeys(PREFIX);
    const together = [
      keys.reservation('run:x:parent'),
      keys.blocked('chat.update'),
      keys.bucket('chat.postMessage', 'C1'),
    ];
    expect(slotsOf(together).size).toBe(1);
  });

  it('when a Slack request is remembered, then its signature and its delivery share one slot', () => {
    const keys = slackRequestKeys(PREFIX);
    expect(slotsOf([keys.seen('v0=abc'), keys.delivery('f00d')]).size).toBe(1);
  });

  it("when BullMQ keys a queue under the bot's prefix, then all of a queue's keys share one slot", () => {
    const prefix = queuePrefixFor(PREFIX);
    expect(prefix).toBe('{ssm-chatops:bull}');
    const queueKeys = ['wait', 'active', 'delayed', 'meta', 'events', 'job-1'].map(
      (type) => `${prefix}:poll-location:${type}`,
    );
    expect(slotsOf(queueKeys).size).toBe(1);
  });

  it('when runs, their executions and outbox messages are many, then they spread over the slots', () => {
    const runs = runKeys(PREFIX);
    const ids = Array.from({ length: 20 }, (_, n) => `run-${n}`);
    expect(slotsOf(ids.map(runs.run)).size).toBeGreaterThan(15);
    expect(slotsOf(ids.map(runs.execution)).size).toBeGreaterThan(15);
    expect(slotsOf(ids.map(outboxKeys(PREFIX).message)).size).toBeGreaterThan(15);
    expect(runs.run('run-abc')).toBe('ssm-chatops:{run:run-abc}');
  });
});
