// `cargo xtask demo`: serves the bundled demo pages and opens Chromium with
// Vetter loaded on them. With --headless (or no display) it visits each
// page, prints what each panel shows, saves screenshots, and exits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, panelFrame, startServer } from './harness.mjs';

const headless = process.argv.includes('--headless');
const PAGES = [
  'https://www.upwork.com/freelancers/~01demo0001',
  'https://github.com/dkim-builds',
  'https://www.upwork.com/freelancers/~01demo0002',
  'https://github.com/mgonzalez-data',
];

const server = await startServer();
const { context } = await launch(server, { headless });
const out = join(ROOT, 'test-output/demo');
mkdirSync(out, { recursive: true });

const start = await context.newPage();
await start.goto('https://vetter-demo.example/');
const pages = [];
for (const url of PAGES) {
  const page = await context.newPage();
  await page.goto(url);
  await panelFrame(page);
  pages.push(page);
}
// Every tab of a case re-renders when another tab joins it; read them all at the end.
for (const [i, page] of pages.entries()) {
  const frame = await panelFrame(page);
  const text = await frame.$eval('#panel', (el) => el.innerText);
  console.log(`\n=== ${page.url()}\n${text}`);
  const shot = join(out, `${i + 1}-${new URL(page.url()).hostname}.png`);
  await page.screenshot({ path: shot });
  console.log(`(screenshot: ${shot})`);
}

if (headless) {
  await context.close();
  await server.close();
} else {
  console.log('\nChromium is open on the demo pages. Close it (or press Ctrl-C) to stop.');
  await new Promise((done) => {
    context.on('close', done);
    process.on('SIGINT', done);
  });
  await context.close().catch(() => {});
  await server.close();
}
