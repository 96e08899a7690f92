import { describe, expect, it } from 'vitest';
import { requestSpanRules } from '../../src/telemetry/request-span-rules.js';

describe('requestSpanRules', () => {
  it.each(['/livez', '/readyz', '/healthz', '/metrics', '/metrics?name[]=x'])(
    'when %s is requested, then it is not traced',
    (url) => {
      expect(requestSpanRules.ignoreIncoming({ url })).toBe(true);
    },
  );

  it.each(['/slack/events', '/aws/events', '/'])('when %s is requested, then it is traced', (url) => {
    expect(requestSpanRules.ignoreIncoming({ url })).toBe(false);
  });

  it('when Socket Mode opens its WebSocket, then the upgrade (its URL holds the ticket) is not traced', () => {
    expect(
      requestSpanRules.ignoreOutgoing({ headers: { Connection: 'Upgrade', Upgrade: 'websocket' } }),
    ).toBe(true);
    expect(requestSpanRules.ignoreOutgoing({ headers: ['upgrade', 'websocket'] })).toBe(true);
    expect(requestSpanRules.ignoreOutgoing({ headers: { 'content-type': 'application/json' } })).toBe(false);
    expect(requestSpanRules.ignoreOutgoing({})).toBe(false);
  });

  it('when WebClient calls a Web API method, then its URL is kept', () => {
    expect(
      requestSpanRules.fetchUrlAttributes({ origin: 'https://slack.com', path: '/api/chat.postMessage' }),
    ).toEqual({});
  });

  it.each([
    ['a response_url', 'https://hooks.slack.com', '/commands/T0001/1234567890/zyXwVuTsRqPo'],
    ['an incoming webhook', 'https://hooks.slack.com', '/services/T0001/B0001/zyXwVuTsRqPo'],
    ['a Web API method with a query', 'https://slack.com', '/api/chat.postMessage?token=xoxb-1'],
  ])('when fetch posts to %s, then only its origin is kept', (_, origin, path) => {
    expect(requestSpanRules.fetchUrlAttributes({ origin, path })).toEqual({
      'url.full': `${origin}/[redacted]`,
      'url.path': '/[redacted]',
      'url.query': '',
    });
  });
});
