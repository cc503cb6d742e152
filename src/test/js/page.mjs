// Opens a page in headless Chromium, waits until its scripts have settled, prints the DOM and
// saves a screenshot. Usage: node page.mjs <url> <screenshot.png>
import { launchChromium } from './browser.mjs';

const [url, screenshot] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.goto(url, { waitUntil: 'networkidle', timeout: 30000 });
  await page.screenshot({ path: screenshot });
  console.log(await page.content());
} finally {
  await browser.close();
}
