# The seifer-lab image for `seifer-lab serve` (the session server) and `seifer-lab node` (a headless member), as
# `seifer-lab deploy --kubernetes` references it (docs/design.md, "Deploying to Kubernetes").
#   docker build -t seifer-lab:0.1.0 .
# Stage 1 builds the page with the dev dependencies (Vite, Svelte); stage 2 keeps only what runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall copies the PaddleOCR models into public/models
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
# the CLI registers every command at start, bench included
COPY bench ./bench
COPY --from=build /app/dist ./dist
# the image's unprivileged user (uid 1000), as the manifests' securityContext expects
USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/seifer-lab.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
