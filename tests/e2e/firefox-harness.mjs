// Drives Debian's firefox-esr headlessly over WebDriver BiDi (Firefox's own
// remote protocol; no driver binary, no downloaded browser) with the Firefox
// build installed as a temporary add-on. The saved pages are served by the
// same HTTPS server as the Chromium tests; Firefox has no host-resolver
// rules, so it reaches every host through a local CONNECT proxy that
// forwards to that server.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ROOT } from './harness.mjs';

export const FIREFOX_BUILD = join(ROOT, 'dist/firefox');
export const FIREFOX_BINARY = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/** A CONNECT proxy that sends every tunnel to 127.0.0.1:`port`. */
async function startTunnel(port) {
  const proxy = createHttpServer((req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
  return proxy;
}

/** A minimal WebDriver BiDi session: `send(method, params)` and event waits. */
class Bidi {
  constructor(socket) {
    this.socket = socket;
    this.next = 1;
    this.pending = new Map();
    this.listeners = new Set();
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined && this.pending.has(message.id)) {
        const { ok, fail } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'error') fail(new Error(`${message.error}: ${message.message}`));
        else ok(message.result);
      } else if (message.type === 'event') {
        for (const listener of this.listeners) listener(message);
      }
    });
  }

  send(method, params = {}) {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((ok, fail) => this.pending.set(id, { ok, fail }));
  }

  /** Evaluates `expression` (awaiting a promise) in browsing context `context`. */
  async evaluate(context, expression) {
    const result = await this.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      serializationOptions: { maxObjectDepth: 4 },
    });
    if (result.type === 'exception') throw new Error(`${expression}: ${result.exceptionDetails.text}`);
    return deserialize(result.result);
  }
}

function deserialize(value) {
  switch (value.type) {
    case 'undefined':
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'array':
      return value.value.map(deserialize);
    case 'object':
      return Object.fromEntries(value.value.map(([k, v]) => [typeof k === 'string' ? k : deserialize(k), deserialize(v)]));
    default:
      return value.value ?? null;
  }
}

/**
 * Launches firefox-esr with the Firefox build installed; returns
 * `{bidi, base, close}`, where `base` is the extension's moz-extension origin.
 */
export async function launchFirefox(server) {
  const tunnel = await startTunnel(server.port);
  const profile = mkdtempSync(join(tmpdir(), 'vetter-firefox-'));
  const geckoId = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const prefs = {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': tunnel.address().port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': tunnel.address().port,
    // The team server of the agency-mode test listens on loopback, plain http.
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': true,
    // A known moz-extension origin, so the test can open the extension's pages.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'extensions.autoDisableScopes': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'remote.prefs.recommended': true,
    // Optional permissions a click asks for (the team server's origin) are
    // granted without the doorhanger a headless browser cannot answer.
    'extensions.webextOptionalPermissionPrompts': false,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'),
  );
  const browser = spawn(
    FIREFOX_BINARY,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } },
  );
  let log = '';
  const address = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`firefox-esr did not start its remote agent:\n${log}`)), 60_000);
    browser.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    browser.on('exit', (code) => fail(new Error(`firefox-esr exited (${code}):\n${log}`)));
  });
  const socket = new WebSocket(`${address}/session`);
  await new Promise((ok, fail) => {
    socket.once('open', ok);
    socket.once('error', fail);
  });
  const bidi = new Bidi(socket);
  await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  await bidi.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_BUILD } });
  return {
    bidi,
    base: `moz-extension://${uuid}`,
    log: () => log,
    async close() {
      await bidi.send('session.end').catch(() => {});
      socket.close();
      browser.kill();
      await new Promise((ok) => (browser.exitCode !== null ? ok() : browser.once('exit', ok)));
      tunnel.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a new tab at `url`; returns its browsing context id once loaded. */
export async function openTab(bidi, url) {
  const { context } = await bidi.send('browsingContext.create', { type: 'tab' });
  await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
  return context;
}

/** Polls `expression` in `context` until it is truthy; returns its value. */
export async function waitFor(bidi, context, expression, { timeout = 20_000, what = expression } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await bidi.evaluate(context, expression).catch((e) => `error: ${e.message}`);
    if (last && !(typeof last === 'string' && last.startsWith('error: '))) return last;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The child browsing context of `context` whose address starts with `prefix`. */
export async function childFrame(bidi, context, prefix, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const { contexts } = await bidi.send('browsingContext.getTree', { root: context });
    const found = (function search(list) {
      for (const c of list ?? []) {
        if (c.url.startsWith(prefix)) return c.context;
        const inner = search(c.children);
        if (inner) return inner;
      }
      return null;
    })(contexts);
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no frame at ${prefix}… inside the tab`);
}

/**
 * Clicks the element at `selector` in `context` with real pointer input, so
 * that the page sees a user's gesture (permissions.request needs one).
 */
export async function trustedClick(bidi, context, selector) {
  // Input reaches the tab in front only.
  await bidi.send('browsingContext.activate', { context });
  const [x, y] = await bidi.evaluate(
    context,
    `(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`,
  );
  await bidi.send('input.performActions', {
    context,
    actions: [{
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    }],
  });
}
