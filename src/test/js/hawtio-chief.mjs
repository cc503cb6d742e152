// Drives headless Chromium through Hawtio to a running Chief the way an operator does: opens the
// URL tools/hawtio.sh printed (no connection typed), logs in with Chief's management user, reads
// Camel > routes and then the Quartz scheduler's triggers, and prints them as JSON:
// {"routes": {"<route>": {"State": ..., "Completed": ..., "Total": ...}}, "triggers": [{"Name": ..., ...}]}.
// Saves a screenshot of each view. Usage: node hawtio-chief.mjs <url> <user> <password> <screenshot dir>
import { launchChromium } from './browser.mjs';

const [url, user, password, screenshots] = process.argv.slice(2);

async function table(page) {
  await page.locator('table tbody tr').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(2000); // let the counters load
  const headers = (await page.locator('table thead th').allInnerTexts()).map(header => header.trim());
  const rows = [];
  for (const row of await page.locator('table tbody tr').all()) {
    const cells = await row.locator('td').allInnerTexts();
    const entry = {};
    headers.forEach((header, i) => { if (header) entry[header] = (cells[i] ?? '').trim(); });
    rows.push(entry);
  }
  return rows;
}

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  const login = page.locator('input[type=password]');
  const routesNode = page.getByText('routes', { exact: true }).first();
  await login.or(routesNode).first().waitFor({ timeout: 30000 }); // Chief asks for a login only when it has one
  if (await login.isVisible()) {
    await page.locator('input').first().fill(user);
    await login.fill(password);
    await page.getByRole('button', { name: /log ?in/i }).click();
  }
  await routesNode.click({ timeout: 30000 });
  const routes = {};
  for (const entry of await table(page)) {
    if (entry.Name) routes[entry.Name.replace(/\s+/g, '')] = entry;
  }
  await page.screenshot({ path: `${screenshots}/hawtio-camel-routes.png` });

  await page.goto(new URL('/hawtio/quartz', url).href);
  await page.locator('#quartz-tree-view .pf-v5-c-tree-view__node').first().click({ timeout: 30000 });
  await page.getByText('Triggers', { exact: true }).first().click();
  const triggers = await table(page);
  await page.screenshot({ path: `${screenshots}/hawtio-quartz-triggers.png` });
  console.log(JSON.stringify({ routes, triggers }));
} finally {
  await browser.close();
}
