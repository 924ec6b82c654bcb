// Starts a real `cloudpa serve --demo` on a free port with a throw-away data
// directory, and Debian's chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const binary = process.env.CLOUDPA_BIN ?? new URL('../../target/debug/cloudpa', import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// `port` and `args` (more arguments of `serve`) are for a test that must know
// the address before the start, e.g. to configure an identity provider.
export async function startCloudpa({ port, args = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudpa-e2e-'));
  port ??= await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', '--demo', '--data-dir', dataDir, '--addr', `127.0.0.1:${port}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDPA_RATE_LIMIT: '0' },
  });
  let logs = '';
  child.stdout.on('data', (d) => (logs += d));
  child.stderr.on('data', (d) => (logs += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/v1/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`cloudpa did not start:\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  return {
    base,
    browser,
    /** What the service wrote so far, stdout and stderr. */
    get logs() {
      return logs;
    },
    async stop() {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'demo-cloudpa-2026';

// Signs `page` in on `app` as the demo user `email`, landing on the profile.
export async function signIn(app, page, email) {
  await page.goto(app.base + '/login');
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL(/\/profilo$/);
}
