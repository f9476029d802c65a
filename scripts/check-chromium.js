#!/usr/bin/env node
// e2e needs a Chromium; Playwright's own browser download cannot work offline, so we use the
// system one. Fail early with how to get it rather than deep inside Playwright.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `No Chromium at ${path}. Install one (Debian/Ubuntu: sudo apt-get install chromium) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
  );
  process.exit(1);
}
