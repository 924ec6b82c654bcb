// The qualification workspaces in a real browser: a provider registers an
// IaaS, answers the QC1 form (uploading certificates), is stopped by the
// triage, completes and submits; a reviewer takes it on and qualifies it; the
// public record shows it qualified, with its certificate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.mjs';
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

test('a lapsed certificate is renewed by the provider, and the agency checks and suspends through the pages', async () => {
  // Days counted from today in Rome, as the platform counts them (DOMAIN.md §7): between
  // midnight in Rome and midnight UTC, UTC's date is still yesterday's.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
  const day = (offset) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86400000).toISOString().slice(0, 10);
  const found = [];
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, 'admin@nuvola.demo.cloudpa.it');

  // The provider's list of what is due names the demo IaaS's unmet requirement.
  await page.goto(app.base + '/fornitore/monitoraggio');
  found.push(...(await axeViolations(page)));
  assert.match(await page.textContent('#due'), /Calcolo Appennino \(demo\)[\s\S]*Requisito non soddisfatto/);
  await page.click('#due a:has-text("Calcolo Appennino (demo)")');
  await page.waitForURL(/\/monitoraggio\/servizi\//);
  const serviceUrl = page.url();
  assert.equal(await page.locator('#requirements tr[data-met="false"]').count(), 1);
  assert.equal(await page.locator('#alerts tr[data-open="true"]').count(), 1);

  // It records the renewed ISO/IEC 20000-1: the requirement is met and the alert closes at once.
  await page.click('#certificate-add summary');
  await page.selectOption('#standard', 'ISO-IEC-20000-1');
  await page.fill('#issuer', 'Certificazioni Liguri S.r.l.');
  await page.fill('#accreditation', 'ACCREDIA');
  await page.fill('#number', 'IT-20000-2027');
  await page.fill('#valid_from', day(0));
  await page.fill('#valid_until', day(1095));
  await page.click('#certificate-form button[type="submit"]');
  await page.waitForURL(serviceUrl);
  assert.equal(await page.locator('#requirements tr[data-met="false"]').count(), 0);
  assert.equal(await page.locator('#alerts tr[data-open="true"]').count(), 0);
  assert.match(await page.textContent('#certificates'), /IT-20000-2027/);

  // A certificate that ends before it starts is refused, naming the field.
  await page.click('#certificate-add summary');
  await page.fill('#issuer', 'Certificazioni Liguri S.r.l.');
  await page.fill('#accreditation', 'ACCREDIA');
  await page.fill('#number', 'IT-BAD');
  await page.fill('#valid_from', day(10));
  await page.fill('#valid_until', day(5));
  await page.click('#certificate-form button[type="submit"]');
  assert.match(await page.textContent('.alert-danger'), /valid_until/);
  found.push(...(await axeViolations(page)));

  // It notifies a change, which waits for the agency's assessment.
  await page.goto(serviceUrl);
  await page.click('#change-notify summary');
  await page.selectOption('#change_kind', 'location');
  await page.fill('#summary', 'Secondo sito di disaster recovery a Torino');
  await page.fill('#effective_on', day(90));
  await page.click('#change-form button[type="submit"]');
  await page.waitForURL(serviceUrl);
  assert.match(await page.textContent('#changes'), /Secondo sito di disaster recovery a Torino[\s\S]*preavviso di 90 giorni/);
  await context.close();

  const agencyContext = await app.browser.newContext();
  const agency = await agencyContext.newPage();
  await signIn(app, agency, 'revisore@acn.demo.cloudpa.it');
  await agency.goto(app.base + '/agenzia/monitoraggio');
  found.push(...(await axeViolations(agency)));
  assert.match(await agency.textContent('#desk-changes'), /Secondo sito di disaster recovery a Torino/);
  await agency.goto(serviceUrl);
  found.push(...(await axeViolations(agency)));

  // The agency triages the change.
  const row = agency.locator('#changes tr:has-text("Torino")');
  await row.locator('summary').click();
  await row.locator('select[name="triage"]').selectOption('not_substantive');
  await row.locator('input[name="motivation"]').fill('Sito in Italia, stesso livello');
  await row.locator('button[type="submit"]').click();
  await agency.waitForURL(serviceUrl);
  assert.equal(await agency.locator('#changes tr[data-triage="not_substantive"]').count(), 1);

  // It opens an on-site check, then closes it not compliant, suspending the service.
  await agency.click('#check-open summary');
  await agency.selectOption('#check_kind', 'on_site');
  await agency.fill('#check_subject', 'Sopralluogo al sito di Torino');
  await agency.fill('#respond_by', day(20));
  await agency.click('#check-form button[type="submit"]');
  await agency.waitForURL(serviceUrl);
  const check = agency.locator('#checks tr:has-text("Sopralluogo al sito di Torino")');
  await check.locator('summary').click();
  await check.locator('select[name="outcome"]').selectOption('not_compliant');
  await check.locator('input[name="findings"]').fill('Controllo degli accessi fisici assente');
  await check.locator('input[name="suspend_until"]').fill(day(60));
  await check.locator('button[type="submit"]').click();
  await agency.waitForURL(serviceUrl);
  assert.equal(await agency.textContent('#service-status'), 'Sospeso');
  assert.equal(await agency.locator('#checks tr[data-outcome="not_compliant"]').count(), 1);
  found.push(...(await axeViolations(agency)));
  assert.deepEqual(found, []);
  await agencyContext.close();
});

test("a public body declares its own cloud service at an AC level, and the agency's queue receives it", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, 'rtd@genova.demo.cloudpa.it');
  await page.click('a.nav-link:has-text("Servizi cloud (adeguamento)")');
  await page.waitForURL(app.base + '/fornitore');
  assert.equal(await page.textContent('h1'), "Servizi cloud dell'amministrazione (adeguamento)");
  assert.deepEqual(await page.locator('#level option').allTextContents(), ['AC1', 'AC2', 'AC3', 'AC4']);
  await page.click('summary:has-text("Registra un servizio")');
  await page.fill('#name', 'Cloud comunale di Genova');
  await page.fill('#description', 'Macchine virtuali nel CED comunale');
  await page.fill('#category', 'Calcolo');
  await page.selectOption('#kind', 'IaaS');
  await page.selectOption('#level', 'AC2');
  await page.fill('#pricing_model', 'Convenzione tra enti');
  await page.click('form[action="/fornitore/servizi"] button[type="submit"]');
  await page.waitForURL(app.base + '/fornitore');
  await page.click('#listings tr:has-text("Cloud comunale di Genova") form[action="/fornitore/domande"] button');
  await page.waitForURL(/\/fornitore\/domande\//);
  assert.match(await page.textContent('main'), /adeguamento/);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
