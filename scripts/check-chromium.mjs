// Browser tests drive a real Chromium through playwright-core; fail early, with the fix, when there is none.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROME_PATH || '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    `No Chromium at ${path}${process.env.CHROME_PATH ? ' (from CHROME_PATH)' : ''}: the browser tests need one.\n` +
      `Fix: on Debian/Ubuntu run "sudo apt-get install -y chromium", or set CHROME_PATH to a Chrome/Chromium binary.\n` +
      '(npx playwright install is not needed and does not work offline.)',
  );
  process.exit(1);
}
