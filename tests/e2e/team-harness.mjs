// Agency mode's moving parts for the e2e test and `cargo xtask demo --team`:
// a CouchDB-protocol team server on loopback (pouchdb-server, in memory,
// run in a folder of its own), its team database and members, a second
// candidate sharing Daniel Kim's phone, and the recruiter's steps in the
// browser (joining from the options page, giving a verdict in the panel).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { ROOT, panelFrame } from './harness.mjs';

export const SECRET = 'our agency secret 2026';
export const DANIEL_GITHUB = 'https://github.com/dkim-builds';
export const DANIEL_SITE = 'https://daniel-kim-dev.example/';
export const VICTOR_GITHUB = 'https://github.com/victor-lang';
export const VICTOR_SITE = 'https://victor-lang.example/';
export const MARIA_GITHUB = 'https://github.com/mgonzalez-data';
const ADMIN = 'Basic ' + Buffer.from('admin:adminpw').toString('base64');

export const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/**
 * Starts pouchdb-server on loopback with an administrator, the database
 * `team` and its members (`[[name, password], …]`); returns
 * `{url, admin(path, init), stop()}`.
 */
export async function startTeamServer(members) {
  const port = await freePort();
  const bin = joinPath(ROOT, 'node_modules/.bin/pouchdb-server');
  // In a folder of its own: it writes its config.json and log.txt where it runs.
  const work = mkdtempSync(joinPath(tmpdir(), 'vetter-couch-'));
  const child = spawn(bin, ['--in-memory', '--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore', cwd: work });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill();
    rmSync(work, { recursive: true, force: true });
  };
  const admin = async (path, init = {}) => {
    // Node keeps connections alive; one the server has just closed as idle
    // fails at once ("fetch failed") before the request reaches it, so a
    // failed connection is tried again (twice at most) — never a request
    // that got an answer (reading the answer is outside the retry).
    let response;
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await fetch(`${url}${path}`, {
          ...init,
          headers: { authorization: ADMIN, 'content-type': 'application/json', ...(init.headers ?? {}) },
        });
      } catch (error) {
        if (attempt > 2 || !(error instanceof TypeError)) throw error;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    }
    return { status: response.status, json: await response.json() };
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error('pouchdb-server did not start');
      await new Promise((ok) => setTimeout(ok, 200));
    }
    await fetch(`${url}/_config/admins/admin`, { method: 'PUT', body: '"adminpw"' });
    const created = await admin('/team', { method: 'PUT' });
    if (created.status !== 201) throw new Error(`creating the team database: ${JSON.stringify(created.json)}`);
    for (const [name, password] of members) {
      const r = await admin(`/_users/org.couchdb.user:${name}`, {
        method: 'PUT',
        body: JSON.stringify({ name, password, roles: [], type: 'user' }),
      });
      if (r.status !== 201) throw new Error(`creating ${name}: ${JSON.stringify(r.json)}`);
    }
    await admin('/team/_security', {
      method: 'PUT',
      body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: members.map(([n]) => n), roles: [] } }),
    });
  } catch (e) {
    stop();
    throw e;
  }
  return { url, admin, stop };
}

/**
 * The native `vetter` command, built here (`cargo test --workspace` has
 * built it before the e2e tests in `cargo xtask test`: then this is quick).
 */
export function vetterBinary() {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'vetter'], { cwd: ROOT, stdio: 'inherit' });
  return joinPath(process.env.CARGO_TARGET_DIR ?? joinPath(ROOT, 'target'), 'debug', 'vetter');
}

/** Serves Victor Lang: another name and site, Daniel Kim's phone number. */
export function routeVictor(server) {
  const swap = (html) =>
    html
      .replaceAll('dkim-builds', 'victor-lang')
      .replaceAll('daniel-kim-dev', 'victor-lang')
      .replaceAll('Daniel Kim', 'Victor Lang')
      .replaceAll('Jin Park', 'Victor Lang')
      .replaceAll('daniel.kim.dev@example.com', 'victor.lang@example.org')
      .replace(/<a rel="nofollow me"[^>]*upwork[^>]*>[^<]*<\/a>/g, '');
  server.route(VICTOR_GITHUB, swap(readFileSync(joinPath(ROOT, 'demo/daniel-kim/github.html'), 'utf8')));
  server.route(VICTOR_SITE, swap(readFileSync(joinPath(ROOT, 'demo/daniel-kim/portfolio.html'), 'utf8')));
}

export async function optionsPage(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/options.html`);
  return page;
}

/** The name a recruiter's verdicts carry. */
export async function setRecruiter(browser, name) {
  const page = await optionsPage(browser);
  await page.evaluate((n) => chrome.runtime.sendMessage({ type: 'vetter/set-user', name: n }), name);
  await page.close();
}

/** Joins the team from the options page; returns the status line once settled. */
export async function join(browser, { url, user, password, secret = SECRET }) {
  const page = await optionsPage(browser);
  // The page first shows the last sync's outcome; emptied, the line then shows this join's.
  await page.waitForFunction(() => document.getElementById('team-status').textContent.length > 0);
  await page.evaluate(() => {
    const line = document.getElementById('team-status');
    line.textContent = '';
    delete line.dataset.state;
  });
  await page.fill('#team [name=url]', url);
  await page.fill('#team [name=db]', 'team');
  await page.fill('#team [name=user]', user);
  await page.fill('#team [name=password]', password);
  await page.fill('#team [name=secret]', secret);
  await page.click('#team button[type=submit]');
  await page.waitForFunction(() => ['synced', 'error'].includes(document.getElementById('team-status').dataset.state), null, { timeout: 30_000 });
  const status = { state: await page.$eval('#team-status', (p) => p.dataset.state), text: await page.textContent('#team-status') };
  await page.close();
  return status;
}

/** Presses "Sync now" on the options page; returns the status line. */
export async function syncNow(browser) {
  const page = await optionsPage(browser);
  await page.waitForFunction(() => document.getElementById('team-status').textContent.length > 0);
  // Emptied first: the line then shows this sync's outcome, not the last one's.
  await page.evaluate(() => (document.getElementById('team-status').textContent = ''));
  await page.click('#team-sync');
  await page.waitForFunction(() => /Synced|failed/.test(document.getElementById('team-status').textContent));
  const text = await page.textContent('#team-status');
  await page.close();
  return text;
}

/** Opens a GitHub profile and the personal site it links to; returns the site's page and panel. */
export async function openCase(browser, github, site) {
  const gh = await browser.context.newPage();
  await gh.goto(github);
  await panelFrame(gh);
  const page = await browser.context.newPage();
  await page.goto(site);
  return { gh, page, frame: await panelFrame(page) };
}

export async function giveVerdict(frame, verdict, reason) {
  await frame.selectOption('#verdict-kind', verdict);
  await frame.fill('#verdict-reason', reason);
  await frame.click('button[data-action="verdict"]');
  await frame.waitForSelector(`.verdict-standing[data-verdict="${verdict}"]`);
}

export async function waitFor(what, check, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}
