import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Chromium: CHROMIUM_PATH, else Debian's, else Playwright's own if one is installed. Never downloaded here.
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(
    (p): p is string => Boolean(p),
  );
  return candidates.find((p) => existsSync(p));
}

export const e2ePort = Number(process.env.E2E_PORT ?? 18080);
const executablePath = chromiumPath();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.PLAYWRIGHT_JSON ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
  ],
  webServer: {
    command: 'node_modules/.bin/tsx src/server/main.ts',
    url: `http://127.0.0.1:${e2ePort}/console/api/config`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      PORT: String(e2ePort),
      HOST: '127.0.0.1',
      EMULATOR_DATA_DIR: '',
      EMULATOR_CONTROL: '1',
      EMULATOR_SPEED: '0',
      AUDIT_LOG: '/dev/null',
    },
  },
});
