// The adeguamento of an infrastructure in a real browser: the operator
// registers a data centre and declares it AI1 (plain forms, no script), is
// stopped while a mandatory requirement is not declared met, completes and
// sends it; the agency finds it in its queue, takes it into review and
// accepts it; the public page of the data centre then says since when.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.mjs';
import { signIn, startCloudpa } from './server.mjs';

let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

test('an operator declares its data centre AI1 and the agency accepts it through the pages', async () => {
  const found = [];
  const context = await app.browser.newContext();
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  await signIn(app, page, 'admin@nuvola.demo.cloudpa.it');
  await page.goto(app.base + '/fornitore');
  await page.click('summary:has-text("infrastruttura")');
  await page.fill('#infra_name', 'DC Tirreno Sud');
  await page.fill('#sites', 'Salerno');
  await page.click('form[action="/fornitore/infrastrutture"] button[type="submit"]');
  await page.waitForURL(app.base + '/fornitore');
  await page.click('ul#infrastructures li:has-text("DC Tirreno Sud") a:has-text("Adeguamento")');
  await page.waitForURL(/\/infrastrutture\/.+\/adeguamento$/);
  const url = page.url();
  const id = url.split('/').at(-2);
  assert.equal((await page.textContent('#infra-status')).trim(), 'Nessuna dichiarazione accettata');
  found.push(...(await axeViolations(page)));

  // Two of the three mandatory AI1 requirements declared met: saved, but not sent.
  await page.selectOption('#level', 'AI1');
  await page.click('label[for="conforms-AI-DICHIARAZIONE"]');
  await page.fill('#note-AI-DICHIARAZIONE', 'Firmata dal legale rappresentante');
  await page.click('label[for="conforms-AI-LIVELLI-MINIMI"]');
  await page.click('#declaration-form button[type="submit"]');
  await page.waitForURL(url);
  assert.equal(await page.getAttribute('#current', 'data-state'), 'draft');
  await page.click('#step-submit button');
  assert.match(await page.textContent('.alert-danger'), /AI-PERIMETRO/);
  found.push(...(await axeViolations(page)));

  await page.click('label[for="conforms-AI-PERIMETRO"]');
  await page.click('#declaration-form button[type="submit"]');
  await page.waitForURL(url);
  await page.click('#step-submit button');
  await page.waitForURL(url);
  assert.equal(await page.getAttribute('#current', 'data-state'), 'submitted');
  assert.equal(await page.locator('#declaration-form').count(), 0, 'nothing to change while it is with the agency');
  await context.close();

  const agencyContext = await app.browser.newContext();
  agencyContext.setDefaultTimeout(20000);
  const agency = await agencyContext.newPage();
  await signIn(app, agency, 'revisore@acn.demo.cloudpa.it');
  await agency.click('a.nav-link:has-text("Infrastrutture")');
  await agency.waitForURL(app.base + '/agenzia/infrastrutture');
  found.push(...(await axeViolations(agency)));
  await agency.click('#declaration-queue a:has-text("DC Tirreno Sud")');
  await agency.waitForURL(url);
  assert.equal(await agency.locator('#answers tr[data-conforms="true"]').count(), 3);
  await agency.click('#step-start_review button');
  await agency.waitForURL(url);
  await agency.fill('#motivation-accept', 'Dichiarazione AI1 completa e firmata');
  await agency.click('#step-accept button');
  await agency.waitForURL(url);
  assert.equal((await agency.textContent('#infra-status')).trim(), 'Conforme (dichiarazione accettata) · AI1');
  assert.match(await agency.textContent('#decisions'), /Accettazione[\s\S]*Dichiarazione AI1 completa e firmata/);
  found.push(...(await axeViolations(agency)));
  await agencyContext.close();

  const visitor = await app.browser.newPage();
  await visitor.goto(app.base + `/infrastrutture/${id}`);
  assert.match(await visitor.textContent('#infrastructure-adeguamento'), /Conforme \(dichiarazione accettata\) dal .+ \(livello AI1\)/);
  found.push(...(await axeViolations(visitor)));
  await visitor.close();
  assert.deepEqual(found, []);
});
