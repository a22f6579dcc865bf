// End-to-end: profiles of more sites, a candidate's personal site reached
// from their profile, and "Analyse selection with Vetter".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT, hasVetterHost, panelFrame, pressToolbarButton, useBrowser, workerAnswer } from './harness.mjs';

const env = useBrowser({ before, after });

async function panelText(url) {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  const frame = await panelFrame(page);
  return { page, frame, text: await frame.$eval('#panel', (el) => el.innerText) };
}

test('a LinkedIn profile under its real hostname shows the extracted profile', async () => {
  const { text } = await panelText('https://www.linkedin.com/in/marisol-quintero-4a7b21');
  assert.match(text, /LinkedIn Marisol Quintero/);
});

test('a Stack Overflow user page shows the extracted profile', async () => {
  const { text } = await panelText('https://stackoverflow.com/users/4100172/olena-bondarenko');
  assert.match(text, /Stack Overflow Olena Bondarenko/);
});

test('a personal site linked from a profile is read and joins its case', async () => {
  await panelText('https://github.com/obondarenko-dev');
  const { text } = await panelText('https://olena-bondarenko.example/');
  assert.match(text, /Website Olena Bondarenko/);
  assert.match(text, /GitHub Olena Bondarenko/);
});

// Issue #16: Vetter asked for host access to every HTTPS site.
test('the Chrome build asks for the supported sites only; other sites on the recruiter\'s request', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const broad = manifest.host_permissions.filter((h) => /^(<all_urls>|\*:|https?:\/\/\*\/)/.test(h));
  assert.deepEqual(broad, []);
  assert.ok(manifest.permissions.includes('activeTab'), 'the toolbar button and the context menu work through activeTab');
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
});

test('a linked site on an origin the recruiter has not allowed is offered, not read', async () => {
  const github = readFileSync(join(ROOT, 'tests/fixtures/pages/github/complete.html'), 'utf8');
  const site = readFileSync(join(ROOT, 'tests/fixtures/pages/portfolio/jsonld.html'), 'utf8');
  env.server.route('https://github.com/olena-elsewhere', github.replaceAll('obondarenko-dev', 'olena-elsewhere').replaceAll('olena-bondarenko.example', 'olena-bondarenko.example.org'));
  env.server.route('https://olena-bondarenko.example.org/', site.replaceAll('olena-bondarenko.example', 'olena-bondarenko.example.org'));
  const { frame } = await panelText('https://github.com/olena-elsewhere');
  await frame.waitForSelector('#site-access button[data-origin="https://olena-bondarenko.example.org"]');
  // Without access the browser does not even tell the worker which page the
  // tab shows: nothing is read (the same site on an allowed origin is, above).
  const page = await env.browser.context.newPage();
  await page.goto('https://olena-bondarenko.example.org/');
  await page.waitForTimeout(2_000);
  assert.equal(await hasVetterHost(page), false);
  const worker = env.browser.context.serviceWorkers().at(-1);
  assert.equal(await worker.evaluate(() => globalThis.vetterAnswered('https://olena-bondarenko.example.org/')), null);
});

test('a site nobody links to is not read', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://alex-dev-portfolio.example/');
  assert.equal(await workerAnswer(env.browser.context, 'https://alex-dev-portfolio.example/'), 'not linked');
  assert.equal(await hasVetterHost(page), false);
});

test('a selection analysed from the context menu joins the page\'s case', async () => {
  const { page } = await panelText('https://github.com/dkim-builds');
  const worker = env.browser.context.serviceWorkers().at(-1);
  const key = await worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return globalThis.vetterAnalyseSelection(tab, "Daniel: let's continue on tele gram\nDaniel: USDT TRC20 is fine");
  }, page.url());
  assert.match(key, /^selection:/);
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline && !/2 messages/.test(text)) {
    text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
    await page.waitForTimeout(200);
  }
  assert.match(text, /PROFILES IN THIS CASE \(2\)/i, text);
});

// The badge of a page where nothing was read (no case to open).
async function noticeBadge(page, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().includes('/panel.html'));
    if (frame) {
      const badge = await (await frame.frameElement()).evaluateHandle((el) => el.previousElementSibling.firstElementChild);
      const text = await badge.asElement()?.textContent();
      if (text?.startsWith('Vetter: ')) return { badge: badge.asElement(), text };
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no notice badge on ${page.url()}`);
}

test('a sign-in wall or a "not found" page where a profile should be says so, and becomes no candidate', async () => {
  for (const [url, why] of [
    // Skeletons of real LinkedIn pages: the guest home page shown instead of a profile, and "Profile Not Found".
    ['https://www.linkedin.com/in/zhill-3/', /LinkedIn shows a sign-in wall: nothing was read/],
    ['https://www.linkedin.com/in/trqfacpsletezcs/', /LinkedIn says this profile does not exist or is not visible: nothing was read/],
  ]) {
    const page = await env.browser.context.newPage();
    await page.goto(url);
    assert.equal(await workerAnswer(env.browser.context, url), 'none');
    const { badge, text } = await noticeBadge(page);
    assert.match(text, why);
    await badge.click();
    assert.equal(await badge.getAttribute('aria-expanded'), 'false', 'nothing to open');
    await page.close();
  }
});

test('a field the page does not show is said to be missing, can be entered by hand, and stays on a re-read', async () => {
  const url = 'https://www.linkedin.com/in/tarek-haddad-91b3c0';
  const { page, frame, text } = await panelText(url);
  assert.match(text, /Location not found on this page: the site's layout may have changed/);
  await frame.click('details.enter summary');
  await frame.selectOption('#enter-field', 'location');
  await frame.fill('#enter-value', 'Beirut, Lebanon');
  await frame.click('button[data-action="enter-field"]');
  const entered = /Location “Beirut, Lebanon” entered by/;
  await frame.waitForFunction((re) => new RegExp(re).test(document.getElementById('panel').innerText), entered.source);
  assert.doesNotMatch(await frame.$eval('#panel', (el) => el.innerText), /Location not found on this page/);
  // The page is read again: the entry stays, marked as the recruiter's.
  await page.reload();
  const again = await panelFrame(page);
  await again.waitForFunction((re) => new RegExp(re).test(document.getElementById('panel').innerText), entered.source);
  assert.match(await again.$eval('#panel', (el) => el.innerText), /Beirut, Lebanon/);
});

// The toolbar button reads the page it is pressed on through activeTab: on
// an http or https site the recruiter never allowed, that page and only on
// that click (before it, the browser does not even tell Vetter the address).
for (const url of ['http://jane-doe.example.net/', 'https://jane-doe.example.org/cv']) {
  test(`the toolbar button reads ${new URL(url).protocol.slice(0, -1)} pages Vetter has no access to`, async () => {
    env.server.route(url, readFileSync(join(ROOT, 'tests/fixtures/pages/portfolio/jsonld.html'), 'utf8'));
    const page = await env.browser.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1_000);
    const worker = () => env.browser.context.serviceWorkers().at(-1);
    assert.equal(await worker().evaluate((u) => globalThis.vetterAnswered(u), url), null, 'not read before the click');
    assert.equal(await hasVetterHost(page), false);
    await pressToolbarButton(env.browser.context, env.browser.extensionId, page);
    const frame = await panelFrame(page);
    assert.match(await frame.$eval('#panel', (el) => el.innerText), /Website Olena Bondarenko/);
    assert.equal(await workerAnswer(env.browser.context, url), 'profile');
  });
}

// "Analyse selection" on an http page Vetter has no access to: the selection
// comes with the menu click (no host access needed) and is analysed; showing
// the panel then needs the click's activeTab grant, the toolbar button's
// path above, which the suite can press and a context menu it cannot.
test('a selection on an http page without access is analysed', async () => {
  const url = 'http://selection-only.example.net/';
  env.server.route(url, '<!doctype html><title>Notes</title><p>Daniel: USDT TRC20 is fine, add me on tele gram</p>');
  const page = await env.browser.context.newPage();
  await page.goto(url);
  const worker = env.browser.context.serviceWorkers().at(-1);
  await page.bringToFront();
  const key = await worker.evaluate(async (u) => {
    // Without access the extension does not see the tab's address; the menu
    // click hands it over with the tab, as here.
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab.url !== undefined) throw new Error('the test needs a page Vetter cannot see');
    return globalThis.vetterAnalyseSelection({ ...tab, url: u }, 'Daniel: USDT TRC20 is fine, add me on tele gram');
  }, url);
  assert.match(key ?? '', /^selection:/);
  assert.equal(await hasVetterHost(page), false, 'no panel without the click\'s grant');
});
