# ssm-chatops images, one Dockerfile:
#   docker build -t ssm-chatops .                           the runtime image (the last stage, the default):
#                                                          the bot and the worker only; non-root; runs with a
#                                                          read-only root filesystem
#   docker build --target demo -t ssm-chatops-demo .        everything: the AWS sandbox, the Slack emulator and
#                                                          its playground, fixtures, and `demo`
# docker-compose.yml shows both. Sizes: see the README ("Images").

# What both images run on: Node 24, and jemalloc for the worker. glibc's malloc kept what a worker freed after a
# burst of polls (its RSS ratcheted up, to 185 MB following 3,000 executions); jemalloc with the worker's
# MALLOC_CONF hands freed pages back within a second (bench:scale). docker-compose.yml preloads it into the worker
# only (LD_PRELOAD=/usr/local/lib/libjemalloc.so.2): in the bot, answering Slack, the ack latency's tail was
# worse with it (bench:ack).
FROM node:24-bookworm-slim AS base
RUN apt-get update \
  && apt-get install -y --no-install-recommends libjemalloc2 \
  && rm -rf /var/lib/apt/lists/* \
  && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2
# MALLOC_ARENA_MAX=2: glibc's default of 8 arenas per core leaves freed native memory (sockets, buffers of many
# concurrent AWS calls) fragmented across arenas (bench:poll).
ENV NODE_ENV=production MALLOC_ARENA_MAX=2

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/stage-runtime.mjs ./scripts/
# The runtime's files: what dist/runtime-cli.js reaches and the production dependencies, staged by the script
# test/e2e/runtime-image.test.ts runs too (it fails if the runtime would reach the sandbox, emulator or demo).
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && node scripts/stage-runtime.mjs --out /runtime --node-modules copy

# The demo and local development: `demo`, `sandbox`, `slack-emulator`, and the bot and worker beside them.
# redis-server too, so `docker run -p 127.0.0.1:3100:3100 ssm-chatops-demo` needs nothing else (the demo starts its
# own unless REDIS_URL names one, as docker-compose.yml does).
FROM base AS demo
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json manifest.yml ./
COPY fixtures ./fixtures
COPY config ./config
USER node
# The playground on 3100, listening beyond the container; the other parts stay inside it.
EXPOSE 3100
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["demo", "--port-base", "3100", "--host", "0.0.0.0"]

# The runtime: `bot`, `worker`, `start`, `events setup|teardown`, `doctor`, `audit export`. Nothing here writes to the
# filesystem (logs go to stdout), so it runs with a read-only root filesystem; the policy file is mounted.
FROM base AS runtime
# The worker's small young generation (NODE_OPTIONS=--max-semi-space-size=2) is set on its service, not here: the
# bot allocates per request, and with 4 MB a fifth of its CPU went to garbage collection (bench:ack).
WORKDIR /app
COPY --from=build /runtime ./
# uid 1000, the node image's unprivileged user; owns nothing it could change (the files are root's).
USER node
ENTRYPOINT ["node", "dist/runtime-cli.js"]
CMD ["--help"]
