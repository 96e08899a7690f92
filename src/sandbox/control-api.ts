// The sandbox control API under /_sandbox: reset, clock, faults, throttling, latency and call counts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultRuleSchema, type LoadedFixture, rateSchema } from './fixture.js';
import type { SandboxWorld, WorldOptions } from './world.js';

export interface ControlContext {
  world: SandboxWorld;
  fixture: LoadedFixture;
  reset: (options?: WorldOptions) => SandboxWorld;
}

const advanceSchema = z.object({ seconds: z.number().nonnegative() });
const scaleSchema = z.object({ scale: z.number().nonnegative() });
const settleSchema = z.object({ maxSeconds: z.number().positive().default(86_400) });
const resetSchema = z.object({
  timeScale: z.number().nonnegative().optional(),
  startTime: z.coerce.date().optional(),
  throttling: z.boolean().optional(),
  automationQuota: z
    .object({
      concurrentExecutions: z.number().int().positive().optional(),
      queuedExecutions: z.number().int().nonnegative().optional(),
      stepExecutionsShown: z.number().int().positive().optional(),
    })
    .optional(),
});
const throttlingSchema = z.object({
  enabled: z.boolean().optional(),
  defaults: rateSchema.optional(),
  rates: z.record(z.string(), rateSchema).optional(),
});
const latencySchema = z.object({ ms: z.number().int().nonnegative() });

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseBody<T>(schema: z.ZodType<T>, body: Buffer): T {
  let raw: unknown = {};
  if (body.length > 0) {
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ControlError(400, 'body is not valid JSON');
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ControlError(
      400,
      result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}

type Route = (ctx: ControlContext, body: Buffer, params: string[]) => unknown | Promise<unknown>;

const ROUTES: Array<[method: string, pattern: RegExp, route: Route]> = [
  ['GET', /^\/_sandbox\/health$/, () => ({ ok: true })],
  [
    'POST',
    /^\/_sandbox\/reset$/,
    (ctx, body) => {
      const world = ctx.reset(parseBody(resetSchema, body));
      return { now: world.clock.now().toISOString(), scale: world.clock.timeScale };
    },
  ],
  ['GET', /^\/_sandbox\/clock$/, ({ world }) => clockState(world)],
  [
    'POST',
    /^\/_sandbox\/clock\/advance$/,
    ({ world }, body) => {
      world.clock.advance(parseBody(advanceSchema, body).seconds * 1000);
      return clockState(world);
    },
  ],
  [
    'POST',
    /^\/_sandbox\/clock\/scale$/,
    ({ world }, body) => {
      world.clock.setScale(parseBody(scaleSchema, body).scale);
      return clockState(world);
    },
  ],
  [
    'POST',
    /^\/_sandbox\/clock\/settle$/,
    async ({ world }, body) => {
      // Jumps from timer to timer until nothing is scheduled, so every execution reaches a final state.
      const { maxSeconds } = parseBody(settleSchema, body);
      const limit = world.clock.nowMs() + maxSeconds * 1000;
      for (
        let next = world.clock.nextDueMs();
        next !== undefined && next <= limit;
        next = world.clock.nextDueMs()
      ) {
        world.clock.advance(Math.max(0, next - world.clock.nowMs()));
      }
      await world.events.idle();
      return clockState(world);
    },
  ],
  ['GET', /^\/_sandbox\/faults$/, ({ world }) => ({ faults: world.faults.list() })],
  ['POST', /^\/_sandbox\/faults$/, ({ world }, body) => world.faults.add(parseBody(faultRuleSchema, body))],
  [
    'DELETE',
    /^\/_sandbox\/faults$/,
    ({ world }) => {
      world.faults.clear();
      return { faults: [] };
    },
  ],
  [
    'DELETE',
    /^\/_sandbox\/faults\/([^/]+)$/,
    ({ world }, _body, [id]) => {
      if (!world.faults.remove(decodeURIComponent(id!))) throw new ControlError(404, `no fault rule ${id}`);
      return { removed: id };
    },
  ],
  ['GET', /^\/_sandbox\/calls$/, ({ world }) => world.calls.report()],
  [
    'DELETE',
    /^\/_sandbox\/calls$/,
    ({ world }) => {
      world.calls.reset();
      return world.calls.report();
    },
  ],
  ['GET', /^\/_sandbox\/throttling$/, ({ world }) => world.throttle.current],
  [
    'PUT',
    /^\/_sandbox\/throttling$/,
    ({ world }, body) => {
      world.throttle.configure(parseBody(throttlingSchema, body));
      return world.throttle.current;
    },
  ],
  ['GET', /^\/_sandbox\/latency$/, ({ world }) => ({ ms: world.latencyMs })],
  [
    'PUT',
    /^\/_sandbox\/latency$/,
    ({ world }, body) => {
      world.latencyMs = parseBody(latencySchema, body).ms;
      return { ms: world.latencyMs };
    },
  ],
  [
    'POST',
    /^\/_sandbox\/events\/idle$/,
    async ({ world }) => {
      await world.events.idle();
      return { idle: true };
    },
  ],
];

function clockState(world: SandboxWorld) {
  return {
    now: world.clock.now().toISOString(),
    scale: world.clock.timeScale,
    pendingTimers: world.clock.pendingTimers(),
  };
}

export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  ctx: ControlContext,
): Promise<void> {
  const send = (status: number, payload: unknown) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const candidates = ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
  if (candidates.length === 0) return send(404, { error: `no control route ${url.pathname}` });
  const match = candidates.find(([method]) => method === req.method);
  if (!match) return send(405, { error: `${req.method} not allowed on ${url.pathname}` });
  const [, pattern, route] = match;
  try {
    send(200, await route(ctx, body, (pattern.exec(url.pathname) ?? []).slice(1)));
  } catch (error) {
    if (error instanceof ControlError) return send(error.status, { error: error.message });
    throw error;
  }
}
