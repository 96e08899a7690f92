# ssm-chatops: one image for every subcommand (sandbox, bot, worker, …).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY fixtures ./fixtures
COPY config ./config
USER node
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--help"]
