// Shared browser harness for the end-to-end suite and the demo: serves the
// saved pages under their real addresses (HTTPS on 127.0.0.1, hostnames
// mapped with --host-resolver-rules, so content-script match patterns are
// tested as they ship) and launches Debian's Chromium with the built
// extension loaded.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, 'dist/chrome');

// The extension as the tests load it: the Chrome build, with the host access
// a recruiter grants from the panel for the fictional personal sites
// (`*.example`); `*.example.org` stays ungranted, to test the offer. The
// browser's own permission prompt cannot be answered from a test. One copy
// per run: an unpacked extension's id follows its folder, and a restarted
// browser must find its store again.
let tested = null;
function testedExtension() {
  if (tested) return tested;
  const dir = mkdtempSync(join(tmpdir(), 'vetter-extension-'));
  tested = dir;
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  // And api.github.com, which the options page asks for when the recruiter
  // turns GitHub checks on (the tests' API server stands behind it).
  // And the team server on loopback, which the options page asks for when the recruiter joins a team.
  manifest.host_permissions = [...manifest.host_permissions, 'https://*.example/*', 'https://api.github.com/*', 'http://127.0.0.1/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
// Every supported site, plus the reserved TLDs the fictional personal sites use.
const HOSTS = [
  'www.upwork.com', 'github.com', 'www.linkedin.com', 'www.freelancer.com', 'www.fiverr.com', 'www.toptal.com',
  'profile.indeed.com', 'www.indeed.com', 'wellfound.com', 'stackoverflow.com', 'www.guru.com',
  'www.peopleperhour.com', '*.example', '*.example.com', '*.example.org', 'api.github.com',
];

// Hosts served over plain http (pages a recruiter reads with the toolbar button).
const HTTP_HOSTS = ['*.example.net'];

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The address a saved page records in its `<!-- saved from url=(N)… -->` header. */
export function savedFromUrl(html) {
  const m = /<!-- saved from url=\(\d+\)(\S+?) -->/.exec(html.slice(0, 4096));
  return m ? new URL(m[1]) : null;
}

const routeKey = (url) => `${url.hostname}${url.pathname.replace(/\/$/, '') || '/'}`;

/** Starts the HTTPS server; `routes` maps extra addresses to HTML. */
export async function startServer() {
  const work = mkdtempSync(join(tmpdir(), 'vetter-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=vetter-test',
    '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'),
  ], { stdio: 'ignore' });
  const routes = new Map();
  for (const file of [...htmlFiles(join(ROOT, 'demo')), ...htmlFiles(join(ROOT, 'tests/fixtures/pages'))]) {
    const html = readFileSync(file, 'utf8');
    const url = savedFromUrl(html);
    if (url) routes.set(routeKey(url), html);
  }
  const hits = new Map();
  const conditional = new Map();
  const handler = (req, res) => {
    const url = new URL(req.url, `${req.socket.encrypted ? 'https' : 'http'}://${req.headers.host}`);
    hits.set(url.hostname, [...(hits.get(url.hostname) ?? []), `${url.pathname}${url.search}`]);
    if (req.headers['if-none-match']) {
      conditional.set(url.hostname, [...(conditional.get(url.hostname) ?? []), `${url.pathname}${url.search}`]);
    }
    const found = routes.get(routeKey(url));
    // Real sites send strict CSPs; so do we, to prove the extension copes
    // (a route given as {body, type, csp: false} is served without one).
    if (found?.csp !== false) {
      res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    }
    if (found === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (typeof found === 'string') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(found);
    } else if (found.etag && req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, { etag: found.etag }).end();
    } else {
      res.writeHead(200, { 'content-type': found.type, ...(found.etag ? { etag: found.etag } : {}) }).end(found.body);
    }
  };
  const server = createServer({ key: readFileSync(join(work, 'key.pem')), cert: readFileSync(join(work, 'cert.pem')) }, handler);
  // The same pages over plain http, for the hosts in HTTP_HOSTS.
  const plain = createHttpServer(handler);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  await new Promise((ok) => plain.listen(0, '127.0.0.1', ok));
  rmSync(work, { recursive: true, force: true });
  return {
    port: server.address().port,
    httpPort: plain.address().port,
    /** The paths requested of `host` so far. */
    requests: (host) => hits.get(host) ?? [],
    /** Those of them asked with If-None-Match. */
    conditionalRequests: (host) => conditional.get(host) ?? [],
    /** Serves `html` (a string) or `{body, type, csp, etag}` at `url` from now on (with an etag, 304 to If-None-Match). */
    route(url, content) {
      routes.set(routeKey(new URL(url)), content);
    },
    close: () => Promise.all([new Promise((ok) => server.close(ok)), new Promise((ok) => plain.close(ok))]),
  };
}

/** Launches Debian's Chromium without the extension (pages that load the wasm core themselves). */
export function launchPlain() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Launches Chromium with the extension; returns {context, extensionId, userDataDir, extensionDir} (the unpacked copy it loaded). */
export async function launch(server, { headless = true, userDataDir } = {}) {
  const dir = userDataDir ?? mkdtempSync(join(tmpdir(), 'vetter-profile-'));
  const rules = [
    ...HTTP_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.httpPort}`),
    ...HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`),
  ].join(',');
  const extension = testedExtension();
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      // Lets the suite press the toolbar button (CDP Extensions.triggerAction),
      // which grants activeTab as a real click does.
      '--enable-unsafe-extension-debugging',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, userDataDir: dir, extensionDir: extension };
}

/**
 * Registers node:test `before`/`after` hooks that serve the pages and launch
 * one browser for the file's tests; returns `{server, browser}`, filled in
 * once `before` has run.
 */
export function useBrowser({ before, after }) {
  const state = {};
  before(async () => {
    state.server = await startServer();
    state.browser = await launch(state.server);
  });
  after(async () => {
    await state.browser?.context.close();
    await state.server?.close();
  });
  return state;
}

/** Whether the page holds Vetter's host element (it carries no marker of its own). */
export const hasVetterHost = (page) =>
  page.evaluate(() => [...document.documentElement.children].some((e) => e.tagName === 'DIV' && e.style.zIndex === '2147483647'));

/** The Vetter panel frame inside `page`, once it has rendered. */
export async function panelFrame(page, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/panel.html'));
    if (frame) {
      try {
        await frame.waitForSelector('body[data-ready="true"]', { timeout: Math.max(1, deadline - Date.now()) });
        return frame;
      } catch { /* the frame was replaced; look again */ }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no Vetter panel rendered on ${page.url()}`);
}

/** The flag ids the panel lists, sorted. */
export async function panelFlags(frame) {
  const ids = await frame.$$eval('[data-flag]', (els) => els.map((e) => e.dataset.flag));
  return ids.sort();
}

/**
 * What the worker decided about the page at `url` ('not read', 'none',
 * 'profile', 'not linked'…), once it has: the proof a panel-less page
 * was looked at, rather than not yet.
 */
export async function workerAnswer(context, url, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const worker = context.serviceWorkers().at(-1);
    const answer = await worker?.evaluate((u) => globalThis.vetterAnswered?.(u) ?? null, url).catch(() => null);
    if (answer) return answer;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`the worker never answered for ${url}`);
}

/** Stops every service worker through CDP (what Chrome does to an idle one). */
export async function stopServiceWorkers(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/extension/panel.html`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

/**
 * Presses Vetter's toolbar button on `page`'s tab (CDP Extensions.triggerAction,
 * which runs the action as a click does, activeTab grant included).
 */
export async function pressToolbarButton(context, extensionId, page) {
  const cdp = await context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target shows ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  } finally {
    await cdp.detach();
  }
}
