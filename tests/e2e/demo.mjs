// `cargo xtask demo`: serves the bundled demo pages and opens Chromium with
// Vetter loaded on them. With --headless (or no display) it visits each
// page, prints what each panel shows, saves screenshots, and exits.
//
// `cargo xtask demo --team` shows agency mode instead: a team server on
// loopback and two recruiters, each in a browser profile of their own.
// Ann marks Daniel Kim's case fraudulent; Bo, who has never seen Daniel,
// opens "Victor Lang" (another name, Daniel's phone) and is told his team
// has seen him.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, panelFrame, startServer } from './harness.mjs';
import {
  DANIEL_GITHUB, DANIEL_SITE, SECRET, VICTOR_GITHUB, VICTOR_SITE, giveVerdict, join as joinTeam, openCase,
  routeVictor, setRecruiter, startTeamServer, syncNow, waitFor,
} from './team-harness.mjs';

const headless = process.argv.includes('--headless');
const team = process.argv.includes('--team');
const PAGES = [
  'https://www.upwork.com/freelancers/~01demo0001',
  'https://github.com/dkim-builds',
  'https://www.upwork.com/freelancers/~01demo0002',
  'https://github.com/mgonzalez-data',
];
const out = join(ROOT, 'test-output/demo');
mkdirSync(out, { recursive: true });

async function show(page, shotName) {
  const frame = await panelFrame(page);
  const text = await frame.$eval('#panel', (el) => el.innerText);
  console.log(`\n=== ${page.url()}\n${text}`);
  const shot = join(out, shotName);
  await page.screenshot({ path: shot });
  console.log(`(screenshot: ${shot})`);
}

async function demoPages(server) {
  const { context } = await launch(server, { headless });
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
  for (const [i, page] of pages.entries()) await show(page, `${i + 1}-${new URL(page.url()).hostname}.png`);
  return [context];
}

async function demoTeam(server) {
  const couch = await startTeamServer([['ann', 'annpw'], ['bo', 'bopw']]);
  routeVictor(server);
  const ann = await launch(server, { headless });
  const bo = await launch(server, { headless });
  const contexts = [ann.context, bo.context];
  try {
    console.log(`Team server (pouchdb-server, in memory): ${couch.url}, database "team", members ann/annpw and bo/bopw, secret "${SECRET}".`);
    await setRecruiter(ann, 'Ann Lee');
    await setRecruiter(bo, 'Bo Chan');
    for (const [who, browser, user, password] of [['Ann', ann, 'ann', 'annpw'], ['Bo', bo, 'bo', 'bopw']]) {
      const joined = await joinTeam(browser, { url: couch.url, user, password });
      console.log(`${who} joins the team: ${joined.text}`);
      if (joined.state !== 'synced') throw new Error(`${who} could not join the team`);
    }
    console.log('\nAnn opens Daniel Kim (GitHub and personal site) and marks the case fraudulent.');
    const daniel = await openCase(ann, DANIEL_GITHUB, DANIEL_SITE);
    await giveVerdict(daniel.frame, 'fraudulent', 'the phone answers for another persona');
    await waitFor('Ann\'s record on the team server', async () =>
      (await couch.admin('/team/_all_docs')).json.rows.some((r) => r.id.startsWith('case:')));
    await show(daniel.page, 'team-1-ann-daniel.png');
    console.log('\nBo, who has never seen Daniel, syncs and opens Victor Lang (another name, the same phone).');
    console.log(`Bo syncs: ${await syncNow(bo)}`);
    const victor = await openCase(bo, VICTOR_GITHUB, VICTOR_SITE);
    await waitFor('the team finding on Victor', async () => {
      await victor.page.reload();
      return (await panelFrame(victor.page)).$('[data-flag="TEAM_MATCH"]');
    });
    await show(victor.page, 'team-2-bo-victor.png');
  } catch (e) {
    for (const c of contexts) await c.close().catch(() => {});
    couch.stop();
    throw e;
  }
  return [...contexts, { close: async () => couch.stop() }];
}

const server = await startServer();
const open = team ? await demoTeam(server) : await demoPages(server);
if (!headless) {
  console.log(`\nChromium is open${team ? ' (two windows: Ann and Bo)' : ''} on the demo pages. Close it (or press Ctrl-C) to stop.`);
  await new Promise((done) => {
    open[0].on('close', done);
    process.on('SIGINT', done);
  });
}
for (const c of open) await c.close().catch(() => {});
await server.close();
