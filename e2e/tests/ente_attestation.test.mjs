// The ente's asseverazione in a real browser: Genova's RTD takes the
// financed project to "contracted", records a supplier contract with a real
// PDF on the hub, then fills the compliance form of its first service —
// destination from the finder, the report's period, the public addresses —
// watching the pre-checks follow what it types (a private address is
// flagged under its field, and the flag goes when it is corrected), saves
// and submits. The hub and the form meet WCAG 2.1 AA (axe-core).
//
// The tests share one `serve --demo` and run in file order: the second
// continues from the contract the first recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn, startCloudpa } from './server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const GENOVA_RTD = 'rtd@genova.demo.cloudpa.it';
const OFFICE = 'misura12@dtd.demo.cloudpa.it';
const GENOVA_IPA = 'c_d969';

let app;
// What the first test leaves for the second: the project's pages.
const genova = {};

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

async function text(page, selector) {
  return (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
}

async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const path = new URL(page.url()).pathname;
  return result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

// A one-page PDF 1.4 with its cross-reference table: a real document, not
// just the magic bytes.
function pdf(title) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 770 Td (${title}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name: `${title.toLowerCase().replace(/\W+/g, '-')}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('the ente records a contract with its signed PDF on the hub', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  try {
    // The office puts the supplier in the directory (through the API, as
    // its own pages do not keep the directory).
    await signIn(app, page, OFFICE);
    const added = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      const response = await fetch('/api/v1/suppliers', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ vat_number: '01114601006', name: 'Migra S.r.l.', pec: 'gare@pec.migra.it', mepa_enabled: true }),
      });
      return response.ok;
    });
    assert.ok(added, 'the supplier is in the directory');
    await context.clearCookies();

    // Genova's financed project: CUP, then the contract activated and the
    // first service marked migrated.
    await signIn(app, page, GENOVA_RTD);
    await page.goto(app.base + '/ente');
    const link = page.locator('table#applications tbody a').first();
    genova.project = await link.getAttribute('href');
    await page.goto(app.base + genova.project);
    await page.fill('input#cup-input', 'J11C22000290006');
    await submit(page, 'form[action$="/ente/cup"] button[type="submit"]');
    await submit(page, 'button#activate-contract');
    assert.equal(await page.getAttribute('span#application-state', 'data-state'), 'contracted');
    await submit(page, 'table#services button.migrate >> nth=0');

    // The hub: no contract yet.
    genova.hub = `${genova.project}/asseverazione`;
    await page.goto(app.base + genova.hub);
    assert.equal(await page.getAttribute('#project-state', 'data-state'), 'contracted');
    assert.equal(await page.locator('#no-contracts').count(), 1);
    assert.deepEqual(await violations(page), []);

    // The contract, with the signed PDF and the DNSH self-declaration.
    await page.click('#add-contract-details summary');
    await page.selectOption('#contract-supplier', { label: 'Migra S.r.l. (P. IVA 01114601006)' });
    await page.fill('#contract-date', today());
    await page.fill('#contract-object', 'Migrazione in cloud dei servizi comunali');
    await page.fill('#contract-amount', '1.234.567,89');
    await page.setInputFiles('#contract-document', pdf('Contratto firmato'));
    await page.setInputFiles('#contract-dnsh', pdf('Dichiarazione DNSH'));
    await submit(page, '#add-contract');
    assert.equal(new URL(page.url()).pathname, genova.hub, 'back to the hub');
    const row = (await text(page, 'table#contract-list tbody tr'));
    assert.ok(row.includes('Migrazione in cloud dei servizi comunali'), row);
    assert.ok(row.includes('Migra S.r.l.'), row);
    assert.ok(row.includes('1.234.567,89 €'), `the amount the Italian way: ${row}`);
    const file = await page.getAttribute('table#contract-list a:has-text("Contratto firmato")', 'href');
    const download = await page.request.get(app.base + file);
    assert.equal(download.status(), 200);
    assert.equal((await download.body()).subarray(0, 8).toString(), '%PDF-1.4', 'the signed PDF as uploaded');
    assert.deepEqual(await violations(page), []);
    genova.form = await page.getAttribute('table#service-list tbody tr[data-position="1"] a', 'href');
    assert.match(genova.form, /\/servizi\/1\/conformita$/);
  } finally {
    await context.close();
  }
});

test("a service's compliance form: live pre-checks, save, submit", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  try {
    assert.ok(genova.form, 'the first test reached the hub');
    await signIn(app, page, GENOVA_RTD);
    await page.goto(app.base + genova.form);
    assert.equal(await page.getAttribute('#form-state', 'data-state'), 'new');
    assert.deepEqual(await violations(page), []);

    // Contract and destination: the finder proposes the admissible listings.
    await page.selectOption('#field-contract_id', { index: 1 });
    const listings = await page.$$eval('#field-listing_id option', (os) => os.map((o) => o.value).filter((v) => v));
    assert.ok(listings.length > 0, 'the finder proposes a qualified IaaS');
    await page.selectOption('#field-listing_id', listings[0]);

    // A private address among the public ones: flagged under the field as
    // it is typed, in the live region of the checks too…
    const publicChecks = '#checks li[data-check="public_addresses"]';
    await page.fill('#field-public_ips', '10.0.0.1');
    await page.waitForFunction(() => document.querySelector('#why-public_ips')?.textContent.includes('10.0.0.1'));
    assert.equal(await page.getAttribute(publicChecks, 'data-outcome'), 'fail');
    assert.equal(await page.getAttribute('#field-public_ips', 'aria-describedby').then((d) => d.includes('why-public_ips')), true);
    assert.equal(await page.getAttribute('#checks-live', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#form-state', 'data-state'), 'draft', 'the draft is saved as it is typed');
    assert.deepEqual(await violations(page), [], 'with a failing check shown');
    // …and gone once corrected.
    await page.fill('#field-public_ips', '80.211.1.1');
    await page.waitForFunction(() => !document.querySelector('#why-public_ips').textContent.includes('10.0.0.1'));
    assert.equal(await page.getAttribute(publicChecks, 'data-outcome'), 'pass');

    // The rest of the form; items for public services stay hidden while
    // the service is private.
    const day = today();
    await page.fill('#field-report_issuer', 'Nuvola S.p.A.');
    await page.fill('#field-report_from', addDays(day, -20));
    await page.fill('#field-report_to', day);
    await page.fill('#field-cpu_vcpu', '8');
    await page.fill('#field-ram_gb', '32');
    await page.fill('#field-storage_gb', '500');
    await page.fill('#field-connectivity', '1 Gbit/s');
    await page.fill('#field-report_ente', `Comune di Genova (${GENOVA_IPA})`);
    const software = page.locator('#field-software tbody tr').first().locator('input');
    for (const [i, value] of ['Anagrafe', 'Acme S.r.l.', 'Anagrafe della popolazione', 'principale'].entries()) {
      await software.nth(i).fill(value);
    }
    await page.fill('#field-system_ids', 'vm-genova-anagrafe-01');
    await page.selectOption('#field-accessibility', 'private');
    await page.waitForFunction(() => document.querySelector('[data-item="public_url"]').hidden);
    assert.equal(await page.isVisible('#field-private_addresses'), true);
    await page.fill('#field-private_addresses', '10.20.0.15');
    await page.selectOption('#field-in_production', 'yes');
    await page.fill('#field-origin_description', 'Sala CED di Palazzo Tursi');
    await page.click('label[for="field-origin_decommissioned"]');
    assert.equal(await page.isChecked('#field-origin_decommissioned'), true);
    await page.fill('#field-decommissioned_on', day);
    for (const input of await page.locator('#compliance-form input[type="file"]:visible').all()) {
      await input.setInputFiles(pdf('Documento di migrazione'));
    }

    // Saved with a full post (the documents go with it).
    await submit(page, '#save-form');
    assert.equal(new URL(page.url()).pathname, genova.form);
    assert.equal(await page.getAttribute('#form-state', 'data-state'), 'draft');
    assert.equal(await page.getAttribute('#checks li[data-check="complete"]', 'data-outcome'), 'pass',
      await text(page, '#checks'));
    assert.equal(await page.getAttribute(publicChecks, 'data-outcome'), 'pass');
    assert.equal(await page.inputValue('#field-public_ips'), '80.211.1.1');
    assert.ok(await page.locator('#file-report_document').count(), 'the report uploaded is linked');

    // Submitted.
    await submit(page, '#submit-form');
    assert.equal(await page.getAttribute('#form-state', 'data-state'), 'submitted', await text(page, 'main'));
    assert.deepEqual(await violations(page), []);

    // The hub shows the form submitted, with its destination.
    await page.goto(app.base + genova.hub);
    const first = page.locator('table#service-list tbody tr[data-position="1"]');
    assert.equal(await first.locator('[data-form]').getAttribute('data-form'), 'submitted');
    assert.notEqual((await first.locator('td').nth(2).textContent()).trim(), '—', 'the destination listing is named');
  } finally {
    await context.close();
  }
});
