// The asseverazione in a real browser: Genova's RTD completes its project
// through the JSON API (supplier contract, one compliance form per service),
// the programme office assigns it to the demo attestor on its page, and the
// attestor — without JavaScript — gives a verdict on every item of the
// checklist, records a positive outcome and downloads the report; the ente
// sends its CRE and payment request on its page, the office sees the formal
// checks pass and pays. The worklist, the project page (with its forms), the
// office's pages and the ente's payment section meet WCAG 2.1 A/AA (axe).
//
// The tests share one `serve --demo` and run in file order: each continues
// from the state the previous one left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startCloudpa } from './server.mjs';

const PASSWORD = 'demo-cloudpa-2026';
const GENOVA_RTD = 'rtd@genova.demo.cloudpa.it';
const OFFICE = 'misura12@dtd.demo.cloudpa.it';
const ATTESTOR = 'asseveratore@asseverazioni.demo.cloudpa.it';
const ATTESTOR_NAME = 'Asseverazioni Tecniche S.r.l. (demo)';
const GENOVA = 'Comune di Genova (demo)';

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

async function newPage(options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  return { page, context };
}

async function signIn(page, email) {
  await page.goto(app.base + '/login');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL(/\/profilo$/);
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

// Calls the JSON API from the signed-in page, with the session's CSRF token.
async function api(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const headers = { 'x-csrf-token': me.csrf_token, 'content-type': 'application/json' };
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, { method, path, body });
}

// Uploads a small PDF from the signed-in page; its id.
async function upload(page, name) {
  return page.evaluate(async (name) => {
    const me = await (await fetch('/api/v1/me')).json();
    const body = new FormData();
    body.append('file', new Blob([`%PDF-1.7\n% ${name}\n%%EOF\n`], { type: 'application/pdf' }), `${name}.pdf`);
    const res = await fetch('/api/v1/files', { method: 'POST', headers: { 'x-csrf-token': me.csrf_token }, body });
    return (await res.json()).id;
  }, name);
}

// Answers that complete the form of a service landing on `destination`.
function completeAnswers(destination, day, file, position) {
  const answers = {
    data_class_proof: file, accessibility: 'private', private_addresses: ['10.0.0.1'], in_production: true,
    origin_description: 'Sala CED', origin_decommissioned: true, decommissioned_on: day,
  };
  if (destination === 'iaas') {
    Object.assign(answers, {
      report_issuer: 'Nuvola', report_from: addDays(day, -14), report_to: day, cpu_vcpu: 4, ram_gb: 16,
      storage_gb: 200, connectivity: '1 Gbit/s', report_ente: 'c_d969', report_document: file,
      public_ips: ['80.211.1.1'],
      software: [{ name: 'Anagrafe', producer: 'Acme', description: 'Anagrafe', relevance: 'principale' }],
      system_ids: [`vm-${position}`],
    });
  } else {
    Object.assign(answers, { verification_mode: 'videocall', verification_contact: 'Ufficio CED',
      verification_available_from: day });
  }
  return answers;
}

test("Genova's project is completed with every compliance form submitted (through the API)", async () => {
  const { page: office, context: officeContext } = await newPage();
  const { page: rtd, context } = await newPage();
  try {
    await signIn(office, OFFICE);
    const supplier = await api(office, 'POST', '/api/v1/suppliers',
      { vat_number: '01114601006', name: 'Migra S.r.l.', pec: 'gare@pec.migra.it', mepa_enabled: true });
    assert.equal(supplier.status, 200, JSON.stringify(supplier.body));

    await signIn(rtd, GENOVA_RTD);
    const enti = await api(rtd, 'GET', '/api/v1/enti');
    const applications = await api(rtd, 'GET', `/api/v1/enti/${enti.body.items[0].id}/applications`);
    project.id = applications.body.items[0].id;
    const uri = `/api/v1/call-applications/${project.id}`;
    const day = today();
    assert.equal((await api(rtd, 'PUT', `${uri}/cup`, { cup: 'J11C22000290006' })).status, 200);
    assert.equal((await api(rtd, 'POST', `${uri}/contract`, {})).status, 200);
    const signed = await upload(rtd, 'contratto');
    const contract = await api(rtd, 'POST', `${uri}/contracts`, { supplier_id: supplier.body.id, signed_on: day,
      object: 'Migrazione', amount_cents: 100, document: signed, dnsh: signed });
    assert.equal(contract.status, 201, JSON.stringify(contract.body));
    const found = await api(rtd, 'GET', `${uri}/services/1/destinations`);
    const listing = found.body.admissible[0].listing_id;
    const file = await upload(rtd, 'documento');
    const services = (await api(rtd, 'GET', uri)).body.services.length;
    for (let position = 1; position <= services; position++) {
      const form = `${uri}/services/${position}/form`;
      const { destination } = (await api(rtd, 'GET', form)).body;
      assert.equal((await api(rtd, 'POST', `${uri}/services/${position}/migrated`, {})).status, 200);
      const submitted = await api(rtd, 'POST', `${form}/submit`, { contract_id: contract.body.id, listing_id: listing,
        answers: completeAnswers(destination, day, file, position) });
      assert.equal(submitted.status, 200, `service ${position}: ${JSON.stringify(submitted.body)}`);
    }
    const completed = await api(rtd, 'POST', `${uri}/complete`, {});
    assert.equal(completed.body.state, 'completed', JSON.stringify(completed.body));
    project.services = services;
  } finally {
    await context.close();
    await officeContext.close();
  }
});

test('the office assigns the completed project to the demo attestor on its page', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    await signIn(page, OFFICE);
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
    await signIn(page, ATTESTOR);
    found.push(...(await violations(page, '/asseveratore')));
    found.push(...(await violations(page, `/asseveratore/progetti/${project.id}`)));
    await page.click('form[action="/logout"] button');
    await page.waitForURL(app.base + '/');
    await signIn(page, OFFICE);
    found.push(...(await violations(page, '/programma/ufficio/asseverazioni')));
    assert.deepEqual(found, []);
  } finally {
    await context.close();
  }
});

test('the attestor gives a verdict on every item, records a positive outcome and downloads the report', async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    await signIn(page, ATTESTOR);
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
    assert.match(await text(page, '.alert-danger'), new RegExp(`${items} items have no verdict yet`));
    assert.equal(await page.getAttribute('#project-state', 'data-state'), 'completed');

    // A failure needs its note; then the project's checks and the first
    // service's sections pass through their forms, one at a time, and the
    // other services' through the API (the same workflow, and a shorter test).
    const first = 'div.verdict[data-item="0-contract"]';
    await page.selectOption(`${first} select`, 'fail');
    const bare = await submit(page, `${first} button`);
    assert.equal(bare.status(), 422);
    assert.match(await text(page, '.alert-danger'), /needs a note/);
    const byPage = await page.locator('div.verdict[data-item^="0-"], div.verdict[data-item^="1-"]').count();
    for (let done = 1; done <= byPage; done++) {
      const block = page.locator('div.verdict:has(em[data-verdict=""])').first();
      assert.match(await block.getAttribute('data-item'), /^[01]-/);
      await block.locator('select').selectOption('pass');
      await Promise.all([page.waitForNavigation(), block.locator('button').click()]);
      assert.equal(await text(page, '#tally-decided'), `${done}/${items}`);
    }
    const me = await (await page.request.get(`${app.base}/api/v1/me`)).json();
    const uri = `${app.base}/api/v1/call-applications/${project.id}/verification/verdicts`;
    for (const item of await page.$$eval('div.verdict:has(em[data-verdict=""])', (ds) => ds.map((d) => d.dataset.item))) {
      const [position, ...rest] = item.split('-');
      const data = { position: Number(position), item: rest.join('-'), verdict: 'pass', note: 'verificato' };
      const given = await page.request.put(uri, { headers: { 'x-csrf-token': me.csrf_token }, data });
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
    const pdf = await page.request.get(app.base + report);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  } finally {
    await context.close();
  }
});

test('the ente sends its CRE and payment request on its page; the office checks them and pays', async () => {
  const pdf = (name) => ({ name: `${name}.pdf`, mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.7\n% ${name}\n%%EOF\n`) });
  const { page: rtd, context } = await newPage();
  const { page: office, context: officeContext } = await newPage();
  try {
    await signIn(office, OFFICE);
    await office.goto(`${app.base}/candidature/${project.id}`);
    assert.equal(await office.locator('button#pay').count(), 0, 'no payment before the ente\'s request');
    assert.ok(await office.locator('p#payment-waiting').isVisible());

    await signIn(rtd, GENOVA_RTD);
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
