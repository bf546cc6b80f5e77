# The Burnrate service image: built on Node 20, run on distroless as a non-root user.
# docker build -t ghcr.io/burnrate/burnrate:0.1.0 .

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module here.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin/burnrate.mjs ./bin/burnrate.mjs
# The Helm chart runs as this user with a read-only root filesystem; data lives on /var/lib/burnrate.
USER 10001:10001
EXPOSE 8080 4318
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/burnrate.mjs"]
CMD ["serve"]
