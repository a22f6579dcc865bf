// The panel frame: an extension page, so wasm runs here whatever the host
// page's CSP. It asks the worker for this tab's case and renders it with
// the Rust core, which escapes every value read from pages.
import init, { renderPanel } from '../pkg/vetter.js';

const ready = init({ module_or_path: new URL('../pkg/vetter_bg.wasm', import.meta.url) });
const main = document.getElementById('panel');

async function refresh() {
  await ready;
  let reply;
  try {
    reply = await chrome.runtime.sendMessage({ type: 'vetter/get-view' });
  } catch (err) {
    main.textContent = `Vetter is unavailable: ${err.message}`;
    return;
  }
  if (!reply?.view) {
    main.textContent = reply?.error ?? 'No candidate profile was read on this page.';
    return;
  }
  const started = performance.now();
  main.innerHTML = renderPanel(reply.view);
  document.body.dataset.renderMs = (performance.now() - started).toFixed(2);
  document.body.dataset.ready = 'true';
}

chrome.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id === chrome.runtime.id && msg?.type === 'vetter/case-updated') refresh();
});
refresh();
