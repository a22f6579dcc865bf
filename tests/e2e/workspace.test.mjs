// End-to-end: the recruiter's workspace — the panel's actions and
// keyboard, the dossier (side by side, checklist, reports), accessibility
// (axe-core), render time, and screenshots in light and dark schemes
// (test-output/screenshots/; the README shows copies from docs/screenshots/).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, hasVetterHost, panelFrame, useBrowser, workerAnswer } from './harness.mjs';

const DANIEL_UPWORK = 'https://www.upwork.com/freelancers/~01demo0001';
const DANIEL_GITHUB = 'https://github.com/dkim-builds';
const MARIA_UPWORK = 'https://www.upwork.com/freelancers/~01demo0002';
const SHOTS = join(ROOT, 'test-output/screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const env = useBrowser({ before, after });

async function open(url) {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  return page;
}

/** Serious or critical axe-core violations in a page or frame. */
async function axeViolations(target) {
  await target.evaluate(AXE);
  const violations = await target.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Screenshots of `shoot()` in the light and the dark scheme. */
async function bothSchemes(page, name, shoot) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(150);
    await shoot(join(SHOTS, `${name}-${scheme}.png`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the panel', () => {
  test('renders within a frame budget, passes axe, and is captured in both schemes', async (t) => {
    await open(DANIEL_GITHUB);
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    await frame.waitForSelector('[data-flag="NAME_MISMATCH"]');
    const firstMs = Number(await frame.$eval('body', (b) => b.dataset.renderMs));
    // One render is one sample on a shared machine; the budget is checked
    // on the median of the first render and 10 more of the same findings,
    // timed exactly as panel.js times its own.
    const samples = await frame.evaluate(async (rounds) => {
      const { renderPanel } = await import(new URL('../pkg/vetter.js', location.href).href);
      const { view } = await chrome.runtime.sendMessage({ type: 'vetter/get-view' });
      const main = document.getElementById('panel');
      const times = [];
      for (let i = 0; i < rounds; i += 1) {
        const started = performance.now();
        main.innerHTML = renderPanel(view);
        times.push(performance.now() - started);
      }
      return times;
    }, 10);
    const sorted = [firstMs, ...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const summary = `first ${firstMs} ms, median ${median.toFixed(2)} ms, slowest ${sorted.at(-1).toFixed(2)} ms of ${sorted.length}`;
    t.diagnostic(`panel render: ${summary}`);
    console.log(`# panel render time on the Upwork demo page: ${summary}`);
    assert.ok(median < 16, `panel rendered in ${summary}`);
    await frame.waitForSelector('[data-flag="NAME_MISMATCH"]');
    assert.deepEqual(await axeViolations(frame), []);
    const iframe = await frame.frameElement();
    await bothSchemes(page, 'panel', (path) => page.screenshot({ path, clip: { x: 860, y: 60, width: 420, height: 680 } }));
    assert.ok(await iframe.boundingBox());
  });

  test('a finding can be marked as explained, and Escape folds the panel', async () => {
    const page = await open(DANIEL_UPWORK);
    let frame = await panelFrame(page);
    await frame.click('[data-flag="LOCATION_MISMATCH"] summary');
    await frame.fill('[data-reason-for="LOCATION_MISMATCH"]', 'Moved from Warsaw to Austin in 2024; checked the lease');
    await frame.click('[data-flag="LOCATION_MISMATCH"] button[data-action="explain"]');
    await frame.waitForSelector('[data-explained="LOCATION_MISMATCH"]', { timeout: 10_000 }).catch(() => null);
    frame = await panelFrame(page);
    const explained = await frame.$eval('[data-explained="LOCATION_MISMATCH"]', (el) => el.innerText);
    assert.match(explained, /Explained by .* checked the lease/);
    await frame.focus('button[data-action="dossier"]');
    await page.keyboard.press('Escape');
    const iframe = await frame.frameElement();
    // Folded: the frame takes no space (checked until it does not, at most 5 s).
    await iframe.waitForElementState('hidden', { timeout: 5_000 });
    assert.equal(await iframe.boundingBox(), null, 'Escape folded the panel');
  });
});

describe('the panel while other tabs work', () => {
  test('a half-written note, an open form and the focus survive an update from another tab', async () => {
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    await frame.click('[data-flag="NAME_MISMATCH"] summary');
    await frame.fill('[data-reason-for="NAME_MISMATCH"]', 'half-written reason');
    await frame.fill('#note-text', 'half-written note');
    const renders = Number(await frame.$eval('body', (b) => b.dataset.renders));
    // Another tab reads a profile: the worker tells every panel to re-render.
    const other = await open(MARIA_UPWORK);
    try {
      await frame.waitForFunction((n) => Number(document.body.dataset.renders) > n, renders, { timeout: 10_000 });
      assert.equal(await frame.$eval('#note-text', (el) => el.value), 'half-written note');
      assert.equal(await frame.evaluate(() => document.activeElement?.id), 'note-text');
      assert.equal(await frame.$eval('[data-reason-for="NAME_MISMATCH"]', (el) => el.value), 'half-written reason');
      assert.ok(await frame.$eval('[data-reason-for="NAME_MISMATCH"]', (el) => el.closest('details').open));
      // Saving the note empties the box; the note is listed.
      await frame.click('button[data-action="note"]');
      await frame.waitForFunction(() => document.body.innerText.includes('half-written note') && !document.getElementById('note-text').value);
    } finally {
      await other.close();
    }
  });
});

describe('the panel position', () => {
  test('the panel can be dragged or moved with the keys, stays in the window, and keeps its place', async () => {
    const page = await open(DANIEL_UPWORK);
    try {
      const frame = await panelFrame(page);
      const iframe = await frame.frameElement();
      const handleOf = async (el) => (await el.evaluateHandle((f) => f.parentElement.querySelector('button.move'))).asElement();
      const handle = await handleOf(iframe);
      const before = await iframe.boundingBox();
      const grip = await handle.boundingBox();
      await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
      await page.mouse.down();
      await page.mouse.move(grip.x - 400, grip.y + 60, { steps: 8 });
      await page.mouse.up();
      const dragged = await iframe.boundingBox();
      assert.ok(Math.abs(dragged.x - (before.x - 400 - grip.width / 2)) < 60, `moved left: ${before.x} -> ${dragged.x}`);
      assert.ok(dragged.y > before.y + 30, `moved down: ${before.y} -> ${dragged.y}`);
      // Moving the pointer after the button is up moves nothing.
      await page.mouse.move(grip.x - 200, grip.y + 200, { steps: 4 });
      assert.deepEqual(await iframe.boundingBox(), dragged, 'the drag ended with the button');
      // Keyboard: two steps right; far past the edge stops at the edge.
      await handle.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const stepped = await iframe.boundingBox();
      assert.equal(Math.round(stepped.x - dragged.x), 32);
      for (let i = 0; i < 40; i += 1) await page.keyboard.press('Shift+ArrowLeft');
      assert.equal(Math.round((await iframe.boundingBox()).x), 0, 'kept inside the window');
      // The place is remembered on the next page.
      await page.waitForTimeout(200);
      const next = await open(DANIEL_GITHUB);
      const nextFrame = await (await panelFrame(next)).frameElement();
      await next.waitForTimeout(300); // the stored place is read after the panel appears
      assert.equal(Math.round((await nextFrame.boundingBox()).x), 0, 'the position is kept');
      // Home puts it back where it docks.
      await (await handleOf(nextFrame)).focus();
      await next.keyboard.press('Home');
      assert.ok(Math.abs((await nextFrame.boundingBox()).x - before.x) < 2, 'docked again');
      await next.close();
    } finally {
      // Whatever happened, later tests start with the panel docked.
      await env.browser.context.serviceWorkers()[0].evaluate(() => chrome.storage.local.remove('vetter.position'));
      await page.close();
    }
  });
});

describe('evidence links', () => {
  test('a link to another profile of the case focuses its open tab instead of opening a new one', async () => {
    await open(DANIEL_GITHUB);
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    const pagesBefore = env.browser.context.pages().length;
    await frame.click(`li.profile a[href="${DANIEL_GITHUB}"]`);
    const worker = env.browser.context.serviceWorkers()[0];
    await page.waitForTimeout(500);
    const active = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url);
    assert.equal(active, 'https://github.com/dkim-builds');
    assert.equal(env.browser.context.pages().length, pagesBefore, 'no new tab');
  });
});

/**
 * Runs `expression` in the browser's side panel until `accept` takes its answer (null if it never does).
 * Playwright lists tabs, not side panels, so this speaks CDP to the panel's
 * target directly (a non-flat session: Playwright's CDP sessions cannot
 * address child sessions).
 */
async function inSidePanel(expression, accept = (value) => value !== null) {
  const cdp = await env.browser.context.browser().newBrowserCDPSession();
  const url = `chrome-extension://${env.browser.extensionId}/extension/dossier.html`;
  let id = 0;
  const evaluate = (sessionId) =>
    new Promise((resolve) => {
      const mine = (id += 1);
      setTimeout(() => resolve(null), 2_000); // a page being replaced may never answer
      const listener = (event) => {
        const message = JSON.parse(event.message);
        if (event.sessionId !== sessionId || message.id !== mine) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        resolve(message.result?.result?.value ?? null);
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      const params = { expression, returnByValue: true, awaitPromise: true };
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method: 'Runtime.evaluate', params }) }).catch(() => resolve(null));
    });
  try {
    // Sessions by target: changing the panel's page may replace its target.
    const sessions = new Map();
    for (let tries = 0; tries < 50; tries += 1) {
      const panels = (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(url));
      for (const panel of panels) {
        if (!sessions.has(panel.targetId)) {
          const attached = await cdp.send('Target.attachToTarget', { targetId: panel.targetId, flatten: false }).catch(() => null);
          if (attached) sessions.set(panel.targetId, attached.sessionId);
        }
        const sessionId = sessions.get(panel.targetId);
        const value = sessionId ? await evaluate(sessionId) : null;
        if (accept(value)) return value;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const targets = (await cdp.send('Target.getTargets')).targetInfos.map((t) => `${t.type} ${t.url}`);
    console.log(`# side panel never answered as expected; targets: ${JSON.stringify(targets)}`);
    return null;
  } finally {
    await cdp.detach();
  }
}

describe('the dossier', () => {
  test('"Open the dossier" opens the side panel on this tab, showing this case', async () => {
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    await page.bringToFront(); // the recruiter clicks in the tab they are looking at
    const tabsBefore = env.browser.context.pages().length;
    const current = `document.body.dataset.ready === 'true' ? document.querySelector('#case-list [aria-current="true"]')?.dataset.key ?? '' : null`;
    await frame.click('button[data-action="dossier"]');
    const key = await frame.getAttribute('button[data-action="dossier"]', 'data-key');
    assert.equal(await inSidePanel(current), key, 'the side panel shows the case of the tab');
    assert.equal(env.browser.context.pages().length, tabsBefore, 'no tab was opened');
    // The same tab moves on to another candidate: the open side panel follows the click.
    await page.goto(MARIA_UPWORK);
    const next = await panelFrame(page);
    const nextKey = await next.getAttribute('button[data-action="dossier"]', 'data-key');
    assert.notEqual(nextKey, key);
    // By the keyboard this time. Chromium 156.0.8078.114 closes the side panel
    // when its tab moves to another page and gives the page its width back a
    // moment later: a pointer click aimed before that lands beside the panel
    // (seen in most runs here, with the extension of before this change too).
    await page.bringToFront();
    await next.press('button[data-action="dossier"]', 'Enter');
    assert.equal(await inSidePanel(current, (shown) => shown === nextKey), nextKey, 'the side panel shows the new case');
  });

  test('shows the case side by side, tracks the checklist and exports evidence-grade reports', async () => {
    const page = await open(DANIEL_UPWORK);
    const frame = await panelFrame(page);
    // The dossier in a tab of its own (the fallback where there is no side panel, and the link of a case).
    const key = await frame.getAttribute('button[data-action="dossier"]', 'data-key');
    const dossier = await open(`chrome-extension://${env.browser.extensionId}/extension/dossier.html?case=${encodeURIComponent(key)}`);
    await dossier.waitForSelector('body[data-ready="true"]');
    await dossier.waitForSelector('#dossier h1');
    await bothSchemes(dossier, 'dossier', (path) => dossier.screenshot({ path, fullPage: false }));
    assert.ok((await dossier.$$('td.differs')).length >= 2, 'the disagreeing names and locations are marked');
    assert.match(await dossier.textContent('#case-list'), /Jin Park|Daniel K\./);
    // The checklist: one step failed, with a note.
    await dossier.selectOption('[data-check-status="id_document"]', 'failed');
    await dossier.fill('[data-check-note="id_document"]', 'Passport photo is not the person on the call');
    await dossier.click('button[data-action="check"][data-item="id_document"]');
    await dossier.waitForSelector('tr[data-check="id_document"][data-status="failed"]');
    // A verdict in the panel, a later one in the dossier: the later stands, both are kept.
    await frame.selectOption('#verdict-kind', 'unsure');
    await frame.fill('#verdict-reason', 'waiting for the video call');
    await frame.click('button[data-action="verdict"]');
    await frame.waitForSelector('.verdict-standing[data-verdict="unsure"]');
    assert.equal(await frame.$eval('#verdict-reason', (el) => el.value), '', 'the reason box is emptied');
    await dossier.waitForSelector('.verdict-standing[data-verdict="unsure"]');
    await dossier.selectOption('#verdict-kind', 'fraudulent');
    await dossier.fill('#verdict-reason', 'passport photo is not the person on the call');
    await dossier.click('button[data-action="verdict"]');
    await dossier.waitForSelector('.verdict-standing[data-verdict="fraudulent"]');
    assert.equal(await dossier.$$eval('.verdict-history li', (li) => li.length), 2);
    await frame.waitForSelector('.verdict-standing[data-verdict="fraudulent"]');
    assert.match(await frame.textContent('.verdict-standing'), /Fraudulent .*passport photo is not the person/);
    assert.deepEqual(await axeViolations(dossier), []);
    const dossierMs = Number(await dossier.$eval('body', (b) => b.dataset.renderMs));
    console.log(`# dossier render time: ${dossierMs} ms`);
    await dossier.locator('.checklist').scrollIntoViewIfNeeded();
    await bothSchemes(dossier, 'checklist', (path) => dossier.locator('.checklist').screenshot({ path }));
    // Reports: JSON with the snapshot digests and the sign-off trail, Markdown, printable HTML.
    const [json] = await Promise.all([dossier.waitForEvent('download'), dossier.click('button[data-format="json"]')]);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.format, 'vetter-report');
    for (const p of report.case.profiles) assert.match(p.snapshot_sha256, /^[0-9a-f]{64}$/, p.url);
    assert.match(report.case.explained.LOCATION_MISMATCH.reason, /checked the lease/);
    assert.equal(report.case.checklist.id_document.status, 'failed');
    assert.deepEqual(report.case.verdicts.map((v) => v.verdict), ['unsure', 'fraudulent']);
    assert.ok(report.provenance.lists.length >= 1 && report.provenance.thresholds.sanctions_critical > 0);
    const [md] = await Promise.all([dossier.waitForEvent('download'), dossier.click('button[data-format="markdown"]')]);
    const markdown = readFileSync(await md.path(), 'utf8');
    assert.match(markdown, /\| ID document matches the name and the photo \| Failed \|/);
    assert.match(markdown, /## Verdict[\s\S]*Fraudulent — /);
    const [printable] = await Promise.all([
      env.browser.context.waitForEvent('page'),
      dossier.click('button[data-format="html"]'),
    ]);
    await printable.waitForLoadState();
    assert.match(await printable.textContent('h1'), /Vetter case report/);
    await bothSchemes(printable, 'report', (path) => printable.screenshot({ path }));
  });
});

describe('the options', () => {
  test('a site switched off is not read, and the sensitivity hides lesser findings', async () => {
    const options = await open(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
    await options.waitForSelector('#sites input[value="GitHub"]');
    await options.uncheck('#sites input[value="GitHub"]');
    await options.selectOption('#prefs select[name="minSeverity"]', 'high');
    await options.fill('#prefs input[name="user"]', 'Ann (HR)');
    await options.click('#prefs button[type="submit"]');
    await options.waitForSelector('#prefs-status:has-text("Saved")');
    const github = await open('https://github.com/mgonzalez-data');
    assert.equal(await workerAnswer(env.browser.context, 'https://github.com/mgonzalez-data'), 'not read');
    assert.equal(await hasVetterHost(github), false, 'GitHub is switched off');
    const upwork = await open(DANIEL_UPWORK);
    const frame = await panelFrame(upwork);
    const text = await frame.$eval('#panel', (el) => el.innerText);
    assert.equal(await frame.$$eval('[data-flag="NAME_MISMATCH"]', (els) => els.length), 0, 'medium findings hidden');
    assert.match(text, /hidden by your sensitivity setting/);
  });
});
