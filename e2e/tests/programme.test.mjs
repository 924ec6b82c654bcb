// The migration programme in a real browser: an ente's financed project from
// the CUP to its completion (without JavaScript), an aggregator applying for
// a Comune that delegated it, the programme office deciding, the territorial
// team's worklist and its members, and what the public pages then show.
//
// The tests share one `serve --demo` and run in file order (node --test with
// --test-concurrency=1): each continues from the state the previous ones
// left, as the users of one programme would.
//   1. Genova's RTD takes the financed project to "completed";
//   2. the Unione applies for Masone; the office decrees it;
//   3. the worklist then lists Masone (CUP due) before Genova (nothing due);
//      the office's administrator assigns a colleague to a team;
//   4. the office attests and pays Genova's project: it leaves the worklist
//      and the public dashboard counts it;
//   5. the forms of these pages (Masone's financed project among them) are
//      laid out so that no label covers the heading or summary above it;
//   6. Genova's RTD communicates its classification to the agency, which
//      reads the national counts.
// No count is hard-coded where a page gives it: the tests compare the numbers
// the pages show (the voucher's tariff figures are the call's, and are
// written out with their sum).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.mjs';
import { signIn, startCloudpa } from './server.mjs';
import { parseCsv } from './csv.mjs';

const GENOVA_RTD = 'rtd@genova.demo.cloudpa.it';
const MASONE_RTD = 'rtd@masone.demo.cloudpa.it';
const UNIONE_ICT = 'ict@unionevalli.demo.cloudpa.it';
const OFFICE = 'misura12@dtd.demo.cloudpa.it';
const OFFICE_ADMIN = 'admin@dtd.demo.cloudpa.it';
const MASONE = 'Comune di Masone (demo)';
const GENOVA = 'Comune di Genova (demo)';
const GENOVA_IPA = 'c_d969';
const MASONE_IPA = 'c_f020';

let app;
// What a test leaves for the next ones: the applications' addresses.
const genova = {};
const masone = {};

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

async function signOut(page) {
  await page.click('form[action="/logout"] button');
  await page.waitForURL(app.base + '/');
}

// Clicks a submit button and waits for the page the form leads to (a POST
// answered by a redirect to the same address, or by the page with an error).
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

async function text(page, selector) {
  return (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
}

async function state(page) {
  return page.getAttribute('span#application-state', 'data-state');
}

// "1.234" or "1234" → 1234.
function count(t) {
  const s = t.trim();
  assert.match(s, /^\d{1,3}(\.?\d{3})*$/, `a count: ${s}`);
  return Number(s.replace(/\./g, ''));
}

// "35.520,00 €" → 3552000 (cents).
function euroCents(t) {
  const s = t.replace(/\s/g, ' ').trim();
  const m = s.match(/^(\d{1,3}(?:\.\d{3})*),(\d{2}) €$/);
  assert.ok(m, `an amount in euro: ${s}`);
  return Number(m[1].replace(/\./g, '')) * 100 + Number(m[2]);
}

// The first dd/mm/yyyy in a text, as yyyy-mm-dd.
function isoDate(t) {
  const m = t.match(/(\d{2})\/(\d{2})\/(\d{4})/);
  assert.ok(m, `a date in: ${t}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The days left that a deadline line shows ("… — giorni rimanenti: 5").
async function deadlineDays(page, kind) {
  const line = await text(page, `ul#deadlines li[data-kind="${kind}"]`);
  const m = line.match(/(\d+)$/);
  assert.ok(m, `the ${kind} deadline shows the days left: ${line}`);
  return { days: Number(m[1]), due: isoDate(line), line };
}

// The CUP countdown against the CUP line of the deadlines.
async function checkCountdown(page) {
  assert.equal(await page.locator('div#cup-countdown').count(), 1, 'the CUP countdown is shown');
  const days = Number(await text(page, 'span#cup-days'));
  const due = isoDate(await text(page, 'div#cup-countdown strong'));
  const deadline = await deadlineDays(page, 'cup');
  assert.equal(days, deadline.days, 'the countdown counts the days of the CUP deadline');
  assert.equal(due, deadline.due, 'the countdown is due on the CUP deadline');
  return { days, due };
}

// The rows of a table as the text of their cells (th and td).
async function rows(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

// The public dashboard's figures about projects.
async function programmeFigures(page) {
  await page.goto(app.base + '/programma/cruscotto');
  const states = Object.fromEntries((await rows(page, 'table#states')).map(([label, n]) => [label, count(n)]));
  const entiAttested = (await text(page, 'p#total-attested + p')).match(/^(\d[\d.]*)/);
  assert.ok(entiAttested, 'the attestations card counts the enti');
  return {
    attested: count(await text(page, 'p#total-attested')),
    entiAttested: count(entiAttested[1]),
    migrated: count(await text(page, 'p#total-services-migrated')),
    targetAchieved: count(await text(page, 'strong#target-achieved')),
    states,
  };
}

// The worklist of the signed-in team member: one entry per row.
async function worklist(page) {
  await page.goto(app.base + '/team');
  return page.$$eval('table#worklist tbody tr', (trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim());
    return { href: tr.querySelector('td a').getAttribute('href'), ente: tr.querySelector('td a').textContent.trim(),
      state: td[2], next: td[3], overdue: tr.classList.contains('table-danger') };
  }));
}

test('an ente takes its financed project from the CUP to completion, without JavaScript', async () => {
  const { page: visitor, context: publicContext } = await newPage();
  // Forms only: a browser without JavaScript does every step.
  const { page, context } = await newPage({ javaScriptEnabled: false });
  try {
    const before = await programmeFigures(visitor);
    await signIn(app, page, GENOVA_RTD);
    await page.goto(app.base + '/ente');
    assert.equal(await text(page, 'p#ente-name'), GENOVA);
    const link = page.locator('table#applications tbody a').first();
    genova.call = (await link.textContent()).trim();
    genova.href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL(app.base + genova.href);
    assert.match(genova.href, /^\/candidature\/[^/]+$/);
    assert.equal(await state(page), 'financed');
    assert.ok((await text(page, 'p.lead')).includes(genova.call), 'the page names the call');

    // The countdown is the CUP deadline of the list, not a number of its own.
    const countdown = await checkCountdown(page);
    assert.ok(countdown.days > 0, 'the demo CUP is not yet due');
    assert.equal(await page.locator('span#cup').count(), 0, 'no CUP yet');

    // A CUP of the right length (the browser lets it through) but the wrong
    // shape — a digit where the letter goes — is refused by the server: the
    // application is shown again with the error, unchanged.
    await page.fill('input#cup-input', '717H03000130001');
    const refused = await submit(page, 'form[action$="/ente/cup"] button[type="submit"]');
    assert.ok(refused.status() >= 400 && refused.status() < 500, `the invalid CUP is a client error: ${refused.status()}`);
    assert.match(await text(page, '.alert-danger'), /cup/i, 'the error names the CUP');
    assert.equal(await state(page), 'financed', 'still financed');
    assert.equal(await page.locator('span#cup').count(), 0, 'the invalid CUP was not recorded');
    assert.equal((await checkCountdown(page)).days, countdown.days, 'the countdown is still there');

    // A valid CUP: recorded, and the countdown is gone; its deadline is met.
    const cup = 'J11C22000290006';
    await page.fill('input#cup-input', cup);
    await submit(page, 'form[action$="/ente/cup"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, genova.href, 'back to the application');
    assert.equal(await text(page, 'span#cup'), cup);
    assert.equal(await page.locator('div#cup-countdown').count(), 0, 'no countdown once the CUP is given');
    assert.equal(await page.locator('input#cup-input').count(), 0, 'no CUP form either');
    assert.equal(await page.locator('ul#deadlines li[data-kind="cup"] .bg-success').count(), 1, 'the CUP deadline is met');
    assert.equal(await state(page), 'financed');

    // The contract, then one form per service to migrate.
    await submit(page, 'button#activate-contract');
    assert.equal(await state(page), 'contracted');
    assert.equal(await page.locator('button#activate-contract').count(), 0);
    assert.equal(await page.locator('ul#deadlines li[data-kind="contract"] .bg-success').count(), 1, 'the contract deadline is met');
    const services = await page.locator('table#services tbody tr').count();
    assert.ok(services > 0, 'the project has services');
    assert.equal(await page.locator('table#services button.migrate').count(), services, 'one "migrated" button per service');
    assert.equal(await page.locator('button#complete-project').count(), 1);
    for (let left = services; left > 0; left--) {
      const date = await page.locator('table#services form:has(button.migrate) input[type="date"]').first().inputValue();
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/, 'a date is proposed (today)');
      genova.migratedOn = date;
      await submit(page, 'table#services button.migrate >> nth=0');
      assert.equal(await page.locator('table#services button.migrate').count(), left - 1, 'one service fewer to migrate');
    }
    const dates = (await rows(page, 'table#services')).map((r) => r[r.length - 1]);
    assert.equal(dates.length, services);
    for (const d of dates) assert.equal(isoDate(d), genova.migratedOn, 'every service shows the date it was migrated');

    // The project is complete.
    await submit(page, 'button#complete-project');
    assert.equal(await state(page), 'completed');
    assert.equal(await page.locator('button#complete-project').count(), 0);
    genova.services = services;

    // The ente's area counts the migrated services…
    await page.goto(app.base + '/ente');
    const own = (await rows(page, 'table#applications')).find((r) => r[0] === genova.call);
    assert.equal(own[own.length - 1], `${services}/${services}`, 'the area shows every service migrated');

    // …and so do the public pages.
    await visitor.goto(`${app.base}/enti/${GENOVA_IPA}`);
    assert.equal(await text(visitor, 'span#ipa'), GENOVA_IPA);
    const row = (await rows(visitor, 'table#applications')).find((r) => r[0] === genova.call);
    assert.ok(row, `the public ente page lists "${genova.call}"`);
    assert.equal(row[row.length - 1], `${genova.services}/${genova.services}`, 'N/N services migrated');
    const project = await rows(visitor, 'table.project-services');
    assert.equal(project.length, genova.services, 'one row per service of the project');
    for (const r of project) assert.equal(isoDate(r[2]), genova.migratedOn, `${r[0]} migrated on the date given`);
    const after = await programmeFigures(visitor);
    assert.equal(after.migrated, before.migrated + genova.services, 'the dashboard counts the services migrated');
    assert.equal(after.states.Completata, (before.states.Completata ?? 0) + 1, 'and one more project completed');
  } finally {
    await context.close();
    await publicContext.close();
  }
});

test('an aggregator applies for a Comune that delegated it, and the office decrees', async () => {
  const { page, context } = await newPage();
  const { page: rtd, context: rtdContext } = await newPage();
  const { page: office, context: officeContext } = await newPage();
  const { page: visitor, context: publicContext } = await newPage();
  try {
    await signIn(app, page, UNIONE_ICT);
    await page.goto(app.base + '/ente');
    const own = await text(page, 'p#ente-name');
    const options = await page.$$eval('select#ente-switch option', (os) =>
      os.map((o) => ({ value: o.value, label: o.textContent.trim(), selected: o.selected })));
    assert.equal(options.find((o) => o.selected)?.label, own, 'the switch starts on the Unione itself');
    const delegated = options.find((o) => o.label.startsWith(MASONE));
    assert.ok(delegated, `the switch lists ${MASONE}: ${options.map((o) => o.label)}`);
    assert.match(delegated.label, /\(per delega\)$/, 'marked as acting by delegation');
    const ownInventory = await page.locator('table#inventory tbody tr').count();

    // Switching is a GET form: the area of Masone.
    await page.selectOption('select#ente-switch', delegated.value);
    await page.click('form[action="/ente"] button[type="submit"]');
    await page.waitForURL(`${app.base}/ente?ente=${delegated.value}`);
    masone.id = delegated.value;
    assert.equal(await text(page, 'p#ente-name'), MASONE);
    assert.match(await text(page, 'p#profile'), /^Comune/, 'Masone has its profile');
    assert.equal(await page.locator('ul#delegations').count(), 0, "the delegations are the ente's own business");
    const area = page.url();
    const inventory = await page.locator('table#inventory tbody tr').count();
    const applications = await page.locator('table#applications tbody tr').count();

    // Ten classified services, added with the form.
    const names = ['Anagrafe', 'Protocollo informatico', 'Albo pretorio online', 'Contabilità finanziaria',
      'Tributi', 'SUAP', 'Servizi cimiteriali', 'Polizia locale', 'Servizi scolastici', 'Biblioteca'];
    for (const [i, name] of names.entries()) {
      await page.click('summary:has-text("Aggiungi un servizio")');
      await page.fill('input#service-name', name);
      await page.selectOption('select#service-class', 'ordinari');
      await page.selectOption('select#service-origin', { label: 'On premise strutturato' });
      await submit(page, 'button#add-service');
      assert.equal(page.url(), area, 'back to the area of Masone');
      assert.equal(await page.locator('table#inventory tbody tr').count(), inventory + i + 1, `${name} is in the inventory`);
    }
    const listed = (await rows(page, 'table#inventory')).filter((r) => names.some((n) => r[0].startsWith(n)));
    assert.equal(listed.length, names.length);
    for (const r of listed) {
      assert.equal(r[1], 'ordinari', `${r[0]}: its data class`);
      assert.equal(r[2], 'On premise strutturato', `${r[0]}: its origin`);
    }
    // They are Masone's, not the Unione's.
    await page.goto(app.base + '/ente');
    assert.equal(await page.locator('table#inventory tbody tr').count(), ownInventory, "the Unione's inventory is unchanged");
    await page.goto(area);

    // An application to the open call: a draft.
    const call = (await page.locator('select#call_id option').first().textContent()).trim();
    await page.selectOption('select#call_id', { index: 0 });
    await page.click('button#open-application');
    await page.waitForURL(/\/candidature\/[^/]+$/);
    masone.href = new URL(page.url()).pathname;
    assert.equal(await state(page), 'draft');
    assert.ok((await text(page, 'p.lead')).includes(call) && (await text(page, 'p.lead')).includes(MASONE),
      'the draft is Masone\'s, to the call chosen');
    const draftRows = await page.locator('table#draft-services tbody tr').count();
    assert.equal(draftRows, inventory + names.length, 'one row per service of the inventory');
    const codes = await page.$$eval('select#code_0 option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(codes.length >= names.length, `the call lists at least ${names.length} services`);

    async function pick(from, to) {
      for (let i = from; i < to; i++) {
        await page.check(`#pick_${i}`);
        await page.selectOption(`#code_${i}`, codes[i]);
        await page.selectOption(`#dest_${i}`, 'iaas');
      }
      await submit(page, 'button#save-services');
      assert.equal(new URL(page.url()).pathname, masone.href, 'the services are saved');
    }

    // Four services: too few for Masone's class; the page says which range.
    await pick(0, 4);
    for (let i = 0; i < 4; i++) {
      assert.ok(await page.isChecked(`#pick_${i}`), `service ${i} stays picked`);
      assert.equal(await page.inputValue(`#code_${i}`), codes[i], `service ${i} keeps its call service`);
    }
    const few = await text(page, 'div#problems');
    assert.match(few, /10\D+13/, `the problems name the range of the class: ${few}`);
    assert.match(few, /\b4\b/, `and how many were picked: ${few}`);
    // Submitting now is refused, and the draft stays a draft.
    const refused = await submit(page, 'button#submit-application');
    assert.ok(refused.status() >= 400 && refused.status() < 500, `refused: ${refused.status()}`);
    assert.equal(await page.locator('.alert-danger').count(), 1, 'the refusal is shown');
    assert.equal(await state(page), 'draft');

    // Ten: no problem left, and the voucher of class 2 (12.000 € fee, 2.352 €
    // per service A) for ten services moved to IaaS.
    await page.goto(app.base + masone.href);
    await pick(4, 10);
    assert.equal(await page.locator('div#problems').count(), 0, 'no problem with ten services');
    const [cls, fee, rehost, upgrade, amount] = (await rows(page, 'table#voucher')).map((r) => r[1]);
    assert.equal(cls, '2', 'Masone is in class 2');
    assert.equal(euroCents(fee), 12_000_00);
    assert.equal(euroCents(rehost), names.length * 2_352_00);
    assert.equal(euroCents(upgrade), 0);
    assert.equal(euroCents(await text(page, 'strong#amount')), 35_520_00, 'voucher: 12.000 € + 10 × 2.352 €');
    assert.equal(euroCents(amount), euroCents(fee) + euroCents(rehost) + euroCents(upgrade), 'the voucher adds up');
    masone.amount = await text(page, 'strong#amount');

    // Submitted: the services are frozen and listed.
    await submit(page, 'button#submit-application');
    assert.equal(new URL(page.url()).pathname, masone.href);
    assert.equal(await state(page), 'submitted');
    assert.equal(await page.locator('table#draft-services').count(), 0, 'no draft form any more');
    assert.equal(await page.locator('table#services tbody tr').count(), names.length, 'the ten services');

    // Masone's own RTD sees the application the Unione made.
    await signIn(app, rtd, MASONE_RTD);
    await rtd.goto(app.base + '/ente');
    assert.equal(await text(rtd, 'p#ente-name'), MASONE);
    assert.equal(await rtd.locator('table#applications tbody tr').count(), applications + 1);
    await rtd.click(`table#applications a[href="${masone.href}"]`);
    await rtd.waitForURL(app.base + masone.href);
    assert.equal(await state(rtd), 'submitted');
    assert.equal(await text(rtd, 'strong#amount'), masone.amount);
    assert.equal(await rtd.locator('#office-title').count(), 0, 'the ente does not decide');

    // The office finds it in its queue (first tab: submitted) and decrees it
    // for the amount asked.
    await signIn(app, office, OFFICE);
    await office.goto(app.base + '/programma/ufficio');
    assert.equal(await text(office, 'ul#states a[aria-current="page"]'), 'Presentata', 'the queue opens on the submitted');
    const queued = office.locator(`table#queue a[href="${masone.href}"]`);
    assert.equal(await queued.count(), 1, 'the queue lists the application');
    assert.equal((await queued.textContent()).trim(), MASONE);
    await queued.click();
    await office.waitForURL(app.base + masone.href);
    assert.equal(await state(office), 'submitted');
    assert.equal(await office.locator('section[aria-labelledby="office-title"]').count(), 1, 'the office decides here');
    assert.equal(await office.getAttribute('input#decree-amount', 'placeholder'), masone.amount,
      'the amount proposed is the voucher');
    const decreeOn = await office.inputValue('input#decree-on');
    await submit(office, 'button#decree');
    assert.equal(await state(office), 'financed');
    assert.equal(await text(office, 'strong#amount'), masone.amount, 'financed for the amount asked');

    // The CUP is now due, 5 days after the decree (DOMAIN.md §4).
    const due = await checkCountdown(office);
    assert.equal(due.due, addDays(decreeOn, 5), 'the CUP is due 5 days after the decree');
    assert.equal(await office.locator('input#cup-input').count(), 0, 'the office does not give the CUP');
    masone.cupDue = due.due;
    await rtd.reload();
    assert.equal(await state(rtd), 'financed');
    assert.deepEqual(await checkCountdown(rtd), due, 'Masone sees the same countdown');
    assert.equal(await rtd.locator('input#cup-input').count(), 1, 'and may give its CUP');
    await office.goto(app.base + '/programma/ufficio');
    assert.equal(await office.locator(`table#queue a[href="${masone.href}"]`).count(), 0, 'no longer waiting for a decision');

    // Masone's public page, to anyone: the project, decreed, none of its
    // services migrated yet.
    await visitor.goto(`${app.base}/enti/${MASONE_IPA}`);
    assert.equal(await text(visitor, 'h1'), MASONE);
    const published = (await rows(visitor, 'table#applications')).find((r) => r[0] === call);
    assert.ok(published, `the public page of ${MASONE} lists "${call}"`);
    assert.equal(published[1], 'Finanziata');
    assert.equal(published[2], masone.amount);
    assert.equal(isoDate(published[3]), decreeOn, 'the decree date');
    assert.equal(published[5], `0/${names.length}`, 'no service migrated yet');
    const section = visitor.locator('section', { has: visitor.locator(`h3:text-is("Servizi del progetto — ${call}")`) });
    assert.equal(await section.locator('table.project-services tbody tr').count(), names.length);
  } finally {
    await context.close();
    await rtdContext.close();
    await publicContext.close();
    await officeContext.close();
  }
});

test("a team member's worklist puts the nearest deadline first; an administrator assigns a colleague", async () => {
  const { page, context } = await newPage();
  try {
    await signIn(app, page, OFFICE);
    const items = await worklist(page);
    assert.match(await text(page, 'p#member'), /Nord-Ovest/, 'the member follows the North-West');
    const m = items.findIndex((i) => i.href === masone.href);
    const g = items.findIndex((i) => i.href === genova.href);
    assert.ok(m >= 0, 'Masone\'s financed project is listed');
    assert.ok(g >= 0, 'Genova\'s completed project is listed');
    assert.equal(items[m].ente, MASONE);
    assert.equal(items[m].state, 'Finanziata');
    assert.match(items[m].next, /^Inserimento del CUP/, "Masone's next deadline is its CUP");
    assert.equal(isoDate(items[m].next), masone.cupDue);
    assert.equal(items[g].ente, GENOVA);
    assert.equal(items[g].state, 'Completata');
    assert.equal(items[g].next, '—', 'Genova has no deadline left open');
    assert.ok(m < g, 'the project with a deadline comes before the one with none (Masone before Genova)');
    // The order in general: overdue and upcoming by date, then none.
    const dues = items.map((i) => (i.next === '—' ? null : isoDate(i.next)));
    const dated = dues.filter(Boolean);
    assert.deepEqual(dated, [...dated].sort(), 'by due date');
    assert.ok(dues.indexOf(null) === -1 || dues.slice(dues.indexOf(null)).every((d) => d === null), 'then those with none');
    await signOut(page);

    // The administrator is in no team; assigns a colleague who is not yet in
    // one to the Islands.
    await signIn(app, page, OFFICE_ADMIN);
    await page.goto(app.base + '/team');
    assert.equal(await page.locator('p#not-member').count(), 1);
    const members = await rows(page, 'table#members');
    const before = members.length;
    const colleagues = await page.$$eval('select#member-user option', (os) =>
      os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    const colleague = colleagues.find((c) => !members.some((r) => c.label.includes(r[0].split(' ').pop())));
    assert.ok(colleague, 'a colleague outside the teams');
    const email = colleague.label.match(/\(([^)]+)\)$/)[1];
    await page.selectOption('select#member-user', colleague.value);
    await page.selectOption('select#member-area', 'Isole');
    await page.selectOption('select#member-role', 'technical_implementation_manager');
    const role = (await page.locator('select#member-role option:checked').textContent()).trim();
    await submit(page, 'button#assign-member');
    assert.equal(page.url(), app.base + '/team');
    const now = await rows(page, 'table#members');
    assert.equal(now.length, before + 1, 'one more member');
    const added = now.find((r) => r[0].includes(email));
    assert.ok(added, `${email} is listed`);
    assert.deepEqual(added.slice(1, 3), ['Isole', role]);
    const previous = now.find((r) => r[0].includes(OFFICE));
    assert.equal(previous?.[1], 'Nord-Ovest', 'the other members keep their area');
    await signOut(page);

    // The colleague now follows the Islands: none of Liguria's projects.
    await signIn(app, page, email);
    const islands = await worklist(page);
    assert.match(await text(page, 'p#member'), new RegExp(`Area Isole$`));
    assert.ok((await text(page, 'p#member')).includes(role));
    assert.ok(!islands.some((i) => i.href === masone.href || i.href === genova.href), 'no project of Liguria');
  } finally {
    await context.close();
  }
});

test('the office attests and pays a completed project; the public dashboard counts it', async () => {
  const { page: visitor, context: publicContext } = await newPage();
  const { page, context } = await newPage();
  try {
    const before = await programmeFigures(visitor);

    await signIn(app, page, OFFICE);
    await page.goto(app.base + '/programma/ufficio?stato=completed');
    assert.equal(await text(page, 'ul#states a[aria-current="page"]'), 'Completata');
    const link = page.locator('table#queue tbody tr', { hasText: GENOVA }).locator('a');
    assert.equal(await link.count(), 1, 'Genova\'s completed project waits for its attestation');
    const href = await link.getAttribute('href');
    if (genova.href) assert.equal(href, genova.href);
    await link.click();
    await page.waitForURL(app.base + href);
    assert.equal(await state(page), 'completed');

    // A positive attestation, then the payment: one form at a time.
    assert.equal(await page.locator('button#pay').count(), 0, 'no payment before the attestation');
    await page.selectOption('select#outcome', 'positive');
    await submit(page, 'button#attest');
    assert.equal(new URL(page.url()).pathname, href);
    assert.equal(await state(page), 'attested');
    assert.equal(await page.locator('button#attest').count(), 0);
    assert.equal(await page.locator('button#pay').count(), 0, 'no payment before the ente\'s request');
    assert.ok(await page.locator('p#payment-waiting').isVisible());

    // The ente sends its CRE and payment request through the API; the formal checks pass.
    const { page: ente, context: enteContext } = await newPage();
    try {
      await signIn(app, ente, GENOVA_RTD);
      const sent = await ente.evaluate(async (uri) => {
        const me = await (await fetch('/api/v1/me')).json();
        const headers = { 'x-csrf-token': me.csrf_token };
        const upload = async (name) => {
          const body = new FormData();
          body.append('file', new Blob([`%PDF-1.7\n% ${name}\n%%EOF\n`], { type: 'application/pdf' }), `${name}.pdf`);
          return (await (await fetch('/api/v1/files', { method: 'POST', headers, body })).json()).id;
        };
        const project = await (await fetch(`/api/v1/call-applications/${uri}`)).json();
        const request = {
          cre_file: await upload('cre'), cre_on: project.dates.completed_on,
          request_file: await upload('domanda'), requested_cents: project.amount_cents,
        };
        const res = await fetch(`/api/v1/call-applications/${uri}/payment-request`, {
          method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(request),
        });
        return { status: res.status, body: await res.json() };
      }, href.split('/').pop());
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.payable, true, JSON.stringify(sent.body.checks));
    } finally {
      await enteContext.close();
    }
    await page.reload();
    assert.equal(await page.locator('ul#formal-checks li .bg-success').count(), 6, 'six formal checks pass');
    await submit(page, 'button#pay');
    assert.equal(await state(page), 'paid');
    assert.equal(await page.locator('button#pay, button#attest, button#decree').count(), 0, 'nothing left to decide');

    // The queue moves it to "Erogata"; the worklist no longer follows it.
    await page.goto(app.base + '/programma/ufficio?stato=completed');
    assert.equal(await page.locator(`table#queue a[href="${href}"]`).count(), 0);
    await page.goto(app.base + '/programma/ufficio?stato=paid');
    assert.equal(await page.locator(`table#queue a[href="${href}"]`).count(), 1);
    assert.ok(!(await worklist(page)).some((i) => i.href === href), 'a paid project leaves the worklist');

    // The public dashboard: one more positive attestation, one more paid.
    const after = await programmeFigures(visitor);
    assert.ok(after.attested >= 1, 'at least one attestation');
    assert.equal(after.attested, before.attested + 1, 'one attestation more');
    assert.ok('Erogata' in after.states, `a row for "Erogata": ${Object.keys(after.states)}`);
    assert.equal(after.states.Erogata, (before.states.Erogata ?? 0) + 1, 'one paid project more');
    assert.equal(after.targetAchieved, after.entiAttested, 'the PNRR target counts the enti attested');
    assert.ok(after.targetAchieved >= 1);
    const bar = await visitor.getAttribute('section#target [role="progressbar"]', 'aria-valuenow');
    assert.match(bar, /^\d+$/, 'the progress bar has a value');

    // The CSV behind the table of states says the same.
    const csvHref = await visitor.getAttribute('table#states caption a', 'href');
    const res = await visitor.request.get(new URL(csvHref, app.base).href);
    assert.equal(res.status(), 200);
    const [header, ...data] = parseCsv(await res.text());
    const paid = data.find((r) => r[header.indexOf('state')] === 'paid');
    assert.ok(paid, 'the CSV has a row for paid');
    assert.equal(Number(paid[header.indexOf('applications')]), after.states.Erogata, 'the CSV agrees with the table');
  } finally {
    await context.close();
    await publicContext.close();
  }
});

// Bootstrap Italia lifts a form's labels above their fields (absolutely
// positioned, moved up): the labels of the programme's forms must not land
// on the heading or the <summary> above the form — which would make both
// unreadable and let the label take the click meant to close the summary.
async function coveredByLabels(page) {
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
  return page.evaluate(() => {
    const shown = (e) => {
      const b = e.getBoundingClientRect();
      return b.width > 0 && b.height > 0 && !e.closest('.visually-hidden') && getComputedStyle(e).visibility !== 'hidden';
    };
    const labels = [...document.querySelectorAll('main label')].filter(shown);
    const others = [...document.querySelectorAll('main summary, main h1, main h2, main h3, main p, main button, main a, main input, main select')]
      .filter(shown);
    const found = new Map();
    for (const l of labels) {
      const a = l.getBoundingClientRect();
      for (const e of others) {
        if (e.contains(l) || l.contains(e) || e.id === l.htmlFor) continue;
        const b = e.getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) {
          const what = `label "${l.textContent.trim()}" covers <${e.tagName.toLowerCase()}> "${e.textContent.trim().slice(0, 40)}"`;
          found.set(what, (found.get(what) ?? 0) + 1);
        }
      }
    }
    return [...found].map(([what, n]) => (n > 1 ? `${what} (×${n})` : what));
  });
}

test('no label of the programme forms covers the heading or summary above it', async () => {
  const { page, context } = await newPage({ viewport: { width: 1280, height: 900 } });
  const found = [];
  const check = async (who, path) => {
    await page.goto(app.base + path);
    found.push(...(await coveredByLabels(page)).map((f) => `${who} ${path}: ${f}`));
  };
  try {
    // Masone's RTD: the area (profile, inventory, sites, delegations) and the
    // financed project (CUP and contract forms) the earlier tests left.
    await signIn(app, page, MASONE_RTD);
    await check(MASONE_RTD, '/ente');
    if (masone.href) await check(MASONE_RTD, masone.href);
    await signOut(page);
    // The aggregator: its own area (no profile yet: the profile form is open).
    await signIn(app, page, UNIONE_ICT);
    await check(UNIONE_ICT, '/ente');
    await signOut(page);
    // The office's administrator: the form assigning team members.
    await signIn(app, page, OFFICE_ADMIN);
    await check(OFFICE_ADMIN, '/team');
    assert.deepEqual(found, []);
  } finally {
    await context.close();
  }
});

test('an ente communicates its classification to the agency, which reads it across administrations', async () => {
  const found = [];
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await signIn(app, page, GENOVA_RTD);
  await page.goto(app.base + '/ente');
  await page.click('#classification-link');
  await page.waitForURL(app.base + '/ente/classificazione');
  found.push(...(await axeViolations(page)));
  const rows = page.locator('#cls-services tbody tr');
  const count = await rows.count();
  assert.ok(count > 0);
  for (let i = 0; i < count; i += 1) {
    await rows.nth(i).locator('input').fill('Dati personali dei cittadini trattati dal servizio');
  }

  // The demo's unclassified service stops the communication, by name.
  const unclassified = rows.filter({ hasText: 'Non classificato' });
  assert.equal(await unclassified.count(), 1);
  await page.fill('#edge_name_0', 'Nodo del Porto Antico');
  await page.fill('#edge_place_0', 'Genova');
  await page.fill('#edge_nodes_0', '4');
  await page.fill('#edge_operator_0', 'Comune di Genova');
  await page.click('#classification-form button[type="submit"]');
  assert.match(await page.textContent('.alert-danger'), /non ha una classe/);
  found.push(...(await axeViolations(page)));

  // Classified in the inventory, it goes: version 1, with its migration term.
  const serviceId = (await unclassified.locator('input').getAttribute('name')).replace('reasons.', '');
  const me = await (await page.request.get(app.base + '/api/v1/me')).json();
  const classified = await page.request.put(`${app.base}/api/v1/ente-services/${serviceId}`, {
    headers: { 'x-csrf-token': me.csrf_token },
    data: { name: 'Gestione sale e impianti sportivi', data_class: 'ordinari' },
  });
  assert.equal(classified.status(), 200);
  await page.goto(app.base + '/ente/classificazione');
  for (let i = 0; i < count; i += 1) {
    const area = rows.nth(i).locator('input');
    if ((await area.inputValue()) === '') await area.fill('Atti e dati pubblici');
  }
  await page.fill('#edge_name_0', 'Nodo del Porto Antico');
  await page.fill('#edge_place_0', 'Genova');
  await page.fill('#edge_nodes_0', '4');
  await page.fill('#edge_operator_0', 'Comune di Genova');
  await page.click('#classification-form button[type="submit"]');
  await page.waitForURL(app.base + '/ente/classificazione');
  const sent = page.locator('details[data-version="1"]');
  assert.match(await sent.textContent(), /30\/06\/2026/);
  assert.match(await sent.textContent(), /Nodo del Porto Antico, Genova: 4 nodi di calcolo/);
  found.push(...(await axeViolations(page)));
  await context.close();

  const agencyContext = await app.browser.newContext();
  const agency = await agencyContext.newPage();
  await signIn(app, agency, 'revisore@acn.demo.cloudpa.it');
  await agency.goto(app.base + '/agenzia/classificazioni');
  assert.match(await agency.textContent('#cls-administrations'), /: 1$/);
  assert.match(await agency.textContent('#cls-regions'), /Liguria/);
  assert.match(await agency.textContent('#cls-edge-total'), /1 .* 4/);
  found.push(...(await axeViolations(agency)));
  assert.deepEqual(found, []);
  await agencyContext.close();
});
