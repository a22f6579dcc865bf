// The no-install page (dist/www), served on loopback, fed with saved pages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { launchPlain, ROOT } from './harness.mjs';

const WWW = join(ROOT, 'dist/www');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
let server;
let browser;
let base;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = readFileSync(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchPlain();
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => server.close(ok));
});

test('dropping a candidate\'s saved pages shows the findings, and bad files as notices', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  await page.setInputFiles('#files', [
    ...['upwork.html', 'github.html'].map((name) => ({
      name,
      mimeType: 'text/html',
      buffer: readFileSync(join(ROOT, 'demo/daniel-kim', name)),
    })),
    { name: 'broken.html', mimeType: 'text/html', buffer: Buffer.from('<p>no address here</p>') },
  ]);
  await page.waitForSelector('#result [data-flag]');
  const flags = await page.$$eval('#result [data-flag]', (els) => els.map((e) => e.dataset.flag).sort());
  assert.deepEqual(flags, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
  const text = await page.innerText('#result');
  assert.match(text, /broken\.html: the page's address is unknown/);
  // The next candidate starts over: nothing of Daniel's is cross-checked with Maria's page.
  await page.click('#clear');
  assert.equal(await page.$$eval('#result [data-flag]', (els) => els.length), 0);
  await page.setInputFiles('#files', [
    { name: 'upwork.html', mimeType: 'text/html', buffer: readFileSync(join(ROOT, 'demo/maria-gonzalez/upwork.html')) },
  ]);
  await page.waitForSelector('#result .profiles li');
  assert.equal(await page.$$eval('#result .profiles li', (els) => els.length), 1);
  assert.equal(await page.$$eval('#result [data-flag="NAME_MISMATCH"]', (els) => els.length), 0);
  assert.deepEqual(errors, []);
});

test('a pasted hostile page is shown as text', async () => {
  const page = await browser.newPage();
  await page.goto(base);
  const hostile = readFileSync(join(ROOT, 'tests/fixtures/pages/hostile/xss-name.html'), 'utf8');
  await page.click('summary');
  await page.fill('#paste', hostile);
  await page.click('#add-paste');
  await page.waitForSelector('#result .profiles li');
  assert.match(await page.innerText('#result'), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.$$eval('#result img', (els) => els.length), 0);
});

test('messages dropped with the pages are read by the model the page was built with', async () => {
  const page = await browser.newPage();
  await page.goto(base);
  await page.setInputFiles('#files', [
    { name: 'upwork.html', mimeType: 'text/html', buffer: readFileSync(join(ROOT, 'demo/daniel-kim/upwork.html')) },
    {
      name: 'messages.txt',
      mimeType: 'text/plain',
      // Words no list names: only the model recognises the move off the platform.
      buffer: Buffer.from("Daniel: Happy to keep going, though I'd rather we chat somewhere other than this site from now on.\n"),
    },
  ]);
  await page.waitForSelector('#result [data-flag="OFF_PLATFORM_REQUEST"]');
  const text = await page.innerText('#result');
  assert.match(text, /on-device message model/);
  assert.doesNotMatch(await page.innerText('#status'), /message model could not be loaded/);
});
