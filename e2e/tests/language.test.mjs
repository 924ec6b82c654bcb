// Every page, as every role, speaks one language: an Italian page shows no
// English sentence and an English page no Italian one (issue 15). A crawl
// from each role's landing page follows the links of the site; the text of
// each page, without the records' own data (marked `lang`, or in tables and
// lists of records), is searched for words only the other language uses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startCloudpa } from './server.mjs';

let app;

before(async () => {
  app = await startCloudpa();
});

after(async () => {
  await app?.stop();
});

const ROLES = [
  null,
  'admin@acn.demo.cloudpa.it',
  'revisore@acn.demo.cloudpa.it',
  'admin@dtd.demo.cloudpa.it',
  'misura12@dtd.demo.cloudpa.it',
  'admin@nuvola.demo.cloudpa.it',
  'rtd@genova.demo.cloudpa.it',
  'ict@unionevalli.demo.cloudpa.it',
  'asseveratore@asseverazioni.demo.cloudpa.it',
];

// Function words of one language that the other never uses.
const MARKERS = {
  it: /\b(the|and|must|with|your|which|should|been|has|have|were|there|this|that|from|into|cannot|isn't|doesn't|please)\b/i,
  en: /\b(il|della|delle|degli|dello|che|sono|non|gli|dal|dalla|nel|nella|nelle|questo|questa|deve|devono|oppure|ancora|essere)\b/i,
};

// Links a crawl must not follow: signing out, downloads, the API, switching language.
const SKIP = /^\/(logout|api\/|static\/)|\.(csv|pdf|xlsx|json|xml|ttl|rdf|eml|svg|png)(\?|$)|[?&]lang=/;

const PAGES_PER_ROLE = 45;

// The page's own words: its text without the records' data.
function ownText() {
  const copy = document.body.cloneNode(true);
  const data = 'script, style, [lang]:not(html), [translate="no"], code, pre, td, dd, option, ' +
    'table tbody th, #results h3, h1, .breadcrumb-item.active, a[href^="/enti/"], a[href^="/fornitori/"], ' +
    'a[href^="/qualificazioni/"], a[href^="/candidature/"], a[href^="/catalogo/infrastrutture/"]';
  copy.querySelectorAll(data).forEach((e) => e.remove());
  return copy.innerText ?? copy.textContent;
}

async function crawl(context, lang, start) {
  const page = await context.newPage();
  const seen = new Set();
  const queue = [start];
  const found = [];
  while (queue.length && seen.size < PAGES_PER_ROLE) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await page.goto(app.base + path);
    if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    assert.equal(await page.getAttribute('html', 'lang'), lang, path);
    const text = await page.evaluate(ownText);
    for (const line of text.split('\n')) {
      const hit = line.match(MARKERS[lang]);
      if (hit) found.push(`${path}: «${hit[0]}» in «${line.trim().slice(0, 120)}»`);
    }
    const links = await page.$$eval('a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const link of links) {
      const path = link.split('#')[0];
      if (path && !SKIP.test(path) && !seen.has(path)) queue.push(path);
    }
  }
  await page.close();
  return { found, pages: seen.size };
}

for (const lang of ['it', 'en']) {
  test(`every page in ${lang === 'it' ? 'Italian' : 'English'}, as every role, has no word of the other language`, async () => {
    const found = [];
    let pages = 0;
    for (const email of ROLES) {
      const context = await app.browser.newContext();
      await context.addCookies([{ name: 'cloudpa_lang', value: lang, url: app.base }]);
      const page = await context.newPage();
      if (email) await signIn(app, page, email);
      await page.close();
      const start = email ? '/profilo' : '/';
      const result = await crawl(context, lang, start);
      pages += result.pages;
      found.push(...result.found.map((f) => `${email ?? 'visitor'} ${f}`));
      await context.close();
    }
    assert.ok(pages > 150, `only ${pages} pages crawled`);
    assert.deepEqual([...new Set(found)], []);
  });
}

// Submits a form as typed, without the browser's own checks.
async function submit(page, selector) {
  await Promise.all([
    page.waitForNavigation(),
    page.$eval(selector, (f) => {
      f.noValidate = true;
      f.requestSubmit();
    }),
  ]);
}

// Refusals are told in the reader's language too: a search with a bad date,
// the voucher simulator with a bad number, a new member with a bad e-mail and
// password, an API token that would expire in the past.
async function refusals(lang) {
  const context = await app.browser.newContext();
  await context.addCookies([{ name: 'cloudpa_lang', value: lang, url: app.base }]);
  const page = await context.newPage();
  const said = [];
  const alerts = async (what) => {
    // A field's name is a code of the request (e.g. `dal`), not a word.
    const texts = await page.$$eval('.alert, .invalid-feedback, .form-feedback, [role="alert"]', (es) =>
      es.map((e) => {
        const copy = e.cloneNode(true);
        copy.querySelectorAll('strong, code').forEach((n) => n.remove());
        return copy.textContent;
      }));
    assert.ok(texts.join('').trim().length > 0, `${what}: a refusal is shown`);
    said.push(...texts.map((t) => `${what}: ${t}`));
  };
  for (const path of ['/catalogo?as_of=non-una-data', '/catalogo/novita?dal=ieri', '/programma?population=tanti']) {
    await page.goto(app.base + path);
    await alerts(path);
  }
  await signIn(app, page, 'rtd@genova.demo.cloudpa.it');
  await page.goto(app.base + '/organizzazione/utenti');
  await page.fill('#email', 'rtd@genova');
  await page.fill('#display_name', 'Prova');
  await page.fill('#password', 'corta');
  await submit(page, 'form[action="/organizzazione/utenti"]');
  await alerts('new member');
  await page.goto(app.base + '/organizzazione/token');
  await page.fill('#name', 'Prova');
  await page.fill('#expires_on', '2020-01-01');
  await submit(page, 'form[action="/organizzazione/token"]');
  await alerts('new token');
  await context.close();
  const lines = said.flatMap((line) => line.split('\n'))
    .map((line) => line.replace(/^[^:]*: /, '').replace(/^[a-z_.[\]0-9]+: /, ''));
  const other = lang === 'it' ? 'en' : 'it';
  assert.ok(lines.some((line) => MARKERS[other].test(line)), `the refusals are sentences of ${lang}: ${lines}`);
  return lines.filter((line) => MARKERS[lang].test(line));
}

for (const lang of ['it', 'en']) {
  test(`refusals are told in ${lang === 'it' ? 'Italian' : 'English'}`, async () => {
    assert.deepEqual(await refusals(lang), []);
  });
}
