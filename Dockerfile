# ssm-chatops: one image for every subcommand (sandbox, bot, worker, …).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# MALLOC_ARENA_MAX=2: glibc's default of 8 arenas per core leaves freed native memory (sockets, buffers of many
# concurrent AWS calls) fragmented across arenas (bench:poll). The worker's small young generation
# (NODE_OPTIONS=--max-semi-space-size=2) is set on its service, not here: the bot allocates per request, and
# with 4 MB a fifth of its CPU went to garbage collection (bench:ack).
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY fixtures ./fixtures
COPY config ./config
USER node
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--help"]
