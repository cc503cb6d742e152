// Launches the headless Chromium that the build unpacked from npm (CHIEF_CHROMIUM, see
// unpack-chromium.mjs) with its own shared libraries and fonts. Root needs --no-sandbox; network
// extras are off because this machine has no Internet.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function launchChromium() {
  const home = process.env.CHIEF_CHROMIUM;
  const executablePath = home && join(home, 'chromium');
  if (!executablePath || !existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: mvn verify unpacks it (CHIEF_CHROMIUM names the directory)`);
  }
  return chromium.launch({
    executablePath,
    env: { ...process.env, LD_LIBRARY_PATH: join(home, 'al2023', 'lib'), FONTCONFIG_PATH: join(home, 'fonts') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
