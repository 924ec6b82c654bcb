// Organisations onboarded from the pages (issue 15): the programme office's
// administrator looks a Comune up by its IPA code — the name comes from the
// official data — and registers it with its first administrator; the agency's
// administrator sees only providers among the kinds it may register; the
// register and the form meet WCAG 2.1 AA.
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

async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${page.url()}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

test('the programme office registers a Comune found by its IPA code', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, 'admin@dtd.demo.cloudpa.it');
  await page.click('a[href="/organizzazioni"]');
  await page.waitForURL(/\/organizzazioni$/);
  const found = await violations(page);
  await page.click('a[href="/organizzazioni/nuova"]');
  await page.fill('#ipa', 'C_A074');
  await page.click('form[action="/organizzazioni/nuova"] button[type="submit"]');
  await page.waitForURL(/ipa=C_A074/);
  assert.equal(await page.inputValue('#name'), 'Agliè', 'the name comes from the list of municipalities');
  assert.equal(await page.inputValue('#kind'), 'public_body');
  assert.match(await page.textContent('#lookup-result'), /Torino[\s\S]*Piemonte/);
  found.push(...(await violations(page)));

  await page.fill('#admin_display_name', 'Maria Verdi');
  await page.fill('#admin_email', 'rtd@comune.aglie.to.it');
  await page.fill('#admin_fiscal_code', 'RSSMRA80A01H501X');
  await page.click('form[action="/organizzazioni"] button[type="submit"]');
  assert.match(await page.textContent('#admin_fiscal_code-error'), /controllo/);
  assert.equal(await page.inputValue('#name'), 'Agliè', 'the values typed are kept');
  found.push(...(await violations(page)));

  await page.fill('#admin_fiscal_code', 'RSSMRA80A01H501U');
  await page.click('form[action="/organizzazioni"] button[type="submit"]');
  await page.waitForURL(/\/organizzazioni\?creata=/);
  assert.match(await page.textContent('.alert-success'), /Agliè/);
  await page.selectOption('#tipo', 'public_body');
  await page.click('form[action="/organizzazioni"] button[type="submit"]');
  assert.match(await page.textContent('table'), /c_a074/);
  assert.deepEqual(found, []);
  await context.close();
});

test('the agency registers only providers', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, 'admin@acn.demo.cloudpa.it');
  await page.goto(app.base + '/organizzazioni/nuova');
  const kinds = await page.$$eval('#kind option', (options) => options.map((o) => o.value));
  assert.deepEqual(kinds, ['provider']);
  assert.deepEqual(await violations(page), []);
  await context.close();
});
