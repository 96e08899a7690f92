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
# concurrent AWS calls) fragmented across arenas. --max-semi-space-size=2: a 4 MB young generation instead of
# 32 MB; the bot and the worker keep few short-lived objects for long. Both measured by bench:poll (C).
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY fixtures ./fixtures
COPY config ./config
USER node
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--help"]
