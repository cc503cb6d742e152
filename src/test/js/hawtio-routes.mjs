// Drives headless Chromium through Hawtio to a running Chief: logs in to the preset-less
// connection "chief", opens Camel > routes and prints the routes table as JSON
// ({"<route>": {"State": ..., "Completed": ..., "Total": ...}}). Saves a screenshot.
// Usage: node hawtio-routes.mjs <hawtio-url> <chief-management-port> <user> <password> <screenshot.png>
import { chromium } from 'playwright-core';

const [hawtio, chiefPort, user, password, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // the connection as Hawtio's Connect tab would save it
  await page.addInitScript(port => {
    localStorage.setItem('connect.connections', JSON.stringify({
      chief: { id: 'chief', name: 'chief', scheme: 'http', host: '127.0.0.1', port, path: '/observe/jolokia' },
    }));
  }, Number(chiefPort));
  await page.goto(`${hawtio}/hawtio/?con=chief`);
  await page.waitForURL(/connect\/login|camel/, { timeout: 30000 });
  if (page.url().includes('/connect/login')) {
    await page.locator('input').first().fill(user);
    await page.locator('input[type=password]').fill(password);
    await page.getByRole('button', { name: /log ?in/i }).click();
  }
  await page.waitForURL(/camel/, { timeout: 30000 });
  await page.getByText('routes', { exact: true }).first().click();
  await page.locator('table tbody tr').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(2000); // let the counters load
  const headers = await page.locator('table thead th').allInnerTexts();
  const routes = {};
  for (const row of await page.locator('table tbody tr').all()) {
    const cells = await row.locator('td').allInnerTexts();
    const entry = {};
    headers.forEach((header, i) => { if (header.trim()) entry[header.trim()] = (cells[i] ?? '').trim(); });
    if (entry.Name) routes[entry.Name.replace(/\s+/g, '')] = entry;
  }
  await page.screenshot({ path: screenshot });
  console.log(JSON.stringify(routes));
} finally {
  await browser.close();
}
