FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci
COPY . .
# build:app is the product alone; the demo (server/demo) is built only by npm run build.
RUN npm run build:app && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=root:root /app /app
# The server runs as the unprivileged `node` user; it may write only its data folders.
RUN mkdir -p /data /app/data && chown node:node /data /app/data
USER node
EXPOSE 3000
# npm start runs the built server alone; SIGTERM reaches node directly for a graceful shutdown.
CMD ["node", "server/dist/main.js"]
