// Opens icsgov's HTML reports in headless Chromium and checks what a person would see: the
// counts, the table of findings and its filters, the tier tree, and no console errors.
// Screenshots go to the directory given last.
//
//   node check-report.mjs CLEAN.html FAULTY.html EXAMPLE.html ENGLAND.html SHOTS_DIR
import { chromium } from 'playwright-core';
import path from 'node:path';

const [clean, faulty, example, england, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: node check-report.mjs CLEAN.html FAULTY.html EXAMPLE.html ENGLAND.html SHOTS_DIR');
  process.exit(2);
}

const failures = [];
function expect(what, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail === undefined ? '' : `: ${detail}`}`);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function open(file) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  await page.goto('file://' + path.resolve(file));
  return { page, errors, requests };
}

const visibleRows = (page) => page.$$eval('#findings tbody tr', (rows) => rows.filter((r) => r.style.display !== 'none').length);
const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());

// A clean dataset: the worked example with every convener and no populations.
{
  const { page, errors, requests } = await open(clean);
  expect('clean: no errors counted', (await text(page, '#count-error')) === '0');
  expect('clean: no warnings counted', (await text(page, '#count-warning')) === '0');
  expect('clean: says there are no findings', await page.isVisible('#no-findings'));
  expect('clean: the tier tree shows the nine places (five, then four)', (await page.$$eval('#tiers details', (d) => d.filter((x) => x.textContent.includes('place')).length)) >= 9);
  expect('clean: the drawing has the ICB', (await page.$$eval('#graph svg g title', (t) => t.some((x) => x.textContent.includes('Integrated Care Board')))));
  expect('clean: no console errors', errors.length === 0, errors.join('; '));
  expect('clean: no network requests', requests.length === 0, requests.join(' '));
  await page.screenshot({ path: path.join(shots, 'report-clean.png'), fullPage: false });
  await page.close();
}

// A failing dataset: one error, two warnings; filters narrow the table.
{
  const { page, errors } = await open(faulty);
  expect('faulty: one error counted', (await text(page, '#count-error')) === '1', await text(page, '#count-error'));
  expect('faulty: two warnings counted', (await text(page, '#count-warning')) === '2', await text(page, '#count-warning'));
  expect('faulty: all three findings listed', (await visibleRows(page)) === 3, await visibleRows(page));
  await page.selectOption('#severity', 'error');
  expect('faulty: filtering by errors leaves one row', (await visibleRows(page)) === 1, await visibleRows(page));
  expect('faulty: the row is ICS201', (await page.$eval('#findings tbody tr:not([style*="none"])', (r) => r.textContent)).includes('ICS201'));
  expect('faulty: the count of shown rows updates', (await text(page, '#shown')) === '1 of 3 shown', await text(page, '#shown'));
  await page.screenshot({ path: path.join(shots, 'report-faulty-errors.png'), fullPage: false });
  await page.selectOption('#severity', '');
  await page.selectOption('#rule', 'ICS103');
  expect('faulty: filtering by rule ICS103 leaves one row', (await visibleRows(page)) === 1, await visibleRows(page));
  await page.selectOption('#rule', '');
  await page.fill('#search', 'invented small');
  expect('faulty: searching for the invented network leaves one row', (await visibleRows(page)) === 1, await visibleRows(page));
  expect('faulty: the invented network is out of range in the tier tree', await page.$$eval('#tiers .out-text', (e) => e.length >= 1));
  expect('faulty: no console errors', errors.length === 0, errors.join('; '));
  await page.screenshot({ path: path.join(shots, 'report-faulty.png'), fullPage: true });
  await page.close();
}

// The worked example: the four councils not recorded as convening, and eleven small PCNs.
if (example && example !== '-') {
  const { page, errors } = await open(example);
  expect('example: four errors counted', (await text(page, '#count-error')) === '4', await text(page, '#count-error'));
  expect('example: eleven warnings counted', (await text(page, '#count-warning')) === '11', await text(page, '#count-warning'));
  await page.fill('#search', 'Millom');
  expect('example: searching for Millom leaves one row', (await visibleRows(page)) === 1, await visibleRows(page));
  expect('example: Millom is out of range in the tier tree', await page.$$eval('#tiers .out-text', (e) => e.length >= 1));
  expect('example: no console errors', errors.length === 0, errors.join('; '));
  await page.screenshot({ path: path.join(shots, 'report-example.png'), fullPage: false });
  await page.close();
}

// England: thousands of entities stay usable.
if (england && england !== '-') {
  const start = Date.now();
  const { page, errors } = await open(england);
  const loaded = Date.now() - start;
  const rows = (await page.$$('#findings tbody tr')).length;
  expect('england: the page opens in under 10 s', loaded < 10000, `${loaded} ms`);
  expect('england: hundreds of findings listed', rows > 200, rows);
  const t0 = Date.now();
  await page.selectOption('#severity', 'info');
  const filtered = await visibleRows(page);
  expect('england: filtering is quick', Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
  expect('england: filtering by information narrows the table', filtered > 0 && filtered < rows, `${filtered} of ${rows}`);
  expect('england: no console errors', errors.length === 0, errors.join('; '));
  await page.screenshot({ path: path.join(shots, 'report-england.png'), fullPage: false });
  await page.close();
}

await browser.close();
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all browser checks passed');
