// Agency mode (issue #18): two recruiters, each in a browser profile of
// their own, share verdicts through a CouchDB-protocol server on loopback
// (pouchdb-server, in memory, started and stopped here). Recruiter A marks
// a case fraudulent; recruiter B, offline at first, later syncs and sees
// "seen by your team" on a different name with the same phone; their
// disagreeing verdicts are both kept and shown; nothing but the listed
// fields reaches the server; a verdict given with the `vetter` command
// reaches the browsers and the command reads theirs; a wrong secret, a
// wrong password, a removed user and hostile documents each give a clear
// message and lose nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, launch, panelFlags, panelFrame, useBrowser } from './harness.mjs';
import {
  DANIEL_GITHUB, DANIEL_SITE, MARIA_GITHUB, SECRET, VICTOR_GITHUB, VICTOR_SITE, freePort, giveVerdict, join as joinAt, openCase,
  routeVictor, setRecruiter, startTeamServer, syncNow, vetterBinary, waitFor,
} from './team-harness.mjs';

const env = useBrowser({ before, after });
let couch; // { url, admin, stop }
let browserB;

before(async () => {
  couch = await startTeamServer([['ann', 'annpw'], ['bo', 'bopw']]);
  routeVictor(env.server);
  browserB = await launch(env.server);
});

after(async () => {
  await browserB?.context.close();
  couch?.stop();
});

const admin = (path, init) => couch.admin(path, init);
const join = (browser, options) => joinAt(browser, { url: couch.url, ...options });
const caseDocs = async () => (await admin('/team/_all_docs?include_docs=true')).json.rows.map((r) => r.doc).filter((d) => d.type === 'vetter-team-case');

test('recruiter A marks a case fraudulent; only the listed fields reach the server', async () => {
  await setRecruiter(env.browser, 'Ann Lee');
  await setRecruiter(browserB, 'Bo Chan');
  const joined = await join(env.browser, { user: 'ann', password: 'annpw' });
  assert.equal(joined.state, 'synced', joined.text);

  const { frame } = await openCase(env.browser, DANIEL_GITHUB, DANIEL_SITE);
  await giveVerdict(frame, 'fraudulent', 'the phone answers for another persona');
  const [doc] = await waitFor('the record on the server', async () => ((await caseDocs()).length ? caseDocs() : null));
  assert.deepEqual(Object.keys(doc).sort(), ['_id', '_rev', 'identifiers', 'rules', 'schema', 'templates', 'type', 'updated', 'verdicts']);
  assert.equal(doc.verdicts[0].by, 'Ann Lee');
  const everything = JSON.stringify((await admin('/team/_all_docs?include_docs=true')).json);
  // (Not short runs of digits: the tags are hex, and "555" turns up in them by chance.)
  for (const personal of ['Daniel', 'Kim', 'Jin Park', '48555010123', '+48 555', '010 123', 'daniel.kim', 'dkim', 'example', 'Warsaw', 'React']) {
    assert.ok(!everything.includes(personal), `${personal} reached the server`);
  }
});

test('recruiter B, offline at first, is told what is wrong, then sees the team finding on another name', async () => {
  // Offline: nothing answers at that address.
  const offline = await join(browserB, { url: `http://127.0.0.1:${await freePort()}`, user: 'bo', password: 'bopw' });
  assert.equal(offline.state, 'error');
  assert.match(offline.text, /cannot be reached/);
  // Meanwhile B works: Victor's case is read, nothing is lost.
  const { frame } = await openCase(browserB, VICTOR_GITHUB, VICTOR_SITE);
  assert.ok(!(await panelFlags(frame)).includes('TEAM_MATCH'));
  // The wrong password, then the wrong secret: each said plainly; nothing keyed with a wrong secret is pushed.
  assert.match((await join(browserB, { user: 'bo', password: 'nope' })).text, /refused the user name or password/);
  assert.match((await join(browserB, { user: 'bo', password: 'bopw', secret: 'not our secret at all!' })).text, /not the one your team uses/);
  assert.equal((await caseDocs()).length, 1);
  // Right at last: the team's record arrives, and Victor (Daniel's phone) is seen by the team.
  const joined = await join(browserB, { user: 'bo', password: 'bopw' });
  assert.equal(joined.state, 'synced', joined.text);
  const page = frame.page();
  const flags = await waitFor('TEAM_MATCH on Victor', async () => {
    await page.reload();
    const f = await panelFlags(await panelFrame(page));
    return f.includes('TEAM_MATCH') ? f : null;
  });
  assert.ok(flags.includes('TEAM_MATCH'));
  const finding = await (await panelFrame(page)).textContent('[data-flag="TEAM_MATCH"]');
  assert.match(finding, /Fraudulent — Ann Lee/);
  assert.match(finding, /the phone answers for another persona/);
});

test('disagreeing verdicts are both kept and shown', async () => {
  // B judges Daniel's own case differently.
  const { frame } = await openCase(browserB, DANIEL_GITHUB, DANIEL_SITE);
  await giveVerdict(frame, 'not_fraudulent', 'ID check passed on video');
  const doc = await waitFor('both verdicts on the server', async () => {
    const [d] = await caseDocs();
    return d?.verdicts.length === 2 ? d : null;
  });
  assert.deepEqual(doc.verdicts.map((v) => v.by).sort(), ['Ann Lee', 'Bo Chan']);
  // A syncs: Bo's verdict is news on A's own case, shown beside A's.
  assert.match(await syncNow(env.browser), /Synced/);
  const page = await env.browser.context.newPage();
  await page.goto(DANIEL_SITE);
  const text = await waitFor('the team finding on A', async () => {
    await page.reload();
    const f = await panelFrame(page);
    return (await f.$('[data-flag="TEAM_MATCH"]')) ? f.textContent('[data-flag="TEAM_MATCH"]') : null;
  });
  assert.match(text, /Bo Chan/);
  assert.match(text, /Ann Lee/);
});

test('a case shared in full: only when ticked, and a colleague who matches it opens it', async () => {
  // Ann ticks "share in full" with a new verdict on Daniel's case.
  const { frame } = await openCase(env.browser, DANIEL_GITHUB, DANIEL_SITE);
  assert.ok(!(await frame.isChecked('#verdict-share')), 'never shared unless ticked');
  await frame.selectOption('#verdict-kind', 'fraudulent');
  await frame.fill('#verdict-reason', 'shared so the team can compare');
  await frame.check('#verdict-share');
  await frame.click('button[data-action="verdict"]');
  const doc = await waitFor('the case in full on the server', async () => {
    const [d] = await caseDocs();
    return d?.case ? d : null;
  });
  assert.match(doc.case, /Daniel Kim/);
  // Bo syncs; Victor's panel offers Ann's case, which opens in a dossier tab.
  assert.match(await syncNow(browserB), /Synced/);
  const page = await browserB.context.newPage();
  await page.goto(VICTOR_SITE);
  const button = await waitFor('the shared case on Victor', async () => {
    await page.reload();
    return (await panelFrame(page)).$('button[data-action="team-open"]');
  });
  assert.match(await button.textContent(), /Open the case Ann Lee shared in full/);
  const opened = browserB.context.waitForEvent('page');
  await button.click();
  const dossier = await opened;
  await dossier.waitForLoadState();
  await dossier.waitForFunction(() => /Daniel Kim/.test(document.body.innerText), null, { timeout: 15_000 });
  assert.match(dossier.url(), /dossier\.html\?case=/);
});

test('a verdict given on the command line reaches the browsers, and the command line reads theirs', async () => {
  const store = mkdtempSync(joinPath(tmpdir(), 'vetter-cli-store-'));
  const vetter = (...args) =>
    spawnSync(vetterBinary(), args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VETTER_CACHE_DIR: '', VETTER_TEAM_SECRET: SECRET, VETTER_TEAM_USER: 'ann', VETTER_TEAM_PASSWORD: 'annpw' },
    });
  try {
    const given = vetter('verdict', '--store', store, 'demo/maria-gonzalez', 'fraudulent', '--reason', 'works from a rented account', '--by', 'Cy Diaz', '--team', `${couch.url}/team`);
    assert.equal(given.status, 0, given.stdout + given.stderr);
    assert.match(given.stdout, /shared with the team \(1 record written\)/);
    // Bo, who never saw Maria, syncs and opens her GitHub profile: seen by the team (her address and bio).
    assert.match(await syncNow(browserB), /Synced/);
    const page = await browserB.context.newPage();
    await page.goto(MARIA_GITHUB);
    const finding = await waitFor('TEAM_MATCH on Maria', async () => {
      const frame = await panelFrame(page);
      return (await frame.$('[data-flag="TEAM_MATCH"]')) ? frame.textContent('[data-flag="TEAM_MATCH"]') : null;
    });
    assert.match(finding, /Fraudulent — Cy Diaz/);
    assert.match(finding, /works from a rented account/);
    await page.close();
    // The command line reads what the browsers shared: Daniel's case, which Ann and Bo judged.
    const scanned = vetter('scan', '--json', '--team', `${couch.url}/team`, 'demo/daniel-kim');
    assert.equal(scanned.status, 0, scanned.stderr);
    const team = JSON.parse(scanned.stdout).cases[0].findings.find((f) => f.id === 'TEAM_MATCH');
    assert.match(team?.explanation ?? '', /Ann Lee/);
    assert.match(team.explanation, /Bo Chan/);
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
});

test('a record the team deleted stays deleted until a recruiter judges the case again', async () => {
  // An administrator deletes Daniel's record (an erasure request, say); Ann and Bo both hold verdicts on it.
  const [doc] = (await caseDocs()).filter((d) => d.verdicts.some((v) => v.by === 'Ann Lee'));
  assert.ok(doc, 'Daniel\'s record is on the server');
  const removed = await admin(`/team/${encodeURIComponent(doc._id)}?rev=${doc._rev}`, { method: 'DELETE' });
  assert.equal(removed.status, 200, JSON.stringify(removed.json));
  assert.match(await syncNow(env.browser), /Synced/);
  assert.match(await syncNow(browserB), /Synced/);
  assert.equal((await admin(`/team/${encodeURIComponent(doc._id)}`)).status, 404, 'not written back by either copy');
  // Ann judges the case again: it is shared again, and Bo has it back at his next sync.
  const { frame } = await openCase(env.browser, DANIEL_GITHUB, DANIEL_SITE);
  await giveVerdict(frame, 'fraudulent', 'judged again after the deletion');
  const back = await waitFor('the record shared again', async () => {
    const r = await admin(`/team/${encodeURIComponent(doc._id)}`);
    return r.status === 200 ? r.json : null;
  });
  assert.ok(back.verdicts.some((v) => v.reason === 'judged again after the deletion'));
  assert.match(await syncNow(browserB), /Synced/);
});

test('a removed user and hostile documents give clear messages and lose nothing', async () => {
  // Hostile documents on the server: refused, counted, the rest still read.
  await admin('/team/case:zzzz', { method: 'PUT', body: JSON.stringify({ type: 'vetter-team-case', schema: 1, verdicts: [] }) });
  await admin('/team/case:0123456789abcdef0123456789abcdef', {
    method: 'PUT',
    body: JSON.stringify({ type: 'vetter-team-case', schema: 1, identifiers: Array(600).fill('0123456789abcdef0123456789abcdef'), templates: [], rules: [], verdicts: [{ verdict: 'fraudulent', by: 'x', at: 1 }], updated: 1 }),
  });
  const synced = await syncNow(env.browser);
  assert.match(synced, /2 documents refused/);
  // Bo is removed from the team: told so; B's own verdicts and the team's records stay.
  const user = (await admin('/_users/org.couchdb.user:bo')).json;
  await admin(`/_users/org.couchdb.user:bo?rev=${user._rev}`, { method: 'DELETE' });
  assert.match(await syncNow(browserB), /refused the user name or password|may not use/);
  const page = await browserB.context.newPage();
  await page.goto(VICTOR_SITE);
  const frame = await panelFrame(page);
  assert.ok((await panelFlags(frame)).includes('TEAM_MATCH'), 'the team records known stay');
  await page.goto(DANIEL_SITE);
  assert.ok(await (await panelFrame(page)).$('.verdict-standing[data-verdict="not_fraudulent"]'), 'B\'s verdict stays');
});

test('10,000 team records sync into a fresh browser well within 30 s', async () => {
  // Valid records (random tags, signatures and photo bits, as other members'
  // cases would be; each with a photo, the largest part of a record), written in bulk.
  const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  for (let batch = 0; batch < 10; batch++) {
    const docs = Array.from({ length: 1_000 }, () => ({
      _id: `case:${hex(32)}`,
      type: 'vetter-team-case',
      schema: 1,
      verdicts: [{ verdict: 'fraudulent', reason: 'bench', by: 'Someone', at: 1_700_000_000_000 }],
      identifiers: [hex(32), hex(32), hex(32)],
      templates: [hex(256)],
      photos: [hex(2 * 576)],
      rules: ['NAME_MISMATCH'],
      updated: 1_700_000_000_000,
    }));
    const r = await admin('/team/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs }) });
    assert.equal(r.status, 201);
  }
  const fresh = await launch(env.server);
  try {
    const started = Date.now();
    const joined = await join(fresh, { user: 'ann', password: 'annpw' });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(joined.state, 'synced', joined.text);
    const known = Number(/(\d+) cases from your team known/.exec(joined.text)?.[1]);
    assert.ok(known >= 10_000, joined.text);
    console.log(`# team sync of ${known} records into a fresh browser: ${seconds.toFixed(1)} s (joining included)`);
    assert.ok(seconds < 30, `${seconds} s`);
  } finally {
    await fresh.context.close();
  }
});
