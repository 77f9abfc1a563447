# syntax=docker/dockerfile:1
# Two images from one file:
#   docker build --target controller -t gamectl-controller .
#   docker build --target server     -t gamectl-server .
# TypeScript runs from source with Node's type stripping, so there is no compile stage: the build stage
# only installs production dependencies.

ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY schemas ./schemas
COPY src ./src
# The images run as a fixed non-root user; the Deployment also sets a read-only root filesystem.
USER 65532:65532

FROM base AS server
COPY --chown=0:0 server ./server
EXPOSE 2567
# server/index.ts reads the environment and listens; server/main.ts only exports startGameServer.
ENTRYPOINT ["node", "server/index.ts"]

# Last, so that a plain `docker build .` gives the controller.
FROM base AS controller
# A 2 MB young generation: a hostile 1 MiB manifest then peaks within 64 MB of an ordinary one (bench/validate.ts
# --hostile) instead of ~160 MB above it. Keep in step with NODE_OPTIONS in manifests/controller/deployment.yaml.
ENV NODE_OPTIONS="--enable-source-maps --max-semi-space-size=2"
EXPOSE 8080
ENTRYPOINT ["node", "bin/gamectl.js", "controller"]
CMD ["--leader-elect", "--metrics-addr=0.0.0.0:8080"]
