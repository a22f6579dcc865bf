// GitHub checks (issue #17): off by default (no request leaves the browser);
// turned on in the options page, the account's public history is fetched
// from "api.github.com" (the test server, answering with recorded API
// answers from tests/fixtures/github-api/), within the per-account bound,
// once (kept for a week, then asked again with the entity tags kept, which
// GitHub answers with 304), and its signals reach the panel.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, panelFlags, panelFrame, useBrowser, workerAnswer } from './harness.mjs';

const env = useBrowser({ before, after });
const LOGIN = 'dkim-builds'; // the demo GitHub profile
const PROFILE = `https://github.com/${LOGIN}`;

/** Serves the recorded "backdated" account as LOGIN's. */
function serveRecordedAccount() {
  const dir = join(ROOT, 'tests/fixtures/github-api/backdated');
  const as = (file) => {
    const body = readFileSync(file, 'utf8').replaceAll('mira-codes', LOGIN);
    return { body, type: 'application/json; charset=utf-8', csp: false, etag: `"${body.length.toString(16)}"` };
  };
  env.server.route(`https://api.github.com/users/${LOGIN}`, as(join(dir, 'user.json')));
  env.server.route(`https://api.github.com/users/${LOGIN}/repos`, as(join(dir, 'repos.json')));
  for (const file of readdirSync(join(dir, 'commits'))) {
    const repo = file.replace(/\.json$/, '');
    env.server.route(`https://api.github.com/repos/${LOGIN}/${repo}/commits`, as(join(dir, 'commits', file)));
  }
}

async function openProfile() {
  const page = await env.browser.context.newPage();
  await page.goto(PROFILE);
  const frame = await panelFrame(page);
  return { page, frame };
}

test('with GitHub checks off no request goes to the GitHub API', async () => {
  serveRecordedAccount();
  const { page } = await openProfile();
  await page.waitForTimeout(1_500);
  assert.deepEqual(env.server.requests('api.github.com'), []);
  await page.close();
});

test('turned on, the history is fetched once, within the bound, and its signals reach the panel', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  await options.check('input[name=githubChecks]');
  await options.click('#prefs button[type=submit]');
  await options.waitForFunction(() => document.getElementById('prefs-status').textContent.length > 0);
  const saved = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'vetter/prefs' }));
  assert.equal(saved.prefs.githubChecks, true);

  const { page } = await openProfile();
  assert.equal(await workerAnswer(env.browser.context, `github:${LOGIN}`, 15_000), 'fetched');
  const requests = env.server.requests('api.github.com');
  assert.ok(requests.length >= 3 && requests.length <= 10, `${requests.length} requests: ${requests.join(', ')}`);
  assert.ok(requests.every((r) => r.startsWith(`/users/${LOGIN}`) || r.startsWith(`/repos/${LOGIN}/`)), requests.join(', '));
  const deadline = Date.now() + 10_000;
  let flags = [];
  while (Date.now() < deadline && !flags.includes('GITHUB_BACKDATED_COMMITS')) {
    flags = await panelFlags(await panelFrame(page));
    await page.waitForTimeout(200);
  }
  assert.ok(flags.includes('GITHUB_BACKDATED_COMMITS'), flags.join(', '));
  // The panel's "GitHub history": the account's dates and its commit hours.
  const history = await (await panelFrame(page)).$eval(`section[data-github="${LOGIN}"]`, (el) => ({
    text: el.innerText,
    bars: el.querySelectorAll('svg.hours rect').length,
  }));
  assert.equal(history.bars, 24);
  assert.match(history.text, /Account created 2024-06-01/);

  // Read again: the history is kept, nothing is asked again.
  await page.reload();
  await panelFrame(page);
  await page.waitForTimeout(1_500);
  assert.equal(env.server.requests('api.github.com').length, requests.length);
});

test('a week later it is asked again conditionally, and the unchanged answers keep the history', async () => {
  const before = env.server.requests('api.github.com').length;
  assert.ok(before >= 3);
  assert.deepEqual(env.server.conditionalRequests('api.github.com'), []);
  // The worker's clock, eight days on.
  const worker = env.browser.context.serviceWorkers().at(-1);
  await worker.evaluate(() => {
    const now = Date.now;
    Date.now = () => now() + 8 * 86_400_000;
  });
  const { page } = await openProfile();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && env.server.requests('api.github.com').length < 2 * before) {
    await page.waitForTimeout(100);
  }
  const again = env.server.requests('api.github.com').slice(before);
  assert.equal(again.length, before, again.join(', '));
  assert.deepEqual(env.server.conditionalRequests('api.github.com'), again);
  // Answered 304 throughout, the history (and its signal) stands.
  let flags = [];
  while (Date.now() < deadline + 5_000 && !flags.includes('GITHUB_BACKDATED_COMMITS')) {
    flags = await panelFlags(await panelFrame(page));
    await page.waitForTimeout(200);
  }
  assert.ok(flags.includes('GITHUB_BACKDATED_COMMITS'), flags.join(', '));
  assert.equal(await workerAnswer(env.browser.context, `github:${LOGIN}`), 'fetched');
  // Fetched anew (on the worker's clock), not the week-old history left in place.
  const fetchedDay = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
  const text = await (await panelFrame(page)).$eval(`section[data-github="${LOGIN}"]`, (el) => el.innerText);
  assert.ok(text.includes(fetchedDay), text);
  await page.close();
});

/**
 * Serves the recorded account of `dir` at `login`'s addresses, with a GitHub
 * page claiming the case's place and words. The account answers as `login`,
 * except a renamed one, which answers with its new login (read at its old address).
 */
function serveCase(dir, login, renamed) {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const claims = meta.profiles[0];
  const etagged = (file) => {
    const recorded = readFileSync(file, 'utf8');
    const body = renamed ? recorded : recorded.replaceAll(meta.login, login);
    return { body, type: 'application/json; charset=utf-8', csp: false, etag: `"${body.length.toString(16)}"` };
  };
  env.server.route(`https://api.github.com/users/${login}`, etagged(join(dir, 'user.json')));
  env.server.route(`https://api.github.com/users/${login}/repos`, etagged(join(dir, 'repos.json')));
  for (const kind of ['commits', 'stargazers']) {
    let files = [];
    try {
      files = readdirSync(join(dir, kind));
    } catch {}
    for (const file of files) {
      const repo = file.replace(/\.json$/, '');
      env.server.route(`https://api.github.com/repos/${login}/${repo}/${kind}`, etagged(join(dir, kind, file)));
    }
  }
  // The demo GitHub page, as this account's, claiming the case's place and
  // bio, without the demo's links to other profiles.
  const bio = claims.bio ?? 'Full-stack developer.';
  const page = readFileSync(join(ROOT, 'demo/daniel-kim/github.html'), 'utf8')
    .replaceAll(LOGIN, login)
    .replaceAll('Warsaw, Poland', claims.location)
    .replaceAll('Full-stack JS developer. React / Node.', bio)
    .replace(/<a rel="nofollow me"[^>]*>[^<]*<\/a>/g, '');
  env.server.route(`https://github.com/${login}`, page);
  return meta.expect;
}

const SIGNALS = [
  'GITHUB_BACKDATED_COMMITS', 'GITHUB_COMMIT_AUTHORS', 'GITHUB_COPIED_REPOSITORY', 'GITHUB_DORMANT_REVIVED',
  'GITHUB_RENAMED', 'GITHUB_STAR_BURST', 'WORK_HOURS_MISMATCH',
];

test('each recorded account raises its signal in the panel, the ordinary ones none', async () => {
  const root = join(ROOT, 'tests/fixtures/github-api');
  const cases = readdirSync(root).filter((c) => !c.includes('.'));
  assert.ok(cases.length >= 10, cases.join(', '));
  const failures = [];
  for (const [i, name] of cases.entries()) {
    const login = `case${i}-${name}`.slice(0, 39);
    const expect = serveCase(join(root, name), login, name === 'renamed');
    const page = await env.browser.context.newPage();
    await page.goto(`https://github.com/${login}`);
    await panelFrame(page);
    assert.equal(await workerAnswer(env.browser.context, `github:${login}`, 15_000), 'fetched', name);
    // The panel shows the fetched history, then its flags.
    let flags = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const frame = await panelFrame(page);
      if (await frame.$('section[data-github]')) {
        flags = (await panelFlags(frame)).filter((f) => SIGNALS.includes(f));
        if (expect.every((f) => flags.includes(f))) break;
      }
      await page.waitForTimeout(200);
    }
    if (JSON.stringify([...new Set(flags)].sort()) !== JSON.stringify([...expect].sort())) failures.push(`${name}: ${flags} (expected ${expect})`);
    await page.close();
  }
  assert.deepEqual(failures, []);
  for (const r of env.server.requests('api.github.com')) assert.ok(!/followers|following|contributors/.test(r), r);
});
