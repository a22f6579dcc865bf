// The Firefox build (issue #16): made by `cargo xtask build` from the one
// manifest.json, checked with Mozilla's addons-linter (the warnings it may
// give are the ones the README justifies; anything else fails), then run in
// Debian's firefox-esr, headless, on the demo pages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import addonsLinter from 'addons-linter';
import { childFrame, launchFirefox, openTab, trustedClick, waitFor } from './firefox-harness.mjs';
import { ROOT, startServer } from './harness.mjs';
import { SECRET, VICTOR_GITHUB, VICTOR_SITE, routeVictor, startTeamServer, vetterBinary } from './team-harness.mjs';

const FIREFOX = join(ROOT, 'dist/firefox');

// Justified in the README: the panel, the dossier and their actions insert
// HTML the Rust core rendered, escaping every value read from pages; the
// side panel calls are guarded (Firefox opens the dossier in a tab).
const JUSTIFIED = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', files: ['extension/actions.js', 'extension/dossier.js', 'extension/panel.js'] },
  { code: 'UNSUPPORTED_API', files: ['extension/panel.js'], about: /sidePanel/ },
];

test('the Firefox build has a Firefox manifest and lints with no error and no unjustified warning', async () => {
  const manifest = JSON.parse(readFileSync(join(FIREFOX, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.background, { scripts: ['extension/service-worker.js'], type: 'module' });
  assert.equal(manifest.sidebar_action.default_panel, 'extension/dossier.html');
  assert.ok(!manifest.side_panel && !manifest.permissions.includes('sidePanel'));
  assert.match(manifest.browser_specific_settings.gecko.id, /@/);
  const linter = addonsLinter.createInstance({
    config: {
      _: [FIREFOX],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: true,
      selfHosted: false,
    },
    runAsBinary: false,
  });
  const result = await linter.run();
  assert.deepEqual(result.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`), []);
  const unjustified = result.warnings.filter(
    (w) => !JUSTIFIED.some((j) => j.code === w.code && j.files.includes(w.file) && (!j.about || j.about.test(w.message))),
  );
  assert.deepEqual(unjustified.map((w) => `${w.code} ${w.file ?? ''}: ${w.message}`), []);
});

const PANEL_TEXT = `document.body.dataset.ready === 'true' && document.getElementById('panel').innerText`;
const HAS_HOST = `[...document.documentElement.children].some((e) => e.tagName === 'DIV' && e.style.zIndex === '2147483647')`;

const firefox = {};
before(async () => {
  firefox.server = await startServer();
  firefox.browser = await launchFirefox(firefox.server);
});
after(async () => {
  await firefox.browser?.close();
  await firefox.server?.close();
});

/** Opens `url` in a new tab; returns the tab and its rendered panel frame. */
async function openWithPanel(url) {
  const { bidi, base } = firefox.browser;
  const tab = await openTab(bidi, url);
  await waitFor(bidi, tab, HAS_HOST, { what: `Vetter's panel host on ${url}` });
  const frame = await childFrame(bidi, tab, `${base}/extension/panel.html`);
  return { tab, frame };
}

test('in Firefox the panel is shown on a supported site and two tabs of one candidate form a case', async () => {
  const { bidi } = firefox.browser;
  const { frame: first } = await openWithPanel('https://www.upwork.com/freelancers/~01demo0001');
  assert.match(await waitFor(bidi, first, PANEL_TEXT), /PROFILES IN THIS CASE \(1\)/i);
  const { frame: second } = await openWithPanel('https://github.com/dkim-builds');
  const text = await waitFor(bidi, second, `(${PANEL_TEXT}) && /IN THIS CASE \\(2\\)/i.test(document.getElementById('panel').innerText) && document.getElementById('panel').innerText`, {
    what: 'the second profile to join the case',
  });
  for (const quoted of ['Daniel K.', 'Jin Park', 'Austin, United States', 'Warsaw, Poland']) {
    assert.ok(text.includes(quoted), `the Firefox panel lacks "${quoted}"`);
  }
  const flags = await bidi.evaluate(second, `[...document.querySelectorAll('[data-flag]')].map((e) => e.dataset.flag).sort()`);
  assert.deepEqual(flags, ['LOCATION_MISMATCH', 'NAME_MISMATCH']);
});

test('in Firefox a page outside the supported sites is not read', async () => {
  const { bidi } = firefox.browser;
  const tab = await openTab(bidi, 'https://vetter-demo.example/');
  await new Promise((ok) => setTimeout(ok, 1_500));
  assert.equal(await bidi.evaluate(tab, HAS_HOST), false);
});

// Firefox gives the panel's frame no permissions API: the offer to read a
// candidate's own site opens the options page, where the recruiter's click asks.
test('in Firefox a candidate site the recruiter has not allowed is offered through the options page', async () => {
  const { bidi, base } = firefox.browser;
  const { frame } = await openWithPanel('https://github.com/obondarenko-dev');
  const origin = 'https://olena-bondarenko.example';
  const selector = `#site-access button[data-origin="${origin}"]`;
  await waitFor(bidi, frame, `!!document.querySelector('${selector}')`, { what: 'the offer to read the site' });
  await bidi.evaluate(frame, `document.querySelector('${selector}').click()`);
  const optionsUrl = `${base}/extension/options.html?grant=${encodeURIComponent(origin)}`;
  const deadline = Date.now() + 10_000;
  let options = null;
  while (!options && Date.now() < deadline) {
    const { contexts } = await bidi.send('browsingContext.getTree', {});
    options = contexts.find((c) => c.url.startsWith(optionsUrl))?.context ?? null;
    if (!options) await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.ok(options, 'the options page opened for the site');
  const asked = await waitFor(bidi, options, `document.getElementById('grant-site')?.dataset.origin`);
  assert.equal(asked, origin);
});

// Agency mode in Firefox (issue #18): a colleague's verdict, given with the
// `vetter` command, reaches a Firefox recruiter who joins the team from the
// options page and meets the same persona under another name; the Firefox
// recruiter's own verdict goes to the team's server.
test('in Firefox a recruiter joins the team, sees a colleague\'s verdict on another name and shares their own', async () => {
  const { bidi, base } = firefox.browser;
  const couch = await startTeamServer([['ann', 'annpw'], ['fay', 'faypw']]);
  const store = mkdtempSync(join(tmpdir(), 'vetter-cli-store-'));
  routeVictor(firefox.server);
  try {
    const given = spawnSync(vetterBinary(), [
      'verdict', '--store', store, 'demo/daniel-kim', 'fraudulent', '--reason', 'the bio is a persona template', '--by', 'Ann Lee',
      '--team', `${couch.url}/team`,
    ], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VETTER_CACHE_DIR: '', VETTER_TEAM_SECRET: SECRET, VETTER_TEAM_USER: 'ann', VETTER_TEAM_PASSWORD: 'annpw' },
    });
    assert.equal(given.status, 0, given.stdout + given.stderr);

    // Firefox lets no test navigate to an extension page: the panel has the
    // options page opened (as its offer to read a candidate's site does).
    const { tab, frame: panel } = await openWithPanel(VICTOR_GITHUB);
    await bidi.evaluate(panel, `chrome.runtime.sendMessage({ type: 'vetter/ask-site-access', origin: 'https://victor-lang.example' }).then(() => true)`);
    let options = null;
    for (const deadline = Date.now() + 10_000; !options && Date.now() < deadline; ) {
      const { contexts } = await bidi.send('browsingContext.getTree', {});
      // This one, not the page an earlier test opened for another site.
      options = contexts.find((c) => c.url.startsWith(`${base}/extension/options.html?grant=${encodeURIComponent('https://victor-lang.example')}`))?.context ?? null;
      if (!options) await new Promise((ok) => setTimeout(ok, 200));
    }
    assert.ok(options, 'the options page opened');
    // Victor's own site (where Daniel's phone is) is read once the recruiter allows it.
    await waitFor(bidi, options, `!!document.getElementById('grant-site')?.dataset.origin`, { what: 'the offer to allow the site' });
    await trustedClick(bidi, options, '#grant-site');
    await waitFor(bidi, options, `chrome.permissions.contains({ origins: ['https://victor-lang.example/*'] })`, { what: 'access to the site' });
    await bidi.evaluate(options, `chrome.runtime.sendMessage({ type: 'vetter/set-user', name: 'Fay Ortiz' }).then(() => true)`);
    const fields = { url: couch.url, db: 'team', user: 'fay', password: 'faypw', secret: SECRET };
    await bidi.evaluate(options, `(() => {
      const f = document.getElementById('team').elements;
      for (const [k, v] of Object.entries(${JSON.stringify(fields)})) f[k].value = v;
      const line = document.getElementById('team-status');
      line.textContent = '';
      delete line.dataset.state;
      return true;
    })()`);
    await trustedClick(bidi, options, '#team button[type=submit]');
    const status = await waitFor(
      bidi,
      options,
      `(() => { const l = document.getElementById('team-status'); return ['synced', 'error'].includes(l.dataset.state) && l.dataset.state + ': ' + l.textContent; })()`,
      { what: 'the join to settle', timeout: 30_000 },
    );
    assert.match(status, /^synced/, status);

    await bidi.send('browsingContext.reload', { context: tab, wait: 'complete' });
    const { frame } = await openWithPanel(VICTOR_SITE);
    const finding = await waitFor(bidi, frame, `document.querySelector('[data-flag="TEAM_MATCH"]')?.innerText`, { what: 'TEAM_MATCH on Victor' });
    assert.match(finding, /Fraudulent — Ann Lee/);
    assert.match(finding, /the bio is a persona template/);

    await bidi.evaluate(frame, `(() => {
      document.getElementById('verdict-kind').value = 'fraudulent';
      document.getElementById('verdict-reason').value = 'same bio as a rejected persona';
      document.querySelector('button[data-action="verdict"]').click();
      return true;
    })()`);
    const deadline = Date.now() + 20_000;
    let fays = [];
    while (!fays.length && Date.now() < deadline) {
      const { json } = await couch.admin('/team/_all_docs?include_docs=true');
      fays = json.rows.map((r) => r.doc).filter((d) => d.type === 'vetter-team-case' && d.verdicts.some((v) => v.by === 'Fay Ortiz'));
      if (!fays.length) await new Promise((ok) => setTimeout(ok, 250));
    }
    assert.equal(fays.length, 1, 'Fay\'s verdict reached the team server');
    assert.ok(!JSON.stringify(fays).includes('Victor'), 'no name reached the server');
  } finally {
    couch.stop();
    rmSync(store, { recursive: true, force: true });
  }
});
