// End-to-end: profiles of more sites, a candidate's personal site reached
// from their profile, and "Analyse selection with Vetter".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { panelFrame, useBrowser, workerAnswer } from './harness.mjs';

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

test('a site nobody links to is not read', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://alex-dev-portfolio.example/');
  assert.equal(await workerAnswer(env.browser.context, 'https://alex-dev-portfolio.example/'), 'not linked');
  assert.equal(await page.evaluate(() => document.querySelector('div[data-vetter]')), null);
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
