/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sizeBudget } from './scripts/size-budget.ts';
import { consoleDevServer } from './scripts/vite-console-server.ts';

export default defineConfig({
  plugins: [react(), consoleDevServer(), sizeBudget([{ route: '/clusters', routeModule: 'src/app/routes/clusters.tsx', maxJsGzipBytes: 170_000 }])],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
  },
});
