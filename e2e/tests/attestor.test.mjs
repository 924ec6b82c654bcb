// The asseverazione in a real browser, from the contract to the payment, all
// on the pages: Genova's RTD gives the CUP and activates the contract on its
// application page, marks every service migrated there, records the supplier
// contract with its signed PDF on the hub, fills and submits the compliance
// form of every service (contract, destination from the finder, report,
// addresses, documents…) and completes the project; the programme office
// assigns it to the demo attestor on its page, and the attestor gives a
// verdict on every item of the checklist, records a positive outcome and
// downloads the report; the ente sends its CRE and payment request on its
// page, the office sees the formal checks pass and pays. The worklist, the
// project page (with its forms), the office's pages and the ente's payment
// section meet WCAG 2.1 A/AA (axe).
//
// Only the supplier directory is filled through the JSON API: the office has
// no page for it. Genova's RTD documents its project, the office assigns it
// and the attestor verifies it without JavaScript, with full posts (the
// compliance form's live pre-checks have their own test in
// ente_attestation.test.mjs).
//
// The tests share one `serve --demo` and run in file order: each continues
// from the state the previous one left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn, startCloudpa } from './server.mjs';

const GENOVA_RTD = 'rtd@genova.demo.cloudpa.it';
const OFFICE = 'misura12@dtd.demo.cloudpa.it';
const ATTESTOR = 'asseveratore@asseverazioni.demo.cloudpa.it';
const ATTESTOR_NAME = 'Asseverazioni Tecniche S.r.l. (demo)';
const GENOVA = 'Comune di Genova (demo)';
const SUPPLIER = { vat_number: '01114601006', name: 'Migra S.r.l.', pec: 'gare@pec.migra.it', mepa_enabled: true };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let app;
// What a test leaves for the next ones.
const project = {};

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

// A page in a browser of its own. Without smooth scrolling (Bootstrap
// Italia's, unless motion is reduced) a click far down a long page does not
// wait for the scroll to end.
async function newPage(options = {}) {
  const context = await app.browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  return { page, context };
}

// Clicks a submit button and waits for the page the form leads to.
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

async function text(page, selector) {
  return (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
}

async function violations(page, path) {
  await page.goto(app.base + path);
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

// Today in Rome, as the server counts days: YYYY-MM-DD.
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A small PDF to upload through a file input.
function pdf(name) {
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${name}\n%%EOF\n`) };
}

// The signed-in user's CSRF token, for the JSON API.
async function csrfToken(page) {
  return (await (await page.request.get(`${app.base}/api/v1/me`)).json()).csrf_token;
}

// Fills the compliance form of the service at `position`, without
// JavaScript (every item is shown; those an answer does not call for are
// left empty): the project's contract, the first listing the finder
// proposes, the type's own sections — an IaaS's resource report, public
// addresses, software and system identifiers, or a SaaS's request of a
// synchronous verification — and the visibility section of every type: a
// private service in production, its origin decommissioned; a PDF for every
// document asked for unconditionally.
async function fillForm(page, position, day) {
  await page.selectOption('#field-contract_id', { index: 1 });
  const listings = await page.$$eval('#field-listing_id option', (os) => os.map((o) => o.value).filter((v) => v));
  assert.ok(listings.length > 0, `the finder proposes a destination for service ${position}`);
  await page.selectOption('#field-listing_id', listings[0]);
  if (await page.locator('#field-report_issuer').count()) {
    await page.fill('#field-report_issuer', 'Nuvola S.p.A.');
    await page.fill('#field-report_from', addDays(day, -14));
    await page.fill('#field-report_to', day);
    await page.fill('#field-cpu_vcpu', '4');
    await page.fill('#field-ram_gb', '16');
    await page.fill('#field-storage_gb', '200');
    await page.fill('#field-connectivity', '1 Gbit/s');
    await page.fill('#field-report_ente', 'Comune di Genova (c_d969)');
    await page.fill('#field-public_ips', '80.211.1.1');
    const software = page.locator('#field-software tbody tr').first().locator('input');
    for (const [i, value] of ['Anagrafe', 'Acme S.r.l.', 'Anagrafe della popolazione', 'principale'].entries()) {
      await software.nth(i).fill(value);
    }
    await page.fill('#field-system_ids', `vm-genova-${position}`);
  } else {
    await page.selectOption('#field-verification_mode', 'videocall');
    await page.fill('#field-verification_contact', 'Ufficio CED, 010 557111');
    await page.fill('#field-verification_available_from', day);
  }
  await page.selectOption('#field-accessibility', 'private');
  await page.fill('#field-private_addresses', '10.20.0.15');
  await page.selectOption('#field-in_production', 'yes');
  await page.fill('#field-origin_description', 'Sala CED di Palazzo Tursi');
  await page.click('label[for="field-origin_decommissioned"]');
  assert.ok(await page.isChecked('#field-origin_decommissioned'));
  await page.fill('#field-decommissioned_on', day);
  for (const input of await page.locator('#compliance-form [data-item]:not([data-when-item]) input[type="file"]').all()) {
    await input.setInputFiles(pdf(`documento-${position}`));
  }
}

test("Genova's project is contracted, migrated, documented and completed on the pages", async () => {
  // The office puts the supplier in the directory (through the API: its
  // pages do not keep the directory).
  const { page: office, context: officeContext } = await newPage();
  try {
    await signIn(app, office, OFFICE);
    const added = await office.request.post(`${app.base}/api/v1/suppliers`,
      { headers: { 'x-csrf-token': await csrfToken(office) }, data: SUPPLIER });
    assert.equal(added.status(), 200, await added.text());
  } finally {
    await officeContext.close();
  }

  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    const day = today();
    await signIn(app, page, GENOVA_RTD);
    await page.goto(app.base + '/ente');
    await submit(page, 'table#applications tbody a >> nth=0');
    const application = new URL(page.url()).pathname;
    project.id = application.split('/').pop();

    // The application page: the CUP, the contract activated, every service
    // marked migrated today.
    await page.fill('input#cup-input', 'J11C22000290006');
    await submit(page, `form[action="${application}/ente/cup"] button[type="submit"]`);
    assert.equal(await text(page, 'span#cup'), 'J11C22000290006');
    await submit(page, 'button#activate-contract');
    assert.equal(await page.getAttribute('span#application-state', 'data-state'), 'contracted');
    project.services = await page.locator('table#services tbody tr').count();
    for (let left = project.services; left > 0; left--) {
      assert.equal(await page.locator('table#services button.migrate').count(), left);
      await submit(page, 'table#services button.migrate >> nth=0');
      assert.equal(new URL(page.url()).pathname, application);
    }
    assert.equal(await page.locator('table#services button.migrate').count(), 0, 'every service migrated');

    // The hub: the supplier contract, with its signed PDF and the DNSH
    // self-declaration.
    const hub = `${application}/asseverazione`;
    await page.goto(app.base + hub);
    await page.click('#add-contract-details summary');
    await page.selectOption('#contract-supplier', { label: `${SUPPLIER.name} (P. IVA ${SUPPLIER.vat_number})` });
    await page.fill('#contract-date', day);
    await page.fill('#contract-object', 'Migrazione in cloud dei servizi comunali');
    await page.fill('#contract-amount', '120.000,00');
    await page.setInputFiles('#contract-document', pdf('contratto-firmato'));
    await page.setInputFiles('#contract-dnsh', pdf('dichiarazione-dnsh'));
    await submit(page, '#add-contract');
    assert.equal(new URL(page.url()).pathname, hub);
    assert.match(await text(page, 'table#contract-list tbody tr'), /Migra S\.r\.l\..*120\.000,00 €/);

    // Every service's compliance form, reached from the hub: filled and
    // submitted.
    const forms = await page.$$eval('table#service-list tbody tr a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(forms.length, project.services);
    for (const [i, form] of forms.entries()) {
      await page.goto(app.base + form);
      assert.equal(await page.getAttribute('#form-state', 'data-state'), 'new', form);
      await fillForm(page, i + 1, day);
      await submit(page, '#submit-form');
      assert.equal(new URL(page.url()).pathname, form);
      assert.equal(await page.getAttribute('#form-state', 'data-state'), 'submitted', await text(page, 'main'));
    }
    await page.goto(app.base + hub);
    for (const row of await page.locator('table#service-list tbody tr').all()) {
      assert.equal(await row.locator('[data-form]').getAttribute('data-form'), 'submitted');
      assert.notEqual((await row.locator('td').nth(2).textContent()).trim(), '—', 'the destination listing is named');
    }

    // The project completed on the application page.
    await page.goto(app.base + application);
    await submit(page, 'button#complete-project');
    assert.equal(await page.getAttribute('span#application-state', 'data-state'), 'completed', await text(page, 'main'));
  } finally {
    await context.close();
  }
});

test('the office assigns the completed project to the demo attestor on its page', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    await signIn(app, page, OFFICE);
    await page.goto(app.base + '/programma/ufficio/asseverazioni');
    assert.equal(await text(page, 'ul#states a[aria-current="page"]'), 'Completata', 'the page opens on the completed');
    const row = `table#assignments tr[data-id="${project.id}"]`;
    assert.equal(await text(page, `${row} td a`), GENOVA);
    assert.equal(await text(page, `${row} td.attestor`), 'Nessuno');
    await page.selectOption(`${row} select[name="attestor_id"]`, { label: ATTESTOR_NAME });
    await submit(page, `${row} button[type="submit"]`);
    assert.equal(new URL(page.url()).pathname, '/programma/ufficio/asseverazioni');
    assert.equal(await text(page, `${row} td.attestor`), ATTESTOR_NAME);
  } finally {
    await context.close();
  }
});

test("the attestor's worklist, the project page with its forms and the office page meet WCAG 2.1 AA", async () => {
  const { page, context } = await newPage();
  const found = [];
  try {
    await signIn(app, page, ATTESTOR);
    found.push(...(await violations(page, '/asseveratore')));
    found.push(...(await violations(page, `/asseveratore/progetti/${project.id}`)));
    await page.click('form[action="/logout"] button');
    await page.waitForURL(app.base + '/');
    await signIn(app, page, OFFICE);
    found.push(...(await violations(page, '/programma/ufficio/asseverazioni')));
    assert.deepEqual(found, []);
  } finally {
    await context.close();
  }
});

test('the attestor gives a verdict on every item, records a positive outcome and downloads the report', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    await signIn(app, page, ATTESTOR);
    await page.goto(app.base + '/asseveratore');
    const row = `table#projects tr[data-id="${project.id}"]`;
    assert.equal(await text(page, `${row} td a`), GENOVA);
    assert.equal(await page.getAttribute(`${row} [data-state]`, 'data-state'), 'completed');
    const [, decided] = await page.$$eval(`${row} td.text-end`, (tds) => tds.map((td) => td.textContent.trim()));
    const [given, items] = decided.split('/').map(Number);
    assert.equal(given, 0, 'nothing decided yet');
    assert.ok(items > project.services, 'the project checks and every service\'s sections');
    await Promise.all([page.waitForNavigation(), page.click(`${row} td a`)]);
    const href = `/asseveratore/progetti/${project.id}`;
    assert.equal(new URL(page.url()).pathname, href);
    assert.equal(await page.locator('div.verdict form').count(), items, 'one verdict form per item');
    const document = await page.getAttribute('#service-1 a[href^="/api/v1/files/"]', 'href');
    assert.equal((await page.request.get(app.base + document)).status(), 200, "the ente's documents open");

    // An outcome before every item is decided: refused, with the domain's reason.
    const early = await submit(page, 'button#record-outcome');
    assert.equal(early.status(), 422);
    assert.match(await text(page, '.alert-danger'), new RegExp(`${items} voci non hanno ancora un esito`));
    assert.equal(await page.getAttribute('#project-state', 'data-state'), 'completed');

    // A failure needs its note; then the project's checks and the first
    // service's sections pass through their forms, one at a time, and the
    // other services' through the API (the same workflow, and a shorter test).
    const first = 'div.verdict[data-item="0-contract"]';
    await page.selectOption(`${first} select`, 'fail');
    const bare = await submit(page, `${first} button`);
    assert.equal(bare.status(), 422);
    assert.match(await text(page, '.alert-danger'), /richiede una nota/);
    const byPage = await page.locator('div.verdict[data-item^="0-"], div.verdict[data-item^="1-"]').count();
    for (let done = 1; done <= byPage; done++) {
      const block = page.locator('div.verdict:has(em[data-verdict=""])').first();
      assert.match(await block.getAttribute('data-item'), /^[01]-/);
      await block.locator('select').selectOption('pass');
      await Promise.all([page.waitForNavigation(), block.locator('button').click()]);
      assert.equal(await text(page, '#tally-decided'), `${done}/${items}`);
    }
    const csrf = await csrfToken(page);
    const uri = `${app.base}/api/v1/call-applications/${project.id}/verification/verdicts`;
    for (const item of await page.$$eval('div.verdict:has(em[data-verdict=""])', (ds) => ds.map((d) => d.dataset.item))) {
      const [position, ...rest] = item.split('-');
      const data = { position: Number(position), item: rest.join('-'), verdict: 'pass', note: 'verificato' };
      const given = await page.request.put(uri, { headers: { 'x-csrf-token': csrf }, data });
      assert.equal(given.status(), 200, await given.text());
    }
    await page.reload();
    assert.equal(await text(page, '#tally-decided'), `${items}/${items}`);
    assert.equal(await page.locator('span[data-verdict="pass"]').count(), items);

    await page.check('#outcome-positive');
    await submit(page, 'button#record-outcome');
    assert.equal(new URL(page.url()).pathname, href);
    assert.equal(await page.getAttribute('#project-state', 'data-state'), 'attested');
    assert.equal(await page.locator('#outcome-form').count(), 0, 'the outcome is recorded once');
    const report = await page.getAttribute('a#report', 'href');
    assert.equal(report, `/api/v1/call-applications/${project.id}/verification/report.pdf`);
    const download = await page.request.get(app.base + report);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.equal((await download.body()).subarray(0, 5).toString(), '%PDF-');
  } finally {
    await context.close();
  }
});

test('the ente sends its CRE and payment request on its page; the office checks them and pays', async () => {
  const { page: rtd, context } = await newPage();
  const { page: office, context: officeContext } = await newPage();
  try {
    await signIn(app, office, OFFICE);
    await office.goto(`${app.base}/candidature/${project.id}`);
    assert.equal(await office.locator('button#pay').count(), 0, 'no payment before the ente\'s request');
    assert.ok(await office.locator('p#payment-waiting').isVisible());

    await signIn(app, rtd, GENOVA_RTD);
    const hub = `/candidature/${project.id}/asseverazione`;
    await rtd.goto(app.base + hub);
    assert.ok(await rtd.locator('#no-payment-request').isVisible());
    await rtd.setInputFiles('#cre-file', pdf('cre'));
    await rtd.setInputFiles('#request-file', pdf('domanda-di-erogazione'));
    await rtd.fill('#cre-on', today());
    await submit(rtd, 'button#send-payment');
    assert.equal(new URL(rtd.url()).pathname, hub);
    assert.equal(await rtd.locator('#formal-checks li[data-passed="true"]').count(), 6, 'every formal check passes');
    assert.deepEqual(await violations(rtd, hub), []);

    await office.goto(app.base + '/programma/ufficio/erogazioni');
    const row = office.locator(`table#payments tr[data-id="${project.id}"]`);
    assert.match(await row.textContent(), /tutti superati/);
    assert.deepEqual(await violations(office, '/programma/ufficio/erogazioni'), []);
    await office.goto(`${app.base}/candidature/${project.id}`);
    assert.equal(await office.locator('ul#formal-checks li .bg-success').count(), 6);
    await submit(office, 'button#pay');
    assert.equal(await office.getAttribute('#application-state', 'data-state'), 'paid');
    await rtd.goto(app.base + hub);
    assert.ok(await rtd.locator('#paid').isVisible(), 'the ente sees the payment');
  } finally {
    await context.close();
    await officeContext.close();
  }
});
