// The store listing (issue #16): `store/` is checked against the manifest and
// the locale, and its images are made here from the demo case into
// `dist/store/` (generated, never committed).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EXTENSION_DIR, ROOT, panelFrame, useBrowser } from './harness.mjs';

const STORE = join(ROOT, 'store');
const OUT = join(ROOT, 'dist/store');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const messages = JSON.parse(readFileSync(join(ROOT, '_locales/en/messages.json'), 'utf8'));
const listing = readFileSync(join(STORE, 'listing.md'), 'utf8');
const privacy = readFileSync(join(STORE, 'privacy.md'), 'utf8');

/** The text under `## heading` in a Markdown file, up to the next `## `. */
function section(markdown, heading) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no "## ${heading}" section`);
  const body = markdown.slice(start + heading.length + 5);
  const end = body.search(/\n## /);
  return (end < 0 ? body : body.slice(0, end)).replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path) {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${path} is not a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the listing summary is the manifest description and fits both stores', () => {
  const summary = section(listing, 'Summary');
  assert.equal(summary, messages.extDescription.message);
  assert.ok(summary.length <= 132, `Chrome allows 132 characters; the summary has ${summary.length}`);
  assert.ok(section(listing, 'Description').length <= 16_000);
});

test('every permission the manifest asks for is justified in the privacy answers', () => {
  const justified = new Set([...privacy.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));
  const asked = [...manifest.permissions, 'host_permissions', 'optional_host_permissions'];
  assert.deepEqual(asked.filter((p) => !justified.has(p)), []);
  // Nothing justified that is no longer asked for (the answers would mislead a reviewer).
  assert.deepEqual([...justified].filter((p) => !asked.includes(p)), []);
  const firefox = JSON.parse(readFileSync(join(ROOT, 'dist/firefox/manifest.json'), 'utf8'));
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions.required, ['none']);
  assert.match(privacy, /data_collection_permissions[\s\S]*\["none"\]/);
});

test('the package carries the icons the manifest names', () => {
  for (const [size, path] of Object.entries(manifest.icons)) {
    assert.deepEqual(pngSize(join(EXTENSION_DIR, path)), [Number(size), Number(size)]);
  }
  assert.deepEqual(manifest.action.default_icon, manifest.icons);
});

const env = useBrowser({ before, after });

test('the store images are made from the demo case at the sizes the stores ask for', async () => {
  mkdirSync(OUT, { recursive: true });
  const { context, extensionId } = env.browser;
  const open = async (url) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    return page;
  };
  await open('https://github.com/dkim-builds');
  const upwork = await open('https://www.upwork.com/freelancers/~01demo0001');
  const frame = await panelFrame(upwork);
  await frame.waitForSelector('[data-flag="NAME_MISMATCH"]');
  const shots = [['screenshot-1-panel.png', upwork]];
  const key = await frame.getAttribute('button[data-action="dossier"]', 'data-key');
  const dossier = await open(`chrome-extension://${extensionId}/extension/dossier.html?case=${encodeURIComponent(key)}`);
  await dossier.waitForSelector('#dossier h1');
  shots.push(['screenshot-2-dossier.png', dossier]);
  const options = await open(`chrome-extension://${extensionId}/extension/options.html`);
  await options.waitForSelector('#granted-sites li');
  shots.push(['screenshot-3-options.png', options]);
  for (const [name, page] of shots) {
    await page.screenshot({ path: join(OUT, name) });
    assert.deepEqual(pngSize(join(OUT, name)), [1280, 800]);
  }

  const tile = await context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.goto(pathToFileURL(join(STORE, 'promo-tile.html')).href);
  assert.ok(await tile.$eval('img', (img) => img.complete && img.naturalWidth === 128), 'the tile shows the built icon');
  await tile.screenshot({ path: join(OUT, 'promo-tile-440x280.png') });
  assert.deepEqual(pngSize(join(OUT, 'promo-tile-440x280.png')), [440, 280]);
});
