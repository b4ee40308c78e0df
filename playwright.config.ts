import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium through the loopback browser host (the Electron binary cannot be
 * downloaded on these machines; tests/electron covers the desktop shell where it can). Each test starts its
 * own host on a fresh temporary workspace, see tests/e2e/fixtures.ts.
 */
export const CHROMIUM_PATH = process.env.PRESSROOM_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
