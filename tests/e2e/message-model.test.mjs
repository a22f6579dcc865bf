// The message model ships trained (`vetter model`, run by the build): the
// worker reads it at start instead of training it, and a file it cannot use
// is said so while messages are still read by the word lists. (Which files
// are refused is tested in the Rust core.)
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { panelFlags, panelFrame, stopServiceWorkers, useBrowser } from './harness.mjs';

const env = useBrowser({ before, after });

// Words no list names, which the model recognises as a move off the platform.
const MODEL_ONLY = "Daniel: Happy to keep going, though I'd rather we chat somewhere other than this site from now on.";
const LISTED = "Daniel: ok, let's continue on tele gram then";

async function extensionPage() {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  return page;
}

async function workerNotices() {
  const page = await extensionPage();
  const { notices } = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'vetter/cases' }));
  await page.close();
  return notices;
}

// The panel's text and flags once a selection of `text` has joined the case
// of a GitHub page (and the panel shows what `expected` matches).
async function panelWithSelection(text, expected) {
  const page = await env.browser.context.newPage();
  await page.goto('https://github.com/dkim-builds');
  await panelFrame(page);
  const worker = env.browser.context.serviceWorkers().at(-1);
  await worker.evaluate(
    async ([url, selection]) => {
      const [tab] = await chrome.tabs.query({ url });
      return globalThis.vetterAnalyseSelection(tab, selection);
    },
    [page.url(), text],
  );
  const deadline = Date.now() + 10_000;
  let shown = '';
  let flags = [];
  while (Date.now() < deadline && !expected.test(shown)) {
    const frame = await panelFrame(page);
    shown = await frame.$eval('#panel', (el) => el.innerText);
    flags = await panelFlags(frame);
    await page.waitForTimeout(200);
  }
  await page.close();
  return { text: shown, flags };
}

test('the package ships the trained model, not its training data, and the worker uses it', async () => {
  const dir = env.browser.extensionDir;
  assert.ok(statSync(join(dir, 'data/behaviour-model.bin')).size > 1_000_000);
  assert.equal(existsSync(join(dir, 'data/behaviour-train.jsonl')), false);
  const { text, flags } = await panelWithSelection(MODEL_ONLY, /on-device message model/);
  assert.match(text, /on-device message model/, text);
  assert.ok(flags.includes('OFF_PLATFORM_REQUEST'), flags.join());
  assert.deepEqual((await workerNotices()).filter((n) => /message model/.test(n)), []);
});

test('a copy kept by an older version is removed', async () => {
  const page = await extensionPage();
  await page.evaluate(async () => {
    const { open, putMeta } = await import('./db.js');
    await putMeta(await open(), 'messageModel', new Uint8Array(1_000));
  });
  await page.close();
  await stopServiceWorkers(env.browser.context, env.browser.extensionId);
  const kept = async () => {
    const p = await extensionPage();
    const value = await p.evaluate(async () => {
      const { open, getMeta } = await import('./db.js');
      return (await getMeta(await open(), 'messageModel'))?.length ?? null;
    });
    await p.close();
    return value;
  };
  const deadline = Date.now() + 10_000;
  let left;
  while ((left = await kept()) !== null && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
  assert.equal(left, null);
});

test('a damaged model file is said so, and messages are still read by the word lists', async () => {
  writeFileSync(join(env.browser.extensionDir, 'data/behaviour-model.bin'), 'vetter message model 2\nnot weights');
  await stopServiceWorkers(env.browser.context, env.browser.extensionId);
  const notices = await workerNotices();
  assert.ok(
    notices.some((n) => /message model could not be loaded \(cut short or too long\)/.test(n)),
    JSON.stringify(notices),
  );
  // The first test's message is in the case too: without the model it raises nothing.
  const { text, flags } = await panelWithSelection(LISTED, /tele gram then/);
  assert.match(text, /tele gram then/, text);
  assert.ok(flags.includes('OFF_PLATFORM_REQUEST'), flags.join());
  assert.doesNotMatch(text, /on-device message model/);
});
