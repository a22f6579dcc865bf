// End-to-end: the built extension in Debian's Chromium, on saved pages
// served under their real hostnames.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasVetterHost, panelFlags, panelFrame, stopServiceWorkers, useBrowser, workerAnswer } from './harness.mjs';

const DANIEL_UPWORK = 'https://www.upwork.com/freelancers/~01demo0001';
const DANIEL_GITHUB = 'https://github.com/dkim-builds';
const MARIA_UPWORK = 'https://www.upwork.com/freelancers/~01demo0002';
const MARIA_GITHUB = 'https://github.com/mgonzalez-data';
const QUIET_GITHUB = 'https://github.com/quietcoder42';

const env = useBrowser({ before, after });

async function open(url) {
  const page = await env.browser.context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(url);
  return { page, dialogs };
}

/** Waits until the panel in `page` lists exactly `flags`. */
async function expectFlags(page, flags) {
  const deadline = Date.now() + 10_000;
  let seen;
  while (Date.now() < deadline) {
    seen = await panelFlags(await panelFrame(page)).catch(() => null);
    if (JSON.stringify(seen) === JSON.stringify(flags)) return;
    await page.waitForTimeout(150);
  }
  assert.deepEqual(seen, flags);
}

describe('one candidate across two tabs', () => {
  test('both panels show the case and its mismatches, with evidence from both profiles', async () => {
    const { page: upwork } = await open(DANIEL_UPWORK);
    await expectFlags(upwork, []); // alone, nothing to compare yet
    const { page: github } = await open(DANIEL_GITHUB);
    for (const page of [upwork, github]) {
      await expectFlags(page, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
      const text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
      for (const quoted of ['Daniel K.', 'Jin Park', 'Austin, United States', 'Warsaw, Poland']) {
        assert.ok(text.includes(quoted), `panel on ${page.url()} lacks "${quoted}"`);
      }
    }
  });

  test('a consistent candidate shows no findings', async () => {
    await open(MARIA_UPWORK);
    const { page } = await open(MARIA_GITHUB);
    await expectFlags(page, []);
    const text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
    assert.match(text, /PROFILES IN THIS CASE \(2\)/i);
    assert.match(text, /No inconsistencies found/);
  });

  test('the case survives the service worker being stopped', async () => {
    const worker = env.browser.context.serviceWorkers()[0];
    await worker.evaluate(() => {
      globalThis.__vetterTestMarker = 'before-stop';
    });
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    // Only the Upwork profile is read again; the GitHub one must come from storage.
    const { page } = await open(DANIEL_UPWORK);
    await expectFlags(page, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
    const revived = env.browser.context.serviceWorkers().at(-1);
    assert.equal(await revived.evaluate(() => globalThis.__vetterTestMarker ?? 'fresh'), 'fresh');
  });
});

describe('the host page', () => {
  test('can neither reach, restyle nor shift the panel', async () => {
    const { page } = await open(DANIEL_GITHUB);
    await panelFrame(page);
    const seen = await page.evaluate((extensionId) => {
      const host = [...document.documentElement.children].find((e) => e.tagName === 'DIV' && e.style.zIndex === '2147483647');
      const rect = host.getBoundingClientRect();
      const style = document.createElement('style');
      style.textContent = 'html > div, iframe { display: none !important; visibility: hidden !important; }';
      document.head.append(style);
      return {
        shadowRoot: host.shadowRoot,
        position: getComputedStyle(host).position,
        size: [rect.width, rect.height],
        inFlow: document.body.contains(host),
        displayAfterHostileCss: getComputedStyle(host).display,
        // What a page could look for (issue #16): a marker attribute, the
        // extension's id in resource timing entries.
        marked: document.querySelectorAll('[data-vetter]').length,
        attributes: [...host.attributes].map((a) => a.name),
        entriesNamingExtension: performance.getEntries().filter((e) => e.name.includes(extensionId)).length,
      };
    }, env.browser.extensionId);
    assert.equal(seen.marked, 0, 'nothing on the page names Vetter');
    assert.deepEqual(seen.attributes, ['style']);
    assert.equal(seen.entriesNamingExtension, 0, "the panel's address does not carry the extension id");
    assert.equal(seen.shadowRoot, null, 'shadow root must be closed');
    assert.equal(seen.position, 'fixed');
    assert.deepEqual(seen.size, [0, 0], 'the host element takes no space');
    assert.equal(seen.inFlow, false, 'the host is outside <body>');
    assert.notEqual(seen.displayAfterHostileCss, 'none');
    const box = await (await (await panelFrame(page)).frameElement()).boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, 'the panel is still visible');
  });

  test('cannot detect the extension by requesting its resources', async () => {
    // A page without a CSP of its own, so that only the extension's manifest
    // (use_dynamic_url) stands between the page and the panel's address.
    env.server.route('https://www.upwork.com/probe', { body: '<!doctype html><title>probe</title>', type: 'text/html', csp: false });
    const page = await env.browser.context.newPage();
    await page.goto('https://www.upwork.com/probe');
    // The control: this page may fetch, so a blocked request below is the extension's doing.
    assert.equal(await page.evaluate(async () => (await fetch('/probe')).status), 200);
    const probe = await page.evaluate(async (id) => {
      const results = {};
      for (const path of ['extension/panel.html', 'manifest.json', 'pkg/vetter.js', 'extension/content.js']) {
        try {
          const r = await fetch(`chrome-extension://${id}/${path}`);
          results[path] = r.status;
        } catch {
          results[path] = 'blocked';
        }
      }
      return results;
    }, env.browser.extensionId);
    for (const [path, outcome] of Object.entries(probe)) assert.equal(outcome, 'blocked', path);
  });

  test('can be collapsed from the badge', async () => {
    const { page } = await open(DANIEL_GITHUB);
    const frame = await panelFrame(page);
    const iframe = await frame.frameElement();
    const badge = await iframe.evaluateHandle((el) => el.previousElementSibling.firstElementChild);
    // The level in words from _locales, handed over by the worker.
    assert.match(await badge.asElement().textContent(), /^Vetter · (none|info|low|medium|high|critical) · \d+\/100$/);
    await badge.asElement().click();
    assert.equal(await iframe.boundingBox(), null, 'collapsed');
    assert.equal(await badge.asElement().getAttribute('aria-expanded'), 'false');
    await badge.asElement().click();
    assert.ok(await iframe.boundingBox(), 'expanded again');
  });
});

describe('single-page navigation', () => {
  test('the panel re-renders for the profile navigated to', async () => {
    const { page } = await open(DANIEL_GITHUB);
    await expectFlags(page, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
    await page.evaluate(async (next) => {
      const html = await (await fetch(next)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      history.pushState({}, '', next);
      document.body.replaceWith(document.adoptNode(doc.body));
    }, MARIA_GITHUB);
    await expectFlags(page, []);
    const text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
    assert.match(text, /Maria Gonzalez/);
  });

  test('an address changed before the new profile is on screen is read once the profile is', async () => {
    const { page } = await open(DANIEL_GITHUB);
    await expectFlags(page, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
    // The router moves first; the page still shows (and names) Daniel.
    await page.evaluate((next) => history.pushState({}, '', next), QUIET_GITHUB);
    assert.equal(await workerAnswer(env.browser.context, QUIET_GITHUB), 'stale', 'not stored under the new address');
    // Then the new profile arrives, naming itself.
    await page.evaluate(async (next) => {
      const doc = new DOMParser().parseFromString(await (await fetch(next)).text(), 'text/html');
      document.querySelector('link[rel=canonical]').replaceWith(document.adoptNode(doc.querySelector('link[rel=canonical]')));
      document.body.replaceWith(document.adoptNode(doc.body));
    }, QUIET_GITHUB);
    const deadline = Date.now() + 15_000;
    while ((await workerAnswer(env.browser.context, QUIET_GITHUB)) !== 'profile' && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    assert.equal(await workerAnswer(env.browser.context, QUIET_GITHUB), 'profile');
    const frame = await panelFrame(page);
    await frame.waitForFunction(() => document.getElementById('panel').innerText.includes('quietcoder42'));
    assert.doesNotMatch(await frame.$eval('#panel .profiles', (el) => el.innerText), /Jin Park/, 'the profile shown before is not stored under the new address');
  });
});

describe('bad input', () => {
  test('a hostile name is shown as inert text and runs nothing', async () => {
    const { page, dialogs } = await open('https://github.com/evil-name');
    const frame = await panelFrame(page);
    const text = await frame.$eval('#panel', (el) => el.innerText);
    assert.ok(text.includes('<img src=x onerror=alert(1)>'), text);
    assert.equal(await frame.$$eval('#panel img, #panel script', (els) => els.length), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
  });

  test('a malformed page still shows what could be read', async () => {
    const { page } = await open('https://www.upwork.com/freelancers/~01broken');
    const text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
    assert.match(text, /Ana P\./);
    assert.match(text, /Lisbon, Portugal/);
  });

  test('a page without a profile gets no panel', async () => {
    const url = 'https://www.upwork.com/freelancers/~01nobody';
    // Text, but nobody's profile, and no sign of a wall or an error.
    env.server.route(url, '<!doctype html><title>Upwork</title><main><h2>Find work you love</h2><p>Browse projects in development, design and marketing.</p></main>');
    const { page } = await open(url);
    assert.equal(await workerAnswer(env.browser.context, url), 'none');
    assert.equal(await hasVetterHost(page), false);
  });

  test('a 5 MB page neither crashes the content script nor breaks the page', async () => {
    const filler = '<div class="repo"><p>' + 'x'.repeat(1000) + '</p></div>';
    const html = `<!doctype html><html><body><div class="h-card"><span class="p-name vcard-fullname">Big Page</span>
      <li itemprop="homeLocation"><span class="p-label">Oslo, Norway</span></li></div>${filler.repeat(5200)}</body></html>`;
    env.server.route('https://github.com/big-page', html);
    const { page } = await open('https://github.com/big-page');
    const text = await (await panelFrame(page, { timeout: 30_000 })).$eval('#panel', (el) => el.innerText);
    assert.match(text, /Big Page/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.repo').length), 5200);
  });
});
