import { defineConfig } from '@playwright/test';
import type { TargetOptions } from './e2e/fixtures';

// One suite, two targets: browser mode (always) and the Electron app (when its binary exists;
// the specs skip with the reason otherwise). Chromium comes from the system, not a download.
export default defineConfig<TargetOptions>({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser-mode', use: { target: 'browser' } },
    {
      name: 'electron',
      use: { target: 'electron' },
      // These act through a browser-mode server (CLI --connect, roles, a hung server, its token's
      // travels, a restart on the same workspace): no Electron twin.
      testIgnore: [
        '**/cli-to-ui.spec.ts',
        '**/shared-screen.spec.ts',
        '**/token-hygiene.spec.ts',
        '**/audit-integrity.spec.ts',
        // The sandbox is served in browser mode; the desktop app has no sandbox of its own.
        '**/live-fire.spec.ts',
        // A drill room is a browser-mode server shared by several people (started by the CLI, or by
        // the app as its own serve --drill); the drill history is seeded with the CLI in a served workspace.
        '**/drill-room.spec.ts',
        '**/drill-start.spec.ts',
        '**/drills.spec.ts',
        // Needs a room at 60x (serve --speed) so a set's canary finishes within the test.
        '**/release-sets.spec.ts',
        // Flags are flipped through a browser-mode server's API and its flagd file is moved away.
        '**/flags.spec.ts',
      ],
    },
  ],
});
