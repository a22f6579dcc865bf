// End-to-end: screening lists on the options page, and a known-persona hit
// in the panel.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { panelFrame, stopServiceWorkers, useBrowser } from './harness.mjs';

const env = useBrowser({ before, after });

async function optionsPage() {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  await page.waitForSelector('#lists tbody tr');
  return page;
}

const rows = (page) => page.$$eval('#lists tbody tr', (trs) => trs.map((tr) => tr.innerText));

test('a malformed list is refused with its line and changes nothing; a good one is kept', async () => {
  const page = await optionsPage();
  assert.match((await rows(page))[0], /Built-in DPRK/);
  const upload = (name, text) =>
    page.setInputFiles('#import-iocs input[name=file]', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  await upload('bad.csv', 'type,value,source\nhandle,dkim-builds,demo\nwallet,nope,rumour\n');
  await page.click('#import-iocs button');
  await page.waitForSelector('#status.error');
  assert.match(await page.innerText('#status'), /line 3/);
  assert.equal((await rows(page)).length, 1, 'nothing was added');

  await upload('demo-iocs.csv', 'type,value,source\nhandle,dkim-builds,demo: a fictional persona list\n');
  await page.click('#import-iocs button');
  await page.waitForFunction(() => document.querySelectorAll('#lists tbody tr').length === 2);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#lists tbody tr').length === 2);
  assert.match((await rows(page))[1], /demo-iocs\.csv/);
});

test('imported lists are compiled once; a restarted worker loads the compiled copy, or the files if it is damaged', async () => {
  const loadedFrom = async () => {
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    const page = await optionsPage();
    await page.waitForFunction(() => document.getElementById('lists-load').textContent !== '');
    const shown = { text: await page.innerText('#lists-load'), rows: (await rows(page)).length };
    return { page, ...shown };
  };
  let { page, text, rows: count } = await loadedFrom();
  assert.match(text, /compiled copy/);
  assert.equal(count, 2);
  // Damage the compiled copy where the worker keeps it (same origin).
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vetter');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          const store = tx.objectStore('meta');
          const read = store.get('compiledLists');
          read.onsuccess = () => {
            const bytes = new Uint8Array(read.result.bytes);
            bytes[bytes.length >> 1] ^= 0x20;
            store.put({ ...read.result, bytes }, 'compiledLists');
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.close();
  ({ page, text, rows: count } = await loadedFrom());
  assert.match(text, /read from their files/, 'a damaged copy is not used');
  assert.equal(count, 2, 'and nothing is lost');
  await page.close();
  ({ page, text } = await loadedFrom());
  assert.match(text, /compiled copy/, 'the copy was made again');
  await page.close();
});

test('a profile matching an imported indicator shows IOC_MATCH with its source', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://github.com/dkim-builds');
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline && !text.includes('IOC_MATCH')) {
    text = await (await panelFrame(page)).$eval('#panel', (el) => el.innerText);
    await page.waitForTimeout(200);
  }
  assert.match(text, /IOC_MATCH/);
  assert.match(text, /demo: a fictional persona list/);
});
