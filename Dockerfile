# anki-connect-server in a small image: Node.js 20 on Alpine, run as the unprivileged user `node`,
# the collections in the volume /data, configured with ANKICONNECT_* environment variables (see
# the README's Docker section).
#
#   docker build -t anki-connect-server .
#   docker run -d --name anki -p 127.0.0.1:8765:8765 -v anki-data:/data \
#     -e ANKICONNECT_API_KEY=change-me anki-connect-server

FROM node:20-alpine AS build
# A compiler for what finds no prebuilt binary for musl: native/ here (prebuilds/ is not in the
# build context) and any dependency whose release has none.
RUN apk add --no-cache python3 make g++
WORKDIR /app
COPY package.json package-lock.json binding.gyp ./
COPY native native
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-web.mjs scripts/
COPY bin bin
COPY src src
RUN npm run build && npm prune --omit=dev

FROM node:20-alpine
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/bin bin
COPY --from=build /app/dist dist
COPY --from=build /app/build/Release/unicase.node /app/build/Release/mathf.node build/Release/
COPY --from=build /app/node_modules node_modules
RUN mkdir /data && chown node:node /data
# Listening beyond loopback (needed for a published port) requires an API key: the server refuses
# to start without ANKICONNECT_API_KEY unless ANKICONNECT_ALLOW_NETWORK_WITHOUT_API_KEY=true.
ENV NODE_ENV=production \
    ANKICONNECT_BASE=/data \
    ANKICONNECT_BIND_ADDRESS=0.0.0.0 \
    ANKICONNECT_PORT=8765
USER node
VOLUME /data
EXPOSE 8765
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.ANKICONNECT_PORT + '/_/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs as process 1 and stops cleanly on docker stop's SIGTERM (requests finish, the
# collection is closed). Arguments are the command line's: `docker run … anki-connect-server sync`.
ENTRYPOINT ["node", "/app/bin/anki-connect-server.js"]
