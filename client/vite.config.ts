import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sharedSrc = fileURLToPath(new URL('../shared/src', import.meta.url));
// SENTINEL_API_URL points the dev server at an API on another port.
const apiServer = process.env.SENTINEL_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The shared package is TypeScript source; bundling it directly avoids a stale shared/dist.
    alias: [
      { find: /^@sentinel\/shared$/, replacement: `${sharedSrc}/index.ts` },
      { find: /^@sentinel\/shared\/(.+)$/, replacement: `${sharedSrc}/$1.ts` },
    ],
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiServer, changeOrigin: false },
      '/socket.io': { target: apiServer, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
});
