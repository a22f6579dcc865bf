// End-to-end: cases across tabs and candidates — the IndexedDB store,
// linking from the panel, template and photo reuse, and persistence through
// a worker stop and a browser restart (same profile directory).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, launch, panelFlags, panelFrame, stopServiceWorkers, useBrowser, workerAnswer } from './harness.mjs';

const DANIEL_UPWORK = 'https://www.upwork.com/freelancers/~01demo0001';
const DANIEL_GITHUB = 'https://github.com/dkim-builds';
const UPWORK_PAGE = readFileSync(join(ROOT, 'demo/daniel-kim/upwork.html'), 'utf8');

const TEMPLATE = (first) => `Hello! I am ${first}, a senior full stack engineer with 8 years of experience building scalable
web applications for startups and enterprises across fintech, healthcare and e-commerce. I take ownership of every
project from the first sketch to deployment, communicate daily and deliver clean, tested code on time. Let us build
something great together.`;

const env = useBrowser({ before, after });

/** An Upwork profile page for another (fictional) candidate. */
function upworkPage(id, name, bio, photo) {
  const first = name.split(' ')[0];
  return UPWORK_PAGE.replaceAll('~01demo0001', id)
    .replaceAll('Daniel K.', name)
    .replaceAll('Hire Daniel', `Hire ${first}`)
    .replace('avatar-daniel.jpg', photo)
    .replace(/(<span id="air3-truncation-1"[^>]*>)[\s\S]*?(<\/span>)/, `$1${bio}$2`);
}

function addCandidate(id, name, bio, photo) {
  const url = `https://www.upwork.com/freelancers/${id}`;
  env.server.route(url, upworkPage(id, name, bio, photo));
  return url;
}

/** Waits until the badge shows the score the panel beside it shows; returns both. */
async function badgeMatchesPanel(page) {
  const frame = await panelFrame(page);
  const badge = await (await frame.frameElement()).evaluateHandle((el) => el.previousElementSibling.firstElementChild);
  const deadline = Date.now() + 5_000;
  let seen;
  do {
    seen = { score: await frame.evaluate(() => document.body.dataset.score), badge: await badge.asElement().textContent() };
    if (seen.badge.endsWith(` · ${seen.score}/100`)) return seen;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  assert.fail(`the badge and the panel disagree: ${JSON.stringify(seen)}`);
}

async function open(url) {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  return page;
}

/** Waits until the panel in `page` lists `flag` (or, with `present: false`, settles without it). */
/**
 * Waits for `flag` to be shown in the page's panel; with `present: false`,
 * watches for `timeout` that it is not, and requires the panel to have
 * rendered (a broken panel shows no flags either).
 */
async function waitForFlag(page, flag, { present = true, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  let seen = [];
  let rendered = false;
  while (Date.now() < deadline) {
    try {
      const frame = await panelFrame(page);
      rendered ||= (await frame.$eval('body', (b) => b.dataset.ready)) === 'true';
      seen = await panelFlags(frame);
    } catch {
      seen = [];
    }
    if (present && seen.includes(flag)) return seen;
    if (!present && rendered && seen.includes(flag)) break;
    await page.waitForTimeout(200);
  }
  if (!present) {
    assert.ok(rendered, `the panel on ${page.url()} never rendered`);
    assert.ok(!seen.includes(flag), `${flag} shown on ${page.url()}`);
    return seen;
  }
  assert.fail(`${flag} not shown on ${page.url()}; panel lists ${JSON.stringify(seen)}`);
}

async function findingText(page, flag) {
  return (await panelFrame(page)).$eval(`[data-flag="${flag}"]`, (el) => el.innerText);
}

/** Asks the worker from an extension page, as the options page does. */
async function ask(message) {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  const reply = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
  return reply;
}

/** JPEG pictures drawn by the browser: a "portrait", the same one resized and re-compressed, and another. */
async function pictures() {
  const page = await env.browser.context.newPage();
  const urls = await page.evaluate(async () => {
    const draw = (seed) => {
      const c = new OffscreenCanvas(240, 240);
      const g = c.getContext('2d');
      const sky = g.createLinearGradient(0, 0, 0, 240);
      sky.addColorStop(0, seed ? '#2a4d69' : '#ddd3c0');
      sky.addColorStop(1, seed ? '#e8c07d' : '#5b3a29');
      g.fillStyle = sky;
      g.fillRect(0, 0, 240, 240);
      g.fillStyle = seed ? '#f1d1b5' : '#c68642';
      g.beginPath();
      g.ellipse(seed ? 80 : 120, 105, 60, 78, 0, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#222';
      g.fillRect(seed ? 40 : 60, seed ? 20 : 180, 130, 36);
      return c;
    };
    const toDataUrl = async (canvas, quality) => {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return btoa(String.fromCharCode(...bytes));
    };
    const original = draw(0);
    const small = new OffscreenCanvas(117, 117);
    small.getContext('2d').drawImage(original, 0, 0, 117, 117);
    return [await toDataUrl(original, 0.92), await toDataUrl(small, 0.55), await toDataUrl(draw(1), 0.9)];
  });
  await page.close();
  return urls.map((b64) => ({ body: Buffer.from(b64, 'base64'), type: 'image/jpeg' }));
}

describe('cases across tabs', () => {
  test('two tabs of one candidate opened at once become one case, and neither write is lost', async () => {
    const [upwork, github] = await Promise.all([open(DANIEL_UPWORK), open(DANIEL_GITHUB)]);
    for (const page of [upwork, github]) await waitForFlag(page, 'NAME_MISMATCH');
    const { cases } = await ask({ type: 'vetter/cases' });
    const daniel = cases.find((c) => c.profiles === 2 && c.sites.includes('GitHub') && c.sites.includes('Upwork'));
    assert.ok(daniel, JSON.stringify(cases));
    // Both writes reached the database: a restarted worker reads the case back from it.
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    const { cases: reloaded } = await ask({ type: 'vetter/cases' });
    assert.ok(
      reloaded.some((c) => c.profiles === 2 && c.sites.includes('GitHub') && c.sites.includes('Upwork')),
      JSON.stringify(reloaded),
    );
    const text = await (await panelFrame(upwork)).$eval('#panel', (el) => el.innerText);
    assert.match(text, /seen \d{4}-\d\d-\d\d/, 'each profile shows when it was seen');
  });

  test('the recruiter can unlink a profile from the panel and merge it back', async () => {
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    await frame.click('li.profile:has-text("GitHub") >> button[data-action="separate"]');
    const again = await panelFrame(page);
    await again.waitForFunction(() => /PROFILES IN THIS CASE \(1\)/i.test(document.getElementById('panel').innerText));
    let flags = await waitForFlag(page, 'NAME_MISMATCH', { present: false, timeout: 3_000 });
    assert.ok(!flags.includes('NAME_MISMATCH'), `separated: ${flags}`);
    // Issue #16: the badge beside the panel kept the score of the page's
    // first read while the panel showed the case as it is now.
    const separated = await badgeMatchesPanel(page);
    await again.waitForSelector('#merge-target option[value="github:dkim-builds"]', { state: 'attached' });
    await again.selectOption('#merge-target', 'github:dkim-builds');
    await again.click('button[data-action="merge"]');
    flags = await waitForFlag(page, 'NAME_MISMATCH');
    assert.ok(flags.includes('LOCATION_MISMATCH'));
    const merged = await badgeMatchesPanel(page);
    assert.ok(Number(merged.score) > Number(separated.score), JSON.stringify({ merged, separated }));
  });
});

describe('reuse across candidates', () => {
  test('two candidates whose bios share a template both show TEMPLATE_REUSE, pointing at each other', async () => {
    const a = addCandidate('~01tmpl0001', 'Ahmed S.', TEMPLATE('Ahmed'), 'none-a.jpg');
    const b = addCandidate('~01tmpl0002', 'Viktor P.', TEMPLATE('Viktor').replace('8 years', '9 years'), 'none-b.jpg');
    const c = addCandidate('~01tmpl0003', 'Lena M.', 'Data engineer. I build reliable pipelines in Python and dbt, and I like teaching teams to own their data quality with simple tests and clear dashboards that people actually read and use every single week.', 'none-c.jpg');
    const pageA = await open(a);
    const pageB = await open(b);
    const pageC = await open(c);
    await waitForFlag(pageA, 'TEMPLATE_REUSE');
    await waitForFlag(pageB, 'TEMPLATE_REUSE');
    assert.match(await findingText(pageA, 'TEMPLATE_REUSE'), /Viktor P\./);
    assert.match(await findingText(pageB, 'TEMPLATE_REUSE'), /Ahmed S\./);
    assert.match(await findingText(pageA, 'TEMPLATE_REUSE'), /scalable web applications/);
    const flagsC = await waitForFlag(pageC, 'TEMPLATE_REUSE', { present: false, timeout: 2_000 });
    assert.ok(!flagsC.includes('TEMPLATE_REUSE'));
  });

  test('two candidates with the same photo (resized, re-compressed) both show PHOTO_REUSE', async () => {
    const [original, resized, other] = await pictures();
    env.server.route('https://www.upwork.com/freelancers/photo-d.jpg', original);
    env.server.route('https://www.upwork.com/freelancers/photo-e.jpg', resized);
    env.server.route('https://www.upwork.com/freelancers/photo-f.jpg', other);
    const d = addCandidate('~01foto0001', 'Omar D.', 'Mobile developer building Flutter apps for retail chains.', 'photo-d.jpg');
    const e = addCandidate('~01foto0002', 'Pavel E.', 'Backend developer focused on Go services and Postgres.', 'photo-e.jpg');
    const f = addCandidate('~01foto0003', 'Rita F.', 'Designer and front-end developer for small businesses.', 'photo-f.jpg');
    const [pageD, pageE, pageF] = [await open(d), await open(e), await open(f)];
    await waitForFlag(pageD, 'PHOTO_REUSE');
    await waitForFlag(pageE, 'PHOTO_REUSE');
    assert.match(await findingText(pageD, 'PHOTO_REUSE'), /Pavel E\./);
    assert.match(await findingText(pageE, 'PHOTO_REUSE'), /Omar D\./);
    // Only once F's photo is hashed does its absence of PHOTO_REUSE mean anything.
    assert.equal(await workerAnswer(env.browser.context, 'photo:https://www.upwork.com/freelancers/photo-f.jpg'), 'hashed');
    const flagsF = await waitForFlag(pageF, 'PHOTO_REUSE', { present: false, timeout: 2_000 });
    assert.ok(!flagsF.includes('PHOTO_REUSE'));
  });
});

describe('photos', () => {
  // Issue #16: the worker fetched any http(s) address a page named as a
  // photo, loopback and the recruiter's own network included, read the
  // whole body before checking its size, with no time limit or type check.
  test('are fetched only from public addresses, of an image type, with their size read first', async () => {
    const [picture] = await pictures();
    const local = `https://127.0.0.1:${env.server.port}/private/photo.jpg`;
    env.server.route(local, picture);
    env.server.route('https://www.upwork.com/freelancers/page.jpg', { body: Buffer.from('<html>hi</html>'), type: 'text/html' });
    const g = addCandidate('~01foto0004', 'Gina G.', 'QA engineer automating web tests with Playwright.', local);
    const h = addCandidate('~01foto0005', 'Hugo H.', 'Data engineer moving batch jobs to streaming.', 'page.jpg');
    await open(g);
    await open(h);
    assert.equal(await workerAnswer(env.browser.context, `photo:${local}`), 'failed', 'a loopback address is never fetched');
    assert.equal(await workerAnswer(env.browser.context, 'photo:https://www.upwork.com/freelancers/page.jpg'), 'failed', 'not a picture');
    const worker = env.browser.context.serviceWorkers().at(-1);
    const checks = await worker.evaluate(() => {
      const { isPublicPhotoAddress: ok, imageSize } = globalThis.__vetterPhotoChecks;
      const png = new Uint8Array(24);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0]);
      return {
        refused: ['http://localhost/a.jpg', 'http://10.0.0.8/a.jpg', 'http://[::1]/a.jpg', 'http://2130706433/a.jpg', 'http://0x7f.1/a.jpg',
          'http://intranet/a.jpg', 'https://nas.local/a.jpg', 'https://git.corp/a.jpg', 'https://cdn.example.com:8443/a.jpg',
          'https://user:pw@cdn.example.com/a.jpg', 'file:///etc/passwd', 'ftp://cdn.example.com/a.jpg'].filter(ok),
        allowed: ['https://media.licdn.com/dms/image/abc', 'https://avatars.githubusercontent.com/u/1?v=4'].map(ok),
        pngSize: imageSize(png),
      };
    });
    assert.deepEqual(checks.refused, []);
    assert.deepEqual(checks.allowed, [true, true]);
    assert.deepEqual(checks.pngSize, [100_000, 100_000], 'a decompression bomb is refused by its header');
  });
});

describe('the store', () => {
  test('a damaged record is set aside and reported; the other cases stay', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('vetter');
          req.onsuccess = () => {
            const tx = req.result.transaction('profiles', 'readwrite');
            tx.objectStore('profiles').put('{"schema":2,"key":"github:broken1","stored":', 'github:broken1');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.close();
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    const upwork = await open(DANIEL_UPWORK);
    await waitForFlag(upwork, 'NAME_MISMATCH');
    const text = await (await panelFrame(upwork)).$eval('#panel', (el) => el.innerText);
    assert.match(text, /github:broken1/);
    assert.match(text, /set aside/);
  });

  // Issue #16: the worker read preferences and lists from storage.local as
  // they were, and storage.local is writable from content scripts.
  test('what the worker reads from storage is checked', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
    await page.evaluate(() =>
      chrome.storage.local.set({
        'vetter.prefs': { minSeverity: '<b>x</b>', disabledSites: 'GitHub, Upwork', githubChecks: 'yes', githubToken: 'ghp_x\nAuthorization: y' },
        'vetter.lists': [{ kind: 'evil', name: 7, text: {} }],
        'vetter.panelPlace': { dock: 'top', position: { x: 'NaN', y: -1 } },
      }),
    );
    await page.close();
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
    const seen = await options.evaluate(async () => ({
      prefs: (await chrome.runtime.sendMessage({ type: 'vetter/prefs' })).prefs,
      place: await chrome.runtime.sendMessage({ type: 'vetter/panel-place' }),
      lists: (await chrome.runtime.sendMessage({ type: 'vetter/lists' })).imported,
    }));
    assert.deepEqual(seen.prefs, { disabledSites: [], minSeverity: 'info', githubChecks: false, githubToken: '' });
    assert.deepEqual(seen.place, { dock: 'right', position: null });
    assert.deepEqual(seen.lists, []);
    await options.evaluate(() => chrome.storage.local.remove(['vetter.prefs', 'vetter.lists', 'vetter.panelPlace']));
    await options.close();
    const upwork = await open(DANIEL_UPWORK);
    await waitForFlag(upwork, 'NAME_MISMATCH');
  });

  test('the options page exports, deletes and imports cases', async () => {
    const page = await env.browser.context.newPage();
    page.on('dialog', (d) => d.accept());
    await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
    await page.waitForSelector('#cases tbody tr');
    const before = await page.$$eval('#cases tbody tr', (rows) => rows.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.format, 'vetter-cases');
    // Copies set aside: the record the previous test damaged, and a schema-1
    // store that could not be read. "Delete everything" covers them too (issue #16).
    const setAside = () =>
      page.evaluate(async () => {
        const unreadable = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('vetter.store.unreadable.'));
        const quarantined = await new Promise((resolve, reject) => {
          const req = indexedDB.open('vetter');
          req.onsuccess = () => {
            const get = req.result.transaction('quarantine', 'readonly').objectStore('quarantine').count();
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          };
          req.onerror = () => reject(req.error);
        });
        return { unreadable: unreadable.length, quarantined };
      });
    await page.evaluate(() => chrome.storage.local.set({ 'vetter.store.unreadable.1700000000000': '{"version":1,' }));
    assert.deepEqual(await setAside(), { unreadable: 1, quarantined: 1 });
    await page.click('#delete-all');
    await page.waitForFunction(() => document.querySelectorAll('#cases tbody tr').length === 0);
    await page.waitForFunction(async () => {
      const keys = Object.keys(await chrome.storage.local.get(null));
      return !keys.some((k) => k.startsWith('vetter.store.unreadable.'));
    });
    assert.deepEqual(await setAside(), { unreadable: 0, quarantined: 0 });
    await page.setInputFiles('#import-cases input[type=file]', file);
    await page.click('#import-cases button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('#cases tbody tr').length === n, before);
    await page.setInputFiles('#import-cases input[type=file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"vetter-cases","schema":2,"profiles":[{') });
    await page.click('#import-cases button[type=submit]');
    await page.waitForSelector('#cases-status.error');
    assert.match(await page.textContent('#cases-status'), /Nothing was changed/);
    assert.equal(await page.$$eval('#cases tbody tr', (rows) => rows.length), before);
  });

  test('cases and reuse findings survive a browser restart (same profile directory)', async () => {
    const { userDataDir } = env.browser;
    await env.browser.context.close();
    env.browser = await launch(env.server, { userDataDir });
    const page = await open('https://www.upwork.com/freelancers/~01tmpl0001');
    await waitForFlag(page, 'TEMPLATE_REUSE');
    const photo = await open('https://www.upwork.com/freelancers/~01foto0001');
    await waitForFlag(photo, 'PHOTO_REUSE');
    const github = await open(DANIEL_GITHUB);
    await waitForFlag(github, 'NAME_MISMATCH');
  });
});
