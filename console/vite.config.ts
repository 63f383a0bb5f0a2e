// Builds the partner console into console/dist, served at /console/ by the local runtime and by CloudFront on AWS.
// `npm run dev:console` serves it with hot reload and hands API and sign-in requests to the local runtime.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const runtime = process.env.CONSOLE_RUNTIME_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  resolve: {
    // Request and response types come from the console handlers' own zod schemas (type imports only).
    alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names let the server cache /console/assets/* for a year.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1024,
    // bench/console/index.ts reads it to add up what the first screen loads.
    manifest: true,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    proxy: {
      '/console/api': runtime,
      '/console/config.json': runtime,
      '/api': runtime,
      '/oidc': runtime,
    },
  },
});
