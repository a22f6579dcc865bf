// End-to-end: screening lists on the options page, and a known-persona hit
// in the panel.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { panelFrame, useBrowser } from './harness.mjs';

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
