// The message model is trained once and kept in IndexedDB (training takes
// seconds in the browser); a damaged copy is refused and the model trained
// and kept again. (Reading a good copy back is tested in the Rust core.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { stopServiceWorkers, useBrowser } from './harness.mjs';

const env = useBrowser({ before, after });

async function keptModelBytes() {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  const size = await page.evaluate(async () => {
    const { open, getMeta } = await import('./db.js');
    const kept = await getMeta(await open(), 'messageModel');
    return kept instanceof Uint8Array ? kept.length : 0;
  });
  await page.close();
  return size;
}

test('the trained message model is kept, and a damaged copy is trained again', async () => {
  const deadline = Date.now() + 30_000;
  let size = 0;
  while (!(size = await keptModelBytes()) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 500));
  assert.ok(size > 1_000_000, `kept model of ${size} bytes`);
  // A damaged copy is refused at the next worker start: the model is trained again and kept whole.
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/extension/options.html`);
  await page.evaluate(async () => {
    const { open, putMeta } = await import('./db.js');
    await putMeta(await open(), 'messageModel', new Uint8Array([1, 2, 3]));
  });
  await page.close();
  assert.equal(await keptModelBytes(), 3);
  await stopServiceWorkers(env.browser.context, env.browser.extensionId);
  const again = Date.now() + 30_000;
  while ((size = await keptModelBytes()) === 3 && Date.now() < again) await new Promise((ok) => setTimeout(ok, 500));
  assert.ok(size > 1_000_000, `kept model of ${size} bytes after the damaged copy`);
});
