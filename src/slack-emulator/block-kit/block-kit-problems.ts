// The problems found in one message or view, phrased and located (JSON pointer) the way Slack reports them.
import type { JsonObject } from '../state/slack-types.js';
import { BLOCK_KIT_LIMITS } from './block-kit-limits.js';

export interface TextRule {
  max: number;
  /** Only `plain_text` allowed (titles, labels, button text). */
  plain?: boolean;
  optional?: boolean;
}

/** Collects problems and enforces id uniqueness: block_ids per surface (message or view), action_ids per block. */
export class BlockKitProblems {
  readonly messages: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();

  fail(at: string, message: string): void {
    this.messages.push(`[ERROR] ${message} [json-pointer:${at}]`);
  }

  get ok(): boolean {
    return this.messages.length === 0;
  }

  /** An object, or a problem; `optional` lets undefined pass. */
  object(value: unknown, at: string, optional = false): value is JsonObject {
    if (value === undefined && optional) return false;
    if (value && typeof value === 'object' && !Array.isArray(value)) return true;
    this.fail(at, value === undefined ? 'missing required field' : 'expected object');
    return false;
  }

  string(value: unknown, at: string, max: number, optional = true): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string') {
      this.fail(at, 'expected string');
    } else if (value.length > max) {
      this.fail(at, `must be less than ${max + 1} characters`);
    }
  }

  boolean(value: unknown, at: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.fail(at, 'expected boolean');
  }

  oneOf(value: unknown, at: string, allowed: readonly string[], optional = true): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(at, `must be one of: ${allowed.join(', ')}`);
    }
  }

  /** The items of an array within count limits; [] (after a problem) when it is not an array. */
  array(value: unknown, at: string, max: number, min = 0, optional = true): unknown[] {
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) {
      this.fail(at, 'expected array');
      return [];
    }
    if (value.length > max) this.fail(at, `no more than ${max} items allowed`);
    if (value.length < min) this.fail(at, `must provide at least ${min} items`);
    return value;
  }

  /** A text object: `{ type: 'plain_text' | 'mrkdwn', text }` with Slack's length limit. */
  text(value: unknown, at: string, rule: TextRule): void {
    if (value === undefined && rule.optional) return;
    if (!this.object(value, at)) return;
    this.oneOf(value.type, `${at}/type`, rule.plain ? ['plain_text'] : ['plain_text', 'mrkdwn'], false);
    if (typeof value.text !== 'string') {
      this.fail(`${at}/text`, 'missing required field');
      return;
    }
    if (value.text.length === 0) this.fail(`${at}/text`, 'must be more than 0 characters');
    if (value.text.length > rule.max) this.fail(`${at}/text`, `must be less than ${rule.max + 1} characters`);
    this.boolean(value.emoji, `${at}/emoji`);
    this.boolean(value.verbatim, `${at}/verbatim`);
  }

  blockId(value: unknown, at: string): void {
    if (value === undefined) return;
    this.string(value, at, BLOCK_KIT_LIMITS.blockIdLength);
    if (typeof value !== 'string') return;
    if (this.blockIds.has(value)) this.fail(at, `duplicate block_id ${value}`);
    this.blockIds.add(value);
  }

  /** Slack: an action_id "should be unique among all other action_ids in the containing block". */
  actionId(value: unknown, at: string): void {
    if (value === undefined) return;
    this.string(value, at, BLOCK_KIT_LIMITS.actionIdLength);
    if (typeof value !== 'string') return;
    const block = /^.*?\/blocks\/\d+/.exec(at)?.[0] ?? '';
    const key = `${block}|${value}`;
    if (this.actionIds.has(key)) this.fail(at, `duplicate action_id ${value}`);
    this.actionIds.add(key);
  }
}
