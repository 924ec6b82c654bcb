// WCAG 2.1 A and AA checks with axe-core on the pages a visitor, a provider
// and a reviewer reach (DOMAIN.md §7: WCAG 2.1 AA).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn, startCloudpa } from './server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

async function violations(page, path) {
  await page.goto(app.base + path);
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

test('public pages meet WCAG 2.1 AA', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const found = [];
  for (const path of ['/', '/catalogo', '/programma', '/programma?population=586180&rehost=18&upgrade=3',
    '/enti', '/enti?nome=acquaviva', '/enti?nome=Atlantide', '/qualita-dati',
    '/login', '/dichiarazione-accessibilita', '/privacy', '/note-legali', '/no-such-page']) {
    found.push(...(await violations(page, path)));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('the programme dashboard at every level and an ente page meet WCAG 2.1 AA', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const found = [];
  found.push(...(await violations(page, '/programma/cruscotto')));
  const region = await page.getAttribute('table#groups tbody th a', 'href');
  assert.match(region, /^\/programma\/cruscotto\?regione=/);
  found.push(...(await violations(page, region)));
  const province = await page.getAttribute('table#groups tbody th a', 'href');
  assert.match(province, /[?&]provincia=/);
  found.push(...(await violations(page, province)));
  const ente = await page.getAttribute('table#groups tbody th a', 'href');
  assert.match(ente, /^\/enti\//);
  found.push(...(await violations(page, ente)));
  assert.deepEqual(found, []);
  await context.close();
});

test('the catalogue search, its results and the pages it leads to meet WCAG 2.1 AA', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const found = [];
  for (const path of ['/catalogo', '/catalogo?q=migrazioni&type=SaaS&level=QC2', '/catalogo?regime=AgID-2018', '/catalogo?as_of=2020-06-30',
    '/catalogo?as_of=non-una-data', '/catalogo/novita', '/catalogo/novita?dal=2000-01-01&al=2000-12-31']) {
    found.push(...(await violations(page, path)));
  }
  await page.goto(app.base + '/catalogo');
  const listing = await page.getAttribute('#results h3 a', 'href');
  const provider = await page.getAttribute('#results a[href^="/fornitori/"]', 'href');
  found.push(...(await violations(page, listing)));
  found.push(...(await violations(page, provider)));
  const infrastructure = await page.getAttribute('#infrastructures a', 'href');
  found.push(...(await violations(page, infrastructure)));
  assert.deepEqual(found, []);
  await context.close();
});

test('the provider area and the review workspace meet WCAG 2.1 AA', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const found = [];
  await signIn(app, page, 'admin@nuvola.demo.cloudpa.it');
  found.push(...(await violations(page, '/fornitore')));
  const application = await page.getAttribute('#applications a', 'href');
  found.push(...(await violations(page, application)));
  const record = await page.goto(app.base + '/fornitore').then(() => page.getAttribute('#listings a', 'href'));
  found.push(...(await violations(page, record)));
  found.push(...(await violations(page, '/posta')));
  found.push(...(await violations(page, '/organizzazione/utenti')));
  await page.goto(app.base + '/organizzazione/token');
  await page.fill('#name', 'Gestionale listini');
  await page.click('label.form-check-label:text-is("listings:write")');
  await page.click('form[action="/organizzazione/token"] button[type="submit"]');
  const secret = await page.textContent('#token-secret');
  assert.match(secret, /^cpa_/, 'the new token is shown once');
  const answer = await page.request.get(app.base + '/api/v1/provider/listings', { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(answer.status(), 200, 'the token opens the API');
  found.push(...(await violations(page, '/organizzazione/token')));
  await page.click('form[action="/logout"] button');
  await signIn(app, page, 'revisore@acn.demo.cloudpa.it');
  found.push(...(await violations(page, '/agenzia/coda')));
  const review = await page.getAttribute('#queue a', 'href');
  found.push(...(await violations(page, review)));
  assert.deepEqual(found, []);
  await context.close();
});

test("the programme's ente area, application pages, office queue and teams meet WCAG 2.1 AA", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const found = [];
  // The ente: its area and its financed application (CUP countdown and form,
  // deadlines, voucher, services, contract form).
  await signIn(app, page, 'rtd@genova.demo.cloudpa.it');
  found.push(...(await violations(page, '/ente')));
  const genova = await page.getAttribute('table#applications tbody a', 'href');
  assert.match(genova, /^\/candidature\//);
  found.push(...(await violations(page, genova)));
  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');

  // An aggregator: its area with the ente switch, the area of the Comune it
  // acts for, and a draft opened there (the services form and its problems).
  await signIn(app, page, 'ict@unionevalli.demo.cloudpa.it');
  found.push(...(await violations(page, '/ente')));
  const masone = await page.$eval('select#ente-switch', (s) =>
    [...s.options].find((o) => o.textContent.includes('per delega'))?.value);
  assert.ok(masone, 'the switch lists an ente by delegation');
  found.push(...(await violations(page, `/ente?ente=${masone}`)));
  await page.click('summary:has-text("Aggiungi un servizio")');
  await page.fill('#service-name', 'Protocollo informatico');
  await page.selectOption('#service-class', 'ordinari');
  await page.selectOption('#service-origin', { label: 'On premise strutturato' });
  await Promise.all([page.waitForNavigation(), page.click('#add-service')]);
  assert.equal(page.url(), `${app.base}/ente?ente=${masone}`, 'back to the area of the ente acted for');
  await page.click('#open-application');
  await page.waitForURL(/\/candidature\/[^/]+$/);
  const draft = new URL(page.url()).pathname;
  found.push(...(await violations(page, draft)));
  await page.check('#pick_0');
  await page.selectOption('#code_0', { index: 1 });
  await Promise.all([page.waitForNavigation(), page.click('#save-services')]);
  assert.equal(await page.locator('div#problems').count(), 1, 'one service is too few: the problems are listed');
  found.push(...(await violations(page, draft)));
  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');

  // The programme office: the queue by state, the worklist, an application.
  await signIn(app, page, 'misura12@dtd.demo.cloudpa.it');
  found.push(...(await violations(page, '/programma/ufficio')));
  found.push(...(await violations(page, '/programma/ufficio?stato=financed')));
  found.push(...(await violations(page, '/team')));
  found.push(...(await violations(page, genova)));
  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');

  // The office's administrator: the team members and the assign form.
  await signIn(app, page, 'admin@dtd.demo.cloudpa.it');
  found.push(...(await violations(page, '/team')));
  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');

  // The public page of an ente with a financed project's services.
  found.push(...(await violations(page, '/enti/c_d969')));
  assert.deepEqual(found, []);
  await context.close();
});
