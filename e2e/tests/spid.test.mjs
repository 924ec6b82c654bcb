// Sign-in through SPID/CIE in a real browser (docs/identity.md §4c): cloudpa
// is the relying party of the in-repo test provider, run as a process
// (crates/identity/examples/test_provider.rs), which signs its test person in
// at /authorize without a page. Each test sets it up as an operator would:
// the relying party's keys come from the generate_keys example, their public
// half is registered with the provider (the federation's part), the
// provider's issuer and federation keys are pinned in the identity
// configuration, and `cloudpa serve --demo --identity-config` starts on the
// address it was registered with.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { binary, freePort, signIn, startCloudpa } from './server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The provider's default test person (TestUser). */
const MARIO = 'RSSMRA80A01H501U';
/** A valid fiscal code that no organisation of the demo knows. */
const LAURA = 'BNCLRA90M52D969H';

let keys; // the relying party's private keys, as `generate_keys` prints them
let scratch;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cloudpa-e2e-spid-'));
  keys = JSON.parse(execFileSync(example('generate_keys'), { encoding: 'utf8' }));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** An example binary next to the cloudpa binary, built by `cargo test --workspace`. */
function example(name) {
  const path = join(dirname(binary), 'examples', name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build it with \`cargo test --workspace --no-run\` ` +
      `or \`cargo build -p cloudpa-identity --examples --features test-provider\``);
  }
  return path;
}

/** The public half of a private JWK. */
const publicJwk = ({ kty, n, e, kid, use, alg }) => ({ kty, n, e, kid, use, alg });

/** A JSON value as TOML: arrays and inline tables (a JSON string is a TOML basic string). */
function toml(value) {
  if (Array.isArray(value)) return `[${value.map(toml).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${toml(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Starts the test provider for the relying party `clientId`; resolves once it printed its settings. */
async function startProvider(clientId, { fiscalNumber, misbehaviour }) {
  const jwks = { keys: [publicJwk(keys.signing), publicJwk(keys.encryption)] };
  const args = ['--client-id', clientId, '--redirect-uri', `${clientId}/auth/callback`, '--client-jwks',
    JSON.stringify(jwks)];
  if (fiscalNumber) args.push('--fiscal-number', fiscalNumber);
  if (misbehaviour) args.push('--misbehaviour', misbehaviour);
  const child = spawn(example('test_provider'), args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await Promise.race([
    new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
    exited.then((code) => Promise.reject(new Error(`test_provider exited (${code}) before printing its settings`))),
  ]);
  return {
    settings: JSON.parse(line),
    jwks,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** cloudpa with sign-in through a test provider that breaks `misbehaviour`, or signs in `fiscalNumber`. */
async function startFederated({ fiscalNumber, misbehaviour } = {}) {
  const port = await freePort();
  const clientId = `http://127.0.0.1:${port}`;
  const provider = await startProvider(clientId, { fiscalNumber, misbehaviour });
  const config = {
    client_id: clientId,
    redirect_uri: `${clientId}/auth/callback`,
    client_name: 'cloudpa (prove nel browser)',
    organization_name: 'Dipartimento per la trasformazione digitale',
    contacts: ['tech@cloudpa.example'],
    provider: provider.settings,
    keys,
  };
  const file = join(scratch, `identity-${port}.toml`);
  const text = Object.entries(config).map(([k, v]) => `${k} = ${toml(v)}\n`).join('');
  writeFileSync(file, text, { mode: 0o600 });
  let app;
  try {
    app = await startCloudpa({ port, args: ['--identity-config', file] });
  } catch (error) {
    await provider.stop();
    throw error;
  }
  return {
    app,
    provider,
    async stop() {
      await app.stop();
      await provider.stop();
    },
  };
}

/** A fresh browser context whose page records every URL it requests. */
async function newPage(app) {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  return { page, context, requested };
}

/** WCAG 2.1 A and AA violations on the page as it is (as accessibility.test.mjs checks). */
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const path = new URL(page.url()).pathname;
  return result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
}

/** Clicks the SPID/CIE button of the sign-in page; the answer of cloudpa's callback. */
async function signInWithSpid(page, app) {
  const [callback] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(`${app.base}/auth/callback?`)),
    page.click('#spid-cie'),
  ]);
  await page.waitForLoadState();
  return callback;
}

async function cookieNames(context, app) {
  return (await context.cookies(app.base)).map((c) => c.name);
}

test('a member invited by fiscal code on the users page signs in with SPID or CIE', async () => {
  const federated = await startFederated();
  const { app, provider } = federated;
  try {
    const published = await (await fetch(`${app.base}/.well-known/jwks.json`)).json();
    assert.deepEqual(published, provider.jwks, 'cloudpa publishes the keys the provider registered');

    // The administrator of the Comune di Genova invites Mario by fiscal code, with no password.
    const admin = await newPage(app);
    await signIn(app, admin.page, 'rtd@genova.demo.cloudpa.it');
    await admin.page.goto(app.base + '/organizzazione/utenti');
    await admin.page.fill('#display_name', 'Mario Rossi');
    await admin.page.fill('#email', 'mario.rossi@genova.demo.cloudpa.it');
    await admin.page.fill('#fiscal_code', MARIO.toLowerCase());
    await admin.page.selectOption('#role', 'operator');
    await admin.page.click('form[action="/organizzazione/utenti"] button[type="submit"]');
    await admin.page.waitForURL(/created=1/);
    assert.ok((await admin.page.textContent('table')).includes(`(${MARIO})`), 'invited by the normalised code');
    await admin.context.close();

    // Mario, in another browser, asks for his profile and signs in through the provider.
    const { page, context, requested } = await newPage(app);
    await page.goto(app.base + '/profilo');
    assert.ok(page.url().startsWith(`${app.base}/login?next=`), 'sign-in required');
    assert.equal((await page.textContent('#spid-cie')).trim(), 'Entra con SPID o CIE');
    const found = await violations(page);
    const callback = await signInWithSpid(page, app);
    assert.equal(callback.status(), 303, 'the callback opens a session and redirects');
    assert.equal(page.url(), app.base + '/profilo', 'back where he was going');
    const issuer = provider.settings.issuer;
    assert.ok(requested.some((url) => url.startsWith(`${issuer}/authorize?`)), 'through the provider');
    assert.deepEqual(requested.filter((url) => !url.startsWith(app.base) && !url.startsWith(`${issuer}/authorize?`)),
      [], 'the browser reaches the provider only at /authorize');
    const main = await page.textContent('main');
    assert.ok(main.includes('mario.rossi@genova.demo.cloudpa.it'), main);
    assert.ok(main.includes('Comune di Genova (demo)'), 'signed in for the organisation that invited him');
    assert.ok(await page.isVisible('form[action="/logout"] button'));
    const cookies = await cookieNames(context, app);
    assert.ok(cookies.includes('cloudpa_session') && !cookies.includes('cloudpa_oidc'), cookies.join());
    found.push(...(await violations(page)));
    assert.deepEqual(found, []);
    await context.close();
  } finally {
    await federated.stop();
  }
});

test('a person no organisation invited sees a page that says so, with the fiscal code', async () => {
  const federated = await startFederated({ fiscalNumber: `TINIT-${LAURA}` });
  const { app } = federated;
  try {
    const { page, context } = await newPage(app);
    await page.goto(app.base + '/login');
    const callback = await signInWithSpid(page, app);
    assert.equal(callback.status(), 403);
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    assert.equal((await page.textContent('h1')).trim(), 'Accesso con SPID o CIE');
    const status = await page.textContent('[role="status"]');
    assert.ok(status.includes('non sei ancora membro di nessuna organizzazione'), status);
    assert.ok(status.includes('invitarti con il tuo codice fiscale'), status);
    assert.equal((await page.textContent('#fiscal-code')).trim(), LAURA, 'the code to give the administrator');
    assert.ok(await page.isVisible('main a[href="/login"]'), 'a way back to the sign-in page');
    assert.ok(!(await cookieNames(context, app)).includes('cloudpa_session'));
    assert.deepEqual(await violations(page), []);
    await context.close();
  } finally {
    await federated.stop();
  }
});

test("a provider's answer that fails the checks shows a clear page, not an error", async () => {
  const federated = await startFederated({ misbehaviour: 'wrong-nonce' });
  const { app } = federated;
  try {
    const { page, context } = await newPage(app);
    await page.goto(app.base + '/login');
    const callback = await signInWithSpid(page, app);
    assert.equal(callback.status(), 401, 'refused, not a server error');
    assert.equal((await page.textContent('h1')).trim(), 'Accesso con SPID o CIE');
    const alert = await page.textContent('[role="alert"]');
    assert.ok(alert.includes('non ha superato le verifiche di sicurezza'), alert);
    assert.ok(alert.includes('Nessun accesso è stato effettuato'), alert);
    assert.ok(await page.isVisible('main a[href="/login"]'), 'a way back to the sign-in page');
    assert.ok(!(await cookieNames(context, app)).includes('cloudpa_session'));
    assert.deepEqual(await violations(page), []);
    await context.close();
    // The operator's log names the reason, which the page does not.
    for (let waited = 0; !app.logs.includes('login.federated.refused') && waited < 2000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(app.logs, /login\.federated\.refused.*nonce/);
  } finally {
    await federated.stop();
  }
});
