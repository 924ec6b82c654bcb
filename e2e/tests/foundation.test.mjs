// The foundation pages in a real browser: page model, language, sign-in,
// CSRF-protected forms, the voucher calculator, and no third-party request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, startCloudpa } from './server.mjs';

let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

async function newPage() {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app.base)) foreign.push(r.url());
  });
  return { page, context, foreign };
}

test('home page follows the Designers Italia model, in Italian, with no third-party request', async () => {
  const { page, context, foreign } = await newPage();
  await page.goto(app.base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'it');
  assert.ok(await page.isVisible('.it-header-slim-wrapper'));
  assert.ok(await page.isVisible('footer.it-footer'));
  for (const href of ['/catalogo', '/programma', '/login', '/dichiarazione-accessibilita', '/privacy', '/note-legali']) {
    assert.ok(await page.locator(`a[href="${href}"]`).count() > 0, `link to ${href}`);
  }
  const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(fontFamily, /Titillium/, 'Bootstrap Italia stylesheet applied');
  await page.screenshot({ path: 'screenshots/home.png', fullPage: true });
  assert.deepEqual(foreign, []);
  await context.close();
});

test('from the home page, without JavaScript: a Comune by its name, the catalogue, the voucher', async () => {
  const context = await app.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(app.base + '/');
  assert.match(await page.textContent('#figure-applications'), /^[\d.]+$/);
  await page.fill('#home-comune', 'acquaviva collecroce');
  await page.click('form[action="/enti"] button[type="submit"]');
  await page.waitForURL(app.base + '/enti/c_a050');
  assert.ok((await page.textContent('h1')).includes('Acquaviva Collecroce'));
  await page.goto(app.base + '/');
  await page.fill('#home-comune', 'acquaviva');
  await page.click('form[action="/enti"] button[type="submit"]');
  await page.click('table#comuni a[href^="/programma?population="]');
  assert.match(await page.inputValue('#population'), /^\d+$/);
  await page.goto(app.base + '/');
  await page.fill('#home-q', 'backup');
  await page.click('form[action="/catalogo"] button[type="submit"]');
  await page.waitForURL(app.base + '/catalogo?q=backup');
  await page.goto(app.base + '/');
  await page.fill('#home-population', '586180');
  await page.fill('#home-rehost', '18');
  await page.fill('#home-upgrade', '3');
  await page.click('form[action="/programma#voucher-title"] button[type="submit"]');
  assert.ok((await page.textContent('#voucher-result')).includes('4.566.860,00'));
  await context.close();
});

test('English is available and remembered', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/');
  await page.click('a[hreflang="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.goto(app.base + '/catalogo');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await page.textContent('h1')).includes('Catalogue'));
  await context.close();
});

test('voucher calculator works without JavaScript', async () => {
  const context = await app.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(app.base + '/programma');
  await page.fill('#population', '586180');
  await page.fill('#rehost', '18');
  await page.fill('#upgrade', '3');
  await page.click('button:has-text("Calcola")');
  assert.ok((await page.textContent('#voucher-result')).includes('4.566.860,00 €'));
  await context.close();
});

test('an administrator signs in, adds a user, and signs out', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/organizzazione/utenti');
  assert.ok(page.url().includes('/login?next='), 'sign-in required');
  await page.fill('#email', 'rtd@genova.demo.cloudpa.it');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL(app.base + '/organizzazione/utenti');
  assert.ok((await page.textContent('main')).includes('Comune di Genova (demo)'));

  await page.fill('#display_name', 'Ufficio Tributi');
  await page.fill('#email', 'tributi@genova.demo.cloudpa.it');
  await page.fill('form[action="/organizzazione/utenti"] #password', 'password-del-tributi');
  await page.selectOption('#role', 'operator');
  await page.click('form[action="/organizzazione/utenti"] button[type="submit"]');
  await page.waitForURL(/created=1/);
  assert.ok(await page.isVisible('text=Utente creato.'));
  assert.ok((await page.textContent('table')).includes('tributi@genova.demo.cloudpa.it'));

  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');
  assert.ok(await page.isVisible('a[href="/login"]'));
  await context.close();
});

test('a forged cross-site form is refused', async () => {
  const { page, context } = await newPage();
  await page.goto(app.base + '/login');
  const status = await page.evaluate(async (password) => {
    const res = await fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf_token=forged&email=rtd%40genova.demo.cloudpa.it&password=${password}`,
    });
    return res.status;
  }, DEMO_PASSWORD);
  assert.equal(status, 403);
  await context.close();
});
