// TEMPORARY (proxy helper): vitest without the dev-server plugin, whose ssrLoadModule of compose.ts currently fails
// on the emulator's `yaml` import. Deleted before hand-off.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
  },
});
