// The Misura 1.2 dashboard in a real browser: Italy → region → province →
// ente page without JavaScript, the chart against its data table, the CSV
// behind the chart, and the ente page. `serve --demo` imports a sample of the
// PA digitale 2026 open data; no count is hard-coded: the tests compare the
// numbers the pages themselves show.
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

async function newPage(options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  return { page, context };
}

// "1.234" → 1234 (Italian thousands separator).
function count(text) {
  const t = text.trim();
  assert.match(t, /^\d{1,3}(\.\d{3})*$/, `a count: ${t}`);
  return Number(t.replace(/\./g, ''));
}

// "25.913.546,00 €" → 2591354600 (cents).
function euroCents(text) {
  const t = text.replace(/\s/g, ' ').trim();
  const m = t.match(/^(\d{1,3}(?:\.\d{3})*),(\d{2}) €$/);
  assert.ok(m, `an amount in euro: ${t}`);
  return Number(m[1].replace(/\./g, '')) * 100 + Number(m[2]);
}

// "425356.00" → 42535600 (cents).
function csvCents(text) {
  assert.match(text, /^\d+\.\d{2}$/, `a CSV amount: ${text}`);
  const [units, cents] = text.split('.');
  return Number(units) * 100 + Number(cents);
}

// What one level of the dashboard shows.
async function dashboard(page) {
  const rows = await page.$$eval('table#groups tbody tr', (trs) => trs.map((tr) => {
    const th = tr.querySelector('th[scope="row"]');
    const td = [...tr.querySelectorAll('td')].map((d) => d.textContent);
    return { label: th.textContent.trim(), href: th.querySelector('a')?.getAttribute('href'), applications: td[0], decreed: td[1] };
  }));
  return {
    title: await page.title(),
    chartTitle: (await page.textContent('#chart-title')).trim(),
    current: (await page.textContent('.breadcrumb [aria-current="page"]')).trim(),
    total: count(await page.textContent('#total-applications')),
    decreed: euroCents(await page.textContent('#total-decreed')),
    rects: await page.locator('svg[role="img"][aria-labelledby="chart-title"] rect').count(),
    rows: rows.map((r) => ({ ...r, applications: count(r.applications), decreed: euroCents(r.decreed) })),
  };
}

// The chart and its table agree, and the table adds up to the cards.
function checkLevel(level, name) {
  assert.ok(level.rows.length > 0, `${name}: the table has rows`);
  assert.equal(level.rects, level.rows.length, `${name}: one bar per table row`);
  for (const r of level.rows) assert.ok(r.href, `${name}: row "${r.label}" is a link`);
  assert.equal(level.rows.reduce((s, r) => s + r.applications, 0), level.total,
    `${name}: the applications column adds up to #total-applications`);
  assert.equal(level.rows.reduce((s, r) => s + r.decreed, 0), level.decreed,
    `${name}: the decreed column adds up to #total-decreed`);
}

// The first row of the table: followed by clicking its link.
async function follow(page, row) {
  await page.click('table#groups tbody tr:first-child th[scope="row"] a');
  await page.waitForURL(new URL(row.href, app.base).href);
}

test('the dashboard drills down from Italy to an ente without JavaScript', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    await page.goto(app.base + '/programma');
    await page.click('a#dashboard-link');
    await page.waitForURL(app.base + '/programma/cruscotto');

    const italy = await dashboard(page);
    checkLevel(italy, 'Italy');
    assert.ok(italy.total > 0, 'the demo imports applications');
    for (const r of italy.rows) {
      const url = new URL(r.href, app.base);
      assert.equal(url.pathname, '/programma/cruscotto');
      assert.equal(url.searchParams.get('regione'), r.label, `the region link of ${r.label}`);
      assert.equal(url.searchParams.get('provincia'), null);
    }

    const region = italy.rows[0];
    await follow(page, region);
    const byRegion = await dashboard(page);
    checkLevel(byRegion, region.label);
    assert.equal(byRegion.total, region.applications, 'the region total is its row on the national table');
    assert.equal(byRegion.decreed, region.decreed, 'the region decreed amount is its row on the national table');
    assert.equal(byRegion.current, region.label, 'the breadcrumb ends with the region');
    assert.ok(byRegion.title.includes(region.label) && byRegion.title !== italy.title, `the title names the region: ${byRegion.title}`);
    assert.notEqual(byRegion.chartTitle, italy.chartTitle, 'the chart is by province');
    assert.equal(await page.getAttribute('.breadcrumb a[href="/programma/cruscotto"]', 'href'), '/programma/cruscotto',
      'the breadcrumb leads back to Italy');
    for (const r of byRegion.rows) {
      const url = new URL(r.href, app.base);
      assert.equal(url.pathname, '/programma/cruscotto');
      assert.equal(url.searchParams.get('regione'), region.label);
      assert.equal(url.searchParams.get('provincia'), r.label, `the province link of ${r.label}`);
    }

    const province = byRegion.rows[0];
    await follow(page, province);
    const byProvince = await dashboard(page);
    checkLevel(byProvince, `${region.label} / ${province.label}`);
    assert.equal(byProvince.total, province.applications, 'the province total is its row on the region table');
    assert.equal(byProvince.decreed, province.decreed, 'the province decreed amount is its row on the region table');
    assert.ok(byProvince.current.includes(province.label), `the breadcrumb ends with the province: ${byProvince.current}`);
    assert.ok(byProvince.title.includes(province.label) && byProvince.title !== byRegion.title,
      `the title names the province: ${byProvince.title}`);
    assert.notEqual(byProvince.chartTitle, byRegion.chartTitle, 'the chart is by ente');
    for (const r of byProvince.rows) assert.match(r.href, /^\/enti\/[^/?#]+$/, `the ente link of ${r.label}`);

    const ente = byProvince.rows[0];
    await follow(page, ente);
    assert.equal((await page.textContent('h1')).trim(), ente.label, 'the ente page is of the ente clicked');
    assert.equal((await page.textContent('.breadcrumb [aria-current="page"]')).trim(), ente.label, 'the breadcrumb ends with the ente');
    assert.ok((await page.title()).includes(ente.label));
    assert.equal(await page.locator('table#applications tbody tr').count(), ente.applications,
      'the ente page lists as many applications as its row on the province table');
  } finally {
    await context.close();
  }
});

test('the CSV behind the national chart holds the table and adds up to the totals', async () => {
  const { page, context } = await newPage();
  try {
    await page.goto(app.base + '/programma/cruscotto');
    const italy = await dashboard(page);
    const href = await page.getAttribute('a#chart-csv', 'href');
    const res = await page.request.get(new URL(href, app.base).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /text\/csv/);
    const rows = parseCsv(await res.text());
    const [header, ...rest] = rows;
    const last = rest.pop();
    for (const column of ['region', 'applications', 'amount_decreed_eur']) {
      assert.ok(header.includes(column), `the header has ${column}: ${header}`);
    }
    for (const r of rows) assert.equal(r.length, header.length, 'every row has every column');
    const name = header.indexOf('region');
    const applications = header.indexOf('applications');
    const decreed = header.indexOf('amount_decreed_eur');
    assert.equal(last[name], 'total', 'the last row is the total');

    assert.deepEqual(rest.map((r) => r[name]), italy.rows.map((r) => r.label), 'one CSV row per table row, in order');
    assert.deepEqual(rest.map((r) => Number(r[applications])), italy.rows.map((r) => r.applications),
      'the CSV applications are the table applications');
    assert.deepEqual(rest.map((r) => csvCents(r[decreed])), italy.rows.map((r) => r.decreed),
      'the CSV decreed amounts are the table amounts');
    assert.equal(rest.reduce((s, r) => s + Number(r[applications]), 0), italy.total,
      'the applications column adds up to #total-applications');
    assert.equal(Number(last[applications]), italy.total, 'the total row is #total-applications');
    assert.equal(csvCents(last[decreed]), italy.decreed, 'the total row is #total-decreed');
  } finally {
    await context.close();
  }
});

test('an ente page lists its applications under the IPA code it was linked by', async () => {
  const { page, context } = await newPage();
  try {
    await page.goto(app.base + '/programma/cruscotto');
    await page.goto(app.base + await page.getAttribute('table#groups tbody tr:first-child th a', 'href'));
    await page.goto(app.base + await page.getAttribute('table#groups tbody tr:first-child th a', 'href'));
    const enti = (await dashboard(page)).rows;
    assert.ok(enti.length > 0);
    for (const ente of enti) {
      const res = await page.goto(app.base + ente.href);
      assert.equal(res.status(), 200, ente.href);
      const ipa = decodeURIComponent(ente.href.split('/').pop());
      assert.equal((await page.textContent('span#ipa')).trim(), ipa, `the IPA code of ${ente.label}`);
      assert.equal((await page.textContent('h1')).trim(), ente.label);
      const applications = await page.$$eval('table#applications tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
      assert.ok(applications.length >= 1, `${ente.label} lists at least one application`);
      assert.equal(applications.length, ente.applications, `${ente.label}: as many as on the province table`);
      for (const a of applications) {
        assert.ok(a[0].length > 0, 'every application names its call');
        assert.ok(a[1].length > 0, 'and its status');
        euroCents(a[2]);
      }
      assert.equal(await page.locator('table#applications thead th[scope="col"]').count(), 6,
        'call, state, amount, decree date, CUP, services migrated');
    }
    const res = await page.goto(app.base + '/enti/no_such_ipa');
    assert.equal(res.status(), 404);
    assert.match(res.headers()['content-type'], /text\/html/);
  } finally {
    await context.close();
  }
});

// Each label sits on its own line above its bar, inside the chart.
test('the chart labels are readable: above their bars and inside the chart', async () => {
  const { page, context } = await newPage({ viewport: { width: 1280, height: 800 } });
  try {
    const problems = [];
    await page.goto(app.base + '/programma/cruscotto');
    const region = await page.getAttribute('table#groups tbody tr:first-child th a', 'href');
    await page.goto(app.base + region);
    const province = await page.getAttribute('table#groups tbody tr:first-child th a', 'href');
    for (const path of ['/programma/cruscotto', region, province]) {
      await page.goto(app.base + path);
      problems.push(...(await page.$$eval('svg[role="img"]', (svgs) => svgs.flatMap((svg) => {
        const width = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('g')].map((g) => {
          const t = g.querySelector('text').getBBox();
          const barTop = Number(g.querySelector('rect').getAttribute('y'));
          const label = g.querySelector('text').textContent;
          if (t.x + t.width > width) return `${label} runs past the chart (${(t.x + t.width).toFixed(1)} > ${width})`;
          if (t.y + t.height > barTop + 1) return `${label} overlaps its bar`;
          return null;
        }).filter(Boolean);
      }))));
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// The map of Italy: every region of the table is on it with the same amount,
// the legend has its classes, and a Comune's page shows its project.
test('the map shows each region with the amount of its row in the table', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(app.base + '/programma/cruscotto');
    assert.equal(await page.locator('svg#map path').count(), 20);
    const titles = await page.locator('svg#map path title').allTextContents();
    const rows = await page.locator('table#groups tbody tr').all();
    assert.ok(rows.length > 0);
    for (const row of rows) {
      const name = (await row.locator('th').textContent()).trim();
      const decreed = (await row.locator('td').nth(1).textContent()).trim();
      euroCents(decreed);
      assert.ok(titles.includes(`${name}: ${decreed}`), `${name}: ${decreed} on the map`);
    }
    assert.equal(await page.locator('#map-legend li').count(), 6);
    await page.locator('#map-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'screenshots/dashboard.png' });
    await page.goto(app.base + '/enti/c_f020');
    assert.ok((await page.textContent('h1')).includes('Masone'));
    await page.screenshot({ path: 'screenshots/comune.png' });
  } finally {
    await context.close();
  }
});
