// The public catalogue in a real browser: faceted search without JavaScript,
// Italian stemming, the catalogue as it was on a past date, the listing,
// provider and infrastructure pages, what changed, and the exports.
// The demo catalogue is synthetic and seeded, but no count is hard-coded: the
// tests compare numbers the pages themselves show.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCloudpa } from './server.mjs';
import { parseCsv } from './csv.mjs';

let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

const SEARCH = '#search-form .row.g-3 button[type="submit"]';
const APPLY = '#search-form aside button[type="submit"]';

async function newPage(options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  return { page, context };
}

async function total(page) {
  const text = (await page.textContent('#total')).trim();
  assert.match(text, /^\d+$/, `#total is a number: ${text}`);
  return Number(text);
}

// The count badge of one facet box.
async function facetCount(page, param, value) {
  const box = page.locator(`#facet-${param} input[name="${param}"][value="${value}"]`);
  const id = await box.getAttribute('id');
  return Number(await page.getAttribute(`#facet-${param} label[for="${id}"] span[data-count]`, 'data-count'));
}

async function facetSum(page, param) {
  const counts = await page.$$eval(`#facet-${param} span[data-count]`, (spans) =>
    spans.map((s) => Number(s.dataset.count)));
  return counts.reduce((a, b) => a + b, 0);
}

test('the facet counts of the whole catalogue add up to the total', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/catalogo');
  const all = await total(page);
  assert.ok(all > 0, 'the demo catalogue is not empty');
  // Every listing has exactly one type, level, data location, status, regime and track.
  for (const param of ['type', 'level', 'location', 'status', 'provider', 'category', 'regime', 'track']) {
    assert.ok(await page.locator(`#facet-${param}`).count() === 1, `fieldset #facet-${param}`);
    assert.equal(await facetSum(page, param), all, `the ${param} counts add up to #total`);
  }
  assert.ok(await page.locator('#facet-data_class').count() === 1, 'fieldset #facet-data_class');
  // Every fieldset has a legend and every box a label.
  for (const param of ['type', 'level', 'data_class', 'provider', 'category', 'location', 'status', 'regime', 'track']) {
    assert.ok((await page.textContent(`#facet-${param} legend`)).trim().length > 0, `legend of ${param}`);
  }
  const results = await page.locator('#results > li article').count();
  assert.equal(results, Math.min(all, 20), 'one page of results');
  if (all > results) {
    assert.ok(await page.locator('nav .pagination').count() === 1, 'pagination');
    assert.equal(await page.getAttribute('.pagination [aria-current="page"]', 'href').then((h) => new URL(h, app.base).searchParams.get('page')), '1');
  }
  await context.close();
});

test('search, facets and pagination work without JavaScript', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  await page.goto(app.base + '/catalogo');
  await page.fill('#q', 'migrazioni');
  await page.click(SEARCH);
  await page.waitForURL(/[?&]q=migrazioni/);
  const matching = await total(page);
  assert.ok(matching > 0, 'the query finds services');
  assert.equal(await page.inputValue('#q'), 'migrazioni', 'the query is kept in the box');

  const saas = await facetCount(page, 'type', 'SaaS');
  assert.ok(saas > 0 && saas <= matching, `the SaaS count (${saas}) is within the ${matching} results`);
  assert.equal(await facetSum(page, 'type'), matching, 'the type counts follow the query');

  // Bootstrap Italia draws the box on the label, which is what a visitor clicks.
  const saasId = await page.getAttribute('#facet-type input[value="SaaS"]', 'id');
  await page.click(`label[for="${saasId}"]`);
  assert.ok(await page.isChecked(`#${saasId}`), 'clicking the label checks the box');
  await page.click(APPLY);
  await page.waitForURL(/[?&]type=SaaS/);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/catalogo');
  assert.equal(url.searchParams.get('q'), 'migrazioni');
  assert.deepEqual(url.searchParams.getAll('type'), ['SaaS']);
  assert.equal(await total(page), saas, 'the new total is the count shown on the SaaS box');
  assert.ok(await page.isChecked('#facet-type input[value="SaaS"]'), 'the box stays checked');

  const badges = await page.$$eval('#results > li article', (articles) =>
    articles.map((a) => [...a.querySelectorAll('.badge')].map((b) => b.textContent.trim())));
  assert.equal(badges.length, Math.min(saas, 20));
  for (const b of badges) assert.ok(b.includes('SaaS'), `every result is SaaS: ${b}`);
  for (const b of badges) assert.ok(!b.includes('IaaS') && !b.includes('PaaS'), `no other type: ${b}`);

  // The next page keeps the query and the facet, and shows other services.
  if (saas > 20) {
    const first = await page.$$eval('#results h3 a', (as) => as.map((a) => a.getAttribute('href')));
    await page.click('.pagination a:text-is("2")');
    await page.waitForURL(/[?&]page=2/);
    const next = new URL(page.url());
    assert.equal(next.searchParams.get('q'), 'migrazioni');
    assert.deepEqual(next.searchParams.getAll('type'), ['SaaS']);
    assert.equal(await total(page), saas);
    const second = await page.$$eval('#results h3 a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(second.length, Math.min(saas - 20, 20));
    assert.deepEqual(second.filter((h) => first.includes(h)), [], 'page 2 does not repeat page 1');
    assert.equal(await page.getAttribute('.pagination [aria-current="page"]', 'href').then((h) => new URL(h, app.base).searchParams.get('page')), '2');
  }
  await context.close();
});

test('search stems Italian words', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/catalogo?q=migrazioni');
  const plural = await total(page);
  assert.ok(plural > 0, '"migrazioni" finds services');
  assert.equal(await page.locator('#no-results').count(), 0);
  await page.goto(app.base + '/catalogo?q=migrazione');
  assert.equal(await total(page), plural, '"migrazione" and "migrazioni" find the same services');
  await page.goto(app.base + '/catalogo?q=' + encodeURIComponent('zzqxwv nonesiste'));
  assert.equal(await total(page), 0);
  assert.ok(await page.isVisible('p#no-results'));
  await context.close();
});

test('the catalogue before 2021 is empty; a past date is kept in the links', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  await page.goto(app.base + '/catalogo');
  await page.fill('#as_of', '2020-06-30');
  await page.click(SEARCH);
  await page.waitForURL(/[?&]as_of=2020-06-30/);
  assert.equal(await total(page), 0);
  assert.ok(await page.isVisible('p#no-results'));
  assert.equal(await page.locator('#results > li').count(), 0);
  assert.equal(await page.locator('#search-error').count(), 0);
  assert.equal(await page.inputValue('#as_of'), '2020-06-30');
  const csv = await page.getAttribute('a[href^="/api/v1/listings/export.csv"]', 'href');
  assert.equal(new URL(csv, app.base).searchParams.get('as_of'), '2020-06-30', 'the export is of the same date');

  await page.goto(app.base + '/catalogo?as_of=non-una-data');
  assert.ok(await page.isVisible('#search-error'), 'an invalid date is explained on the page');
  await context.close();
});

test('the catalogue filters by the regime of the qualification, and the listing shows it for each period', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  await page.goto(app.base + '/catalogo');
  const regimes = await page.$$eval('#facet-regime input[name="regime"]', (boxes) => boxes.map((b) => b.value));
  assert.ok(regimes.length > 0, 'the regime facet has values');
  const regime = regimes[0];
  const expected = await facetCount(page, 'regime', regime);
  const boxId = await page.getAttribute(`#facet-regime input[value="${regime}"]`, 'id');
  await page.click(`label[for="${boxId}"]`);
  await page.click(APPLY);
  await page.waitForURL(/regime=/);
  assert.equal(await total(page), expected, 'the filtered total is the facet count');
  const shown = await page.$$eval('#results [data-regime]', (spans) => spans.map((s) => s.dataset.regime));
  assert.ok(shown.length > 0 && shown.every((r) => r === regime), `every result is under ${regime}: ${shown}`);
  const label = (await page.textContent('#results [data-regime]')).trim();
  await page.locator('#results > li article h3 a').first().click();
  await page.waitForURL(/\/qualificazioni\//);
  const periods = await page.$$eval('#history tbody tr', (rows) => rows.map((r) => {
    const cells = [...r.querySelectorAll('td')];
    return { to: cells[2].textContent.trim(), regime: r.querySelector('td[data-regime]').dataset.regime,
      label: r.querySelector('td[data-regime]').textContent.trim() };
  }));
  const open = periods.filter((p) => p.to === '');
  assert.equal(open.length, 1, 'one open period');
  assert.equal(open[0].regime, regime, 'the open period is under the regime filtered by');
  assert.equal(open[0].label, label, 'named as on the results');
  await context.close();
});

test('a search result leads to the listing, its provider and the infrastructure', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/catalogo');
  await page.screenshot({ path: 'screenshots/catalogue.png' });
  const card = page.locator('#results > li article').first();
  const name = (await card.locator('h3 a').textContent()).trim();
  const listingHref = await card.locator('h3 a').getAttribute('href');
  assert.match(listingHref, /^\/qualificazioni\/[0-9a-f-]{36}$/);
  const providerName = (await card.locator('a[href^="/fornitori/"]').textContent()).trim();
  const providerHref = await card.locator('a[href^="/fornitori/"]').getAttribute('href');
  const statusBadge = (await card.locator('[data-status]').textContent()).trim();
  const providerCount = await facetCount(page, 'provider', providerHref.split('/').pop());

  await card.locator('h3 a').click();
  await page.waitForURL(app.base + listingHref);
  assert.equal((await page.textContent('h1')).trim(), name);
  const status = (await page.textContent('#listing-status')).trim();
  assert.ok(status.length > 0);
  assert.ok(statusBadge.startsWith(status), `the result badge "${statusBadge}" shows the status "${status}"`);
  const history = await page.$$eval('#history tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.ok(history.length > 0, 'the history has rows');
  const current = history.filter((r) => r[2] === '');
  assert.equal(current.length, 1, 'one open period in the history');
  assert.equal(current[0][0], status, 'the open period is the current status');
  assert.ok(statusBadge.endsWith(current[0][1]), `the result badge "${statusBadge}" gives the start ${current[0][1]}`);
  assert.equal(await page.locator('#history thead th[scope="col"]').count(), 5);

  await page.goto(app.base + '/catalogo');
  await page.locator('#results > li article').first().locator('a[href^="/fornitori/"]').click();
  await page.waitForURL(app.base + providerHref);
  assert.equal((await page.textContent('h1')).trim(), providerName);
  const services = await page.$$eval('table#services tbody tr td:first-child a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(services.includes(listingHref), 'the provider lists the service');
  assert.equal(services.length, providerCount, 'the provider page lists as many services as its facet count');

  const infrastructures = page.locator('ul#infrastructures a[href^="/infrastrutture/"]');
  assert.ok(await infrastructures.count() > 0, 'the provider has infrastructures');
  const infraName = (await infrastructures.first().textContent()).trim();
  const infraHref = await infrastructures.first().getAttribute('href');
  await infrastructures.first().click();
  await page.waitForURL(app.base + infraHref);
  assert.equal((await page.textContent('h1')).trim(), infraName);
  assert.ok(await page.locator(`main a[href="${providerHref}"]`).count() > 0, 'the infrastructure links back to its provider');
  assert.ok(await page.locator('table#services').count() === 1);
  for (const href of await page.$$eval('table#services tbody a', (as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^\/qualificazioni\/[0-9a-f-]{36}$/);
  }
  await context.close();
});

test('unknown listing, provider and infrastructure give a 404 page', async () => {
  const { page, context } = await newPage();
  for (const path of ['/qualificazioni/00000000-0000-0000-0000-000000000000',
    '/fornitori/00000000-0000-0000-0000-000000000000', '/infrastrutture/00000000-0000-0000-0000-000000000000']) {
    const res = await page.goto(app.base + path);
    assert.equal(res.status(), 404, path);
    assert.match(res.headers()['content-type'], /text\/html/, path);
  }
  await context.close();
});

function isoOf(italian) {
  const [d, m, y] = italian.split('/');
  return `${y}-${m}-${d}`;
}

test('what changed in the catalogue, between two dates, without JavaScript', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  await page.goto(app.base + '/catalogo/novita');
  const from = await page.inputValue('#dal');
  const to = await page.inputValue('#al');
  assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(to, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(from <= to, 'the default period is in order');
  const hasTable = (await page.locator('table#changes').count()) === 1;
  const hasNone = (await page.locator('p#no-changes').count()) === 1;
  assert.ok(hasTable !== hasNone, 'either a table of changes or "no changes"');
  if (!hasTable) {
    await context.close();
    return;
  }
  const rows = await page.$$eval('table#changes tbody tr', (trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')];
    return { on: td[0].textContent.trim(), status: td[1].textContent.trim(),
      listing: td[2].querySelector('a')?.getAttribute('href'), provider: td[3].querySelector('a')?.getAttribute('href') };
  }));
  assert.ok(rows.length > 0);
  const days = rows.map((r) => isoOf(r.on));
  for (const r of rows) {
    assert.match(r.on, /^\d{2}\/\d{2}\/\d{4}$/);
    assert.ok(isoOf(r.on) >= from && isoOf(r.on) <= to, `${r.on} is within ${from}..${to}`);
    assert.match(r.listing, /^\/qualificazioni\/[0-9a-f-]{36}$/);
    assert.match(r.provider, /^\/fornitori\/[0-9a-f-]{36}$/);
    assert.ok(r.status.length > 0);
  }
  assert.deepEqual(days, [...days].sort().reverse(), 'newest first');

  // Narrow the period to the day of the newest change.
  const day = days[0];
  await page.fill('#dal', day);
  await page.fill('#al', day);
  await page.click('form[action="/catalogo/novita"] button[type="submit"]');
  await page.waitForURL(/[?&]dal=/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('dal'), day);
  assert.equal(url.searchParams.get('al'), day);
  const narrowed = await page.$$eval('table#changes tbody tr', (trs) => trs.map((tr) => ({
    on: tr.querySelector('td').textContent.trim(), listing: tr.querySelector('td:nth-child(3) a').getAttribute('href') })));
  assert.deepEqual(narrowed.map((r) => isoOf(r.on)), narrowed.map(() => day), 'only that day');
  assert.deepEqual(narrowed.map((r) => r.listing), rows.filter((r) => isoOf(r.on) === day).map((r) => r.listing));

  // A change leads to its listing, whose history has a period starting that day.
  await page.click(`table#changes a[href="${narrowed[0].listing}"]`);
  await page.waitForURL(app.base + narrowed[0].listing);
  const starts = await page.$$eval('#history tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(starts.map(isoOf).includes(day), `the history has a period from ${day}`);

  await page.goto(app.base + '/catalogo/novita?dal=2000-01-01&al=2000-12-31');
  assert.ok(await page.isVisible('p#no-changes'));
  assert.equal(await page.locator('table#changes').count(), 0);
  await context.close();
});

test('a reversed period or a bad date on the changes page is explained on the page', async () => {
  const { page, context } = await newPage();
  try {
    for (const query of ['?dal=2026-02-01&al=2026-01-01', '?dal=2026-02-30']) {
      const res = await page.goto(app.base + '/catalogo/novita' + query);
      assert.equal(res.status(), 400);
      assert.match(res.headers()['content-type'], /text\/html/);
      assert.ok(await page.isVisible('#changes-error[role="alert"]'), query);
      assert.match(await page.textContent('#changes-error'), /^dal: /);
    }
  } finally {
    await context.close();
  }
});

test('the CSV export of a search has as many rows as the search total', async () => {
  const { page, context } = await newPage();
  for (const query of ['', '?q=migrazioni&type=SaaS', '?type=IaaS&type=PaaS&level=QC2', '?as_of=2020-06-30']) {
    await page.goto(app.base + '/catalogo' + query);
    const expected = await total(page);
    const href = await page.getAttribute('a[href^="/api/v1/listings/export.csv"]', 'href');
    const pageParams = new URL(page.url()).searchParams;
    const exportParams = new URL(href, app.base).searchParams;
    for (const key of new Set(pageParams.keys())) {
      assert.deepEqual(exportParams.getAll(key), pageParams.getAll(key), `the export link keeps ${key}`);
    }
    const res = await page.request.get(new URL(href, app.base).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /text\/csv/);
    const rows = parseCsv(await res.text()).filter((r) => !(r.length === 1 && r[0] === ''));
    const header = rows[0];
    assert.ok(header.includes('id') && header.includes('type'), 'a header row');
    assert.equal(rows.length - 1, expected, `CSV data rows for ${query || 'the whole catalogue'}`);
    for (const r of rows) assert.equal(r.length, header.length, 'every row has every column');
    if (pageParams.has('type')) {
      const col = header.indexOf('type');
      for (const r of rows.slice(1)) assert.ok(pageParams.getAll('type').includes(r[col]), `type ${r[col]}`);
    }
  }
  // The other formats answer with their own media type.
  await page.goto(app.base + '/catalogo?type=SaaS');
  for (const [ext, type] of [['xlsx', /spreadsheetml/], ['json', /json/], ['pdf', /application\/pdf/]]) {
    const href = await page.getAttribute(`a[href^="/api/v1/listings/export.${ext}"]`, 'href');
    const res = await page.request.get(new URL(href, app.base).href);
    assert.equal(res.status(), 200, ext);
    assert.match(res.headers()['content-type'], type, ext);
  }
  await context.close();
});
