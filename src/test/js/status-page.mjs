// Drives Chief's status page the way an operator does: waits for the flow and the charts, looks an
// order up in the search box, saves a screenshot, and prints what it saw as JSON for the Java test.
// Usage: node status-page.mjs <url> <order id> <screenshot.png>
import { launchChromium } from './browser.mjs';

const [url, orderId, screenshot] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems = [];
  page.on('pageerror', error => problems.push(String(error)));
  await page.goto(url, { waitUntil: 'networkidle', timeout: 30000 });
  await page.waitForSelector('.stage[data-stage] .in', { timeout: 15000 });
  await page.waitForSelector('svg[data-chart] rect.bar', { state: 'attached', timeout: 15000 }); // a bar of 0 has no height
  await page.waitForSelector('#deadLetterPanel table, #deadLetterPanel span', { timeout: 15000 });
  await page.waitForSelector('#reconcilePanel table, #reconcilePanel span', { timeout: 15000 });

  await page.fill('#orderId', orderId);
  await page.click('#search button');
  await page.waitForFunction(() => !document.querySelector('#trace').textContent.startsWith('looking for'), null, { timeout: 15000 });
  await page.screenshot({ path: screenshot, fullPage: true });

  const seen = await page.evaluate(() => {
    const text = (root, selector) => root.querySelector(selector)?.textContent.trim() ?? null;
    return {
      at: text(document, '#at'),
      headline: Object.fromEntries([...document.querySelectorAll('.card b')].map(b => [b.id, b.textContent])),
      lanes: [...document.querySelectorAll('.lane')].map(lane => ({
        name: lane.dataset.lane,
        steps: [...lane.querySelectorAll('.step')].map(step => [...step.querySelectorAll('.stage')].map(s => s.dataset.stage)),
      })),
      stages: Object.fromEntries([...document.querySelectorAll('.stage[data-stage]')].map(s => [s.dataset.stage, {
        in: text(s, '.in'), out: text(s, '.out'), waiting: text(s, '.waiting'), oldest: text(s, '.oldest'),
        oldestClass: s.querySelector('.oldest')?.className ?? null, figures: text(s, '.figures'),
      }])),
      charts: Object.fromEntries([...document.querySelectorAll('svg[data-chart]')].map(svg => [svg.dataset.chart, {
        bars: svg.querySelectorAll('rect.bar').length,
        drawn: [...svg.querySelectorAll('rect.bar')].filter(r => Number(r.getAttribute('height')) > 0).length,
        total: text(svg.closest('.chart'), '.total'),
      }])),
      deadLetters: [...document.querySelectorAll('#deadLetterTable tr[data-application]')].map(tr => tr.textContent),
      reconciliation: [...document.querySelectorAll('#reconcileTable tr[data-sink]')].map(tr => tr.textContent),
      deadLetterPanel: text(document, '#deadLetterPanel'),
      reconcilePanel: text(document, '#reconcilePanel'),
      tracePanel: text(document, '#trace'),
      trace: [...document.querySelectorAll('#traceStages li')].map(li => ({ stage: li.dataset.stage, found: li.className === 'found' })),
    };
  });
  seen.problems = problems;
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
