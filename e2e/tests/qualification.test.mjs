// The qualification workspaces in a real browser: a provider registers an
// IaaS, answers the QC1 form (uploading certificates), is stopped by the
// triage, completes and submits; a reviewer takes it on and qualifies it; the
// public record shows it qualified, with its certificate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startCloudpa } from './server.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

test('a provider is qualified through the pages', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, 'admin@nuvola.demo.cloudpa.it');

  await page.goto(app.base + '/fornitore');
  await page.click('summary:has-text("Registra un servizio")');
  await page.fill('#name', 'Archivio Tirreno');
  await page.fill('#description', 'Macchine virtuali in data center italiani');
  await page.fill('#category', 'Calcolo');
  await page.selectOption('#kind', 'IaaS');
  await page.selectOption('#level', 'QC1');
  await page.fill('#pricing_model', 'A consumo');
  await page.click('form[action="/fornitore/servizi"] button[type="submit"]');
  await page.waitForURL(app.base + '/fornitore');
  assert.ok((await page.textContent('#listings')).includes('Archivio Tirreno'));

  await page.click('#listings tr:has-text("Archivio Tirreno") form[action="/fornitore/domande"] button');
  await page.waitForURL(/\/fornitore\/domande\//);
  const applicationUrl = page.url();
  assert.equal(await page.textContent('#state'), 'draft');

  await page.click('#submit-application');
  const refused = await page.textContent('.alert-danger');
  assert.match(refused, /CERT-9001: requisito obbligatorio senza risposta/, 'the triage names what is missing, in Italian');

  for (const id of ['CERT-9001', 'CERT-27001']) {
    await page.fill(`#exp-${id}`, '2030-12-31');
    await page.setInputFiles(`#file-${id}`, { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await page.click(`#req-${id} button[type="submit"]`);
    await page.waitForURL(applicationUrl);
  }
  for (const id of ['ENTE-CERTIFICATORE', 'CHIAVI-SU-RICHIESTA']) {
    await page.click(`label[for="yes-${id}"]`);
    await page.click(`#req-${id} button[type="submit"]`);
    await page.waitForURL(applicationUrl);
  }
  for (const id of ['LOC-DATI-UE', 'LOC-METADATI']) {
    await page.fill(`#val-${id}`, 'it, de');
    await page.click(`#req-${id} button[type="submit"]`);
    await page.waitForURL(applicationUrl);
  }
  assert.ok((await page.textContent('#req-CERT-9001')).includes('Certificato valido fino al 31/12/2030'));
  await page.click('#submit-application');
  await page.waitForURL(applicationUrl);
  assert.equal(await page.textContent('#state'), 'submitted');
  await page.goto(app.base + '/fornitore');
  const listingLink = await page.getAttribute('#listings a:has-text("Archivio Tirreno")', 'href');
  await page.click('form[action="/logout"] button');

  await signIn(app, page, 'revisore@acn.demo.cloudpa.it');
  await page.goto(app.base + '/agenzia/coda');
  assert.ok((await page.textContent('#queue')).includes('Protocollo Appennino (demo)'), 'the demo application waits too');
  await page.click('#queue tr:has-text("Archivio Tirreno") a:has-text("Istruttoria")');
  await page.click('#take-on');
  await page.waitForSelector('#qualify');
  assert.equal(await page.textContent('#state'), 'in_review');
  await page.fill('#motivation', 'Certificazioni ISO 9001 e ISO/IEC 27001 verificate.');
  await page.click('#qualify');
  await page.waitForSelector('text=qualified');
  assert.equal(await page.textContent('#state'), 'qualified');

  await page.goto(app.base + listingLink);
  assert.equal(await page.textContent('#listing-status'), 'Qualificato');
  const certificate = await page.getAttribute('#history a[href$="certificate.pdf"]', 'href');
  const pdf = await page.request.get(app.base + certificate);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');
  await page.screenshot({ path: 'screenshots/qualification.png', fullPage: true });
  await context.close();
});

test('a provider declares the level of a data centre, and its public page shows what the level admits', async () => {
  const context = await app.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(app, page, 'admin@nuvola.demo.cloudpa.it');
  await page.goto(app.base + '/fornitore');
  await page.click('summary:has-text("infrastruttura")');
  await page.fill('#infra_name', 'DC Tirreno');
  await page.fill('#sites', 'Livorno');
  await page.selectOption('#infra_level', 'AI1');
  await page.click('form[action="/fornitore/infrastrutture"] button[type="submit"]');
  await page.waitForURL(app.base + '/fornitore');
  const item = page.locator('ul#infrastructures li', { hasText: 'DC Tirreno' });
  assert.equal(await item.locator('[data-level]').getAttribute('data-level'), 'AI1');

  // The demo data centre (AI3) is public: its page gives its level and the classes it admits.
  const listings = await (await page.request.get(app.base + '/api/v1/listings?page_size=100')).json();
  const on = listings.items.find((i) => i.runs_on && i.runs_on.kind === 'infrastructure');
  const infra = on ? on.runs_on.id : null;
  assert.ok(infra, 'a listed service runs on an infrastructure');
  await page.goto(app.base + `/infrastrutture/${infra}`);
  const level = (await page.textContent('#infrastructure-level')).trim();
  assert.match(level, /^(AI[1-4] · Classi di dati ammesse dal livello: .+|Non dichiarato)$/, level);
  await context.close();
});
