// The programme office's calls pages in a real browser (they need no script):
// the office's administrator reaches the calls from the office's page,
// creates a call through the form, sees it listed, sets a second window and
// loads the list of services; axe finds no WCAG 2.1 AA violation on the list,
// the new-call form and the edit page, nor on the edit page showing a refusal.
// (ManageCalls is the office's administrators': the office's operator,
// misura12@, is refused the pages.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn, startCloudpa } from './server.mjs';

const OFFICE_ADMIN = 'admin@dtd.demo.cloudpa.it';
const OFFICE = 'misura12@dtd.demo.cloudpa.it';
const TITLE = '1.2 Abilitazione al Cloud - Comuni - prova del browser';
const ID = '1-2-abilitazione-al-cloud-comuni-prova-del-browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

// Clicks a submit button and waits for the page the form leads to.
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

// The WCAG 2.1 A and AA violations axe finds on the page shown.
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const path = new URL(page.url()).pathname;
  return result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

// The labels that land on a heading, a paragraph or a control they do not
// belong to (as programme.test.mjs checks the programme's forms).
async function coveredByLabels(page) {
  return page.evaluate(() => {
    const shown = (e) => {
      const b = e.getBoundingClientRect();
      return b.width > 0 && b.height > 0 && !e.closest('.visually-hidden');
    };
    const labels = [...document.querySelectorAll('main label')].filter(shown);
    const others = [...document.querySelectorAll('main h1, main h2, main legend, main p, main li, main button, main input, main select')]
      .filter(shown);
    const found = [];
    for (const l of labels) {
      const a = l.getBoundingClientRect();
      for (const e of others) {
        if (e.contains(l) || l.contains(e) || e.id === l.htmlFor) continue;
        const b = e.getBoundingClientRect();
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) {
          found.push(`label "${l.textContent.trim()}" covers <${e.tagName.toLowerCase()}> "${e.textContent.trim().slice(0, 40)}"`);
        }
      }
    }
    return found;
  });
}

// What axe and the layout check find on the page shown.
async function faults(page) {
  return [...(await violations(page)), ...(await coveredByLabels(page))];
}

test('the office creates a call through the form and sees it listed; the pages meet WCAG 2.1 AA', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, OFFICE_ADMIN);
  const found = [];

  await page.goto(app.base + '/programma/ufficio');
  await Promise.all([page.waitForNavigation(), page.click('a#office-calls')]);
  assert.equal(new URL(page.url()).pathname, '/programma/ufficio/avvisi');
  assert.ok(await page.isVisible('table#calls'));
  found.push(...(await faults(page)));

  await Promise.all([page.waitForNavigation(), page.click('a#new-call')]);
  found.push(...(await faults(page)));
  await page.fill('#field-title', TITLE);
  await page.fill('#field-measure', '1.2 Abilitazione e facilitazione migrazione al Cloud');
  await page.fill('#field-opens_on', '2030-12-01');
  await page.fill('#field-closes_on', '2031-01-31');
  await page.selectOption('#field-status', 'APERTO');
  await page.fill('#field-budget', '10000000,00');
  await page.fill('#field-measure_budget', '987000000');
  await page.fill('#field-targets', 'Comuni');
  const created = await submit(page, '#save-call');
  assert.equal(created.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/programma/ufficio/avvisi/${ID}`);
  assert.ok(await page.isVisible('#saved'));
  found.push(...(await faults(page)));

  await page.fill('#field-windows-0-closes_on', '2030-12-30');
  await page.fill('#field-windows-1-opens_on', '2030-12-15');
  await page.fill('#field-windows-1-closes_on', '2031-01-31');
  const refused = await submit(page, '#save-settings');
  assert.equal(refused.status(), 422);
  assert.match(await page.textContent('#why-field-windows-1-opens_on'), /la finestra 2 apre/);
  assert.equal(await page.inputValue('#field-windows-1-opens_on'), '2030-12-15', 'the value typed is kept');
  found.push(...(await faults(page)));
  await page.fill('#field-windows-1-opens_on', '2031-01-10');
  assert.equal((await submit(page, '#save-settings')).status(), 200);
  assert.match(await page.textContent('#saved'), /Finestre e scadenze salvate/);

  await page.fill('#field-list', 'codice,servizio\nT1,Tributi minori\nT2,Canoni\n');
  assert.equal((await submit(page, '#load-services')).status(), 200);
  assert.match(await page.textContent('#list-state'), /versione 1 .* 2 servizi/);

  await page.goto(app.base + '/programma/ufficio/avvisi');
  const row = page.locator(`tr[data-call="${ID}"]`);
  assert.match(await row.textContent(), /01\/12\/2030 – 30\/12\/2030/);
  assert.match(await row.textContent(), /10\/01\/2031 – 31\/01\/2031/);
  assert.match(await row.textContent(), /10\.000\.000,00 €/);
  const listed = await (await fetch(`${app.base}/api/v1/calls`)).json();
  assert.ok(listed.items.some((c) => c.id === ID && c.title === TITLE), 'in the public list of calls');

  assert.deepEqual(found, []);
  await context.close();
});

test('the office\'s operator is refused the calls pages', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, OFFICE);
  const answer = await page.goto(app.base + '/programma/ufficio/avvisi');
  assert.equal(answer.status(), 403);
  await page.goto(app.base + '/programma/ufficio');
  assert.equal(await page.locator('a#office-calls').count(), 0);
  await context.close();
});
