// The panel frame: an extension page, so wasm runs here whatever the host
// page's CSP. It asks the worker for this tab's case and renders it with
// the Rust core, which escapes every value read from pages.
import init, { loadData, renderPanel, warmUp } from '../pkg/vetter.js';
import { clearSource, enterFieldAction, explainAction, noteAction, replaceKeepingInput, showError, teamOpenAction, verdictAction } from './actions.js';
import { catalogue, localize, t } from './i18n.js';

localize();

const ready = Promise.all([init({ module_or_path: new URL('../pkg/vetter_bg.wasm', import.meta.url) }), catalogue()]).then(
  ([, messages]) => loadData('messages.json', messages),
);
const main = document.getElementById('panel');
let shownKeys = [];

let warm = false;

async function refresh() {
  // Asked before the wasm is ready: the worker works while this page starts.
  const asked = chrome.runtime.sendMessage({ type: 'vetter/get-view' });
  await ready;
  if (!warm) {
    warm = true;
    warmUp();
  }
  let reply;
  try {
    reply = await asked;
  } catch (err) {
    main.textContent = t('panelUnavailable', err.message);
    return;
  }
  if (!reply?.view) {
    main.textContent = reply?.error ?? t('panelNoProfile');
    return;
  }
  // What was typed stays only when the same case is shown again (the tab
  // may have moved on to another candidate).
  const parsed = JSON.parse(reply.view);
  const keys = parsed.keys ?? [];
  document.body.dataset.score = String(parsed.risk?.score ?? 0);
  const sameCase = keys.some((k) => shownKeys.includes(k));
  shownKeys = keys;
  const started = performance.now();
  const html = renderPanel(reply.view);
  if (sameCase) replaceKeepingInput(main, html);
  else main.innerHTML = html;
  offerSiteAccess(parsed.sitesNeedingAccess ?? []);
  document.body.dataset.renderMs = (performance.now() - started).toFixed(2);
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  document.body.dataset.ready = 'true';
  fillMergeTargets();
}

// The candidate's own sites Vetter may not read yet: asked per origin, on
// the recruiter's click (the browser shows its own prompt).
function offerSiteAccess(origins) {
  document.getElementById('site-access')?.remove();
  if (!origins.length) return;
  const box = document.createElement('section');
  box.id = 'site-access';
  const text = document.createElement('p');
  text.textContent = t('siteAccessOffer');
  box.append(text);
  for (const origin of origins.slice(0, 10)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.origin = origin;
    button.textContent = t('siteAccessButton', origin);
    button.addEventListener('click', async () => {
      // Firefox gives a frame inside a web page no permissions API: the
      // options page asks instead, on the recruiter's click there.
      if (!chrome.permissions?.request) {
        chrome.runtime.sendMessage({ type: 'vetter/ask-site-access', origin }).catch(() => {});
        return;
      }
      const granted = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (granted) button.remove();
    });
    box.append(button);
  }
  main.append(box);
}

// Other cases the recruiter may merge this one with, most recent first.
async function fillMergeTargets() {
  const select = document.getElementById('merge-target');
  if (!select) return;
  const { cases = [] } = (await chrome.runtime.sendMessage({ type: 'vetter/cases' })) ?? {};
  const mine = select.dataset.this;
  for (const c of cases.slice(0, 200)) {
    if (c.key === mine) continue;
    const option = document.createElement('option');
    option.value = c.key;
    option.textContent = t('caseOption', c.label, c.sites.join(', '));
    select.append(option);
  }
}

// The recruiter's actions; the worker applies them and tells every panel.
const ACTIONS = {
  separate: (b) => ({ type: 'vetter/separate', keys: [b.dataset.key] }),
  split: () => {
    const keys = [...document.querySelectorAll('[data-split-key]:checked')].map((c) => c.dataset.splitKey);
    return keys.length ? { type: 'vetter/separate', keys } : null;
  },
  link: (b) => ({ type: 'vetter/link', a: b.dataset.a, b: b.dataset.b }),
  merge: () => {
    const select = document.getElementById('merge-target');
    return select?.value ? { type: 'vetter/link', a: select.dataset.this, b: select.value } : null;
  },
  note: noteAction,
  verdict: verdictAction,
  'team-open': teamOpenAction,
  explain: explainAction,
  'enter-field': enterFieldAction,
};

// The tab this panel is shown in: the side panel is opened for it. (Firefox
// gives a frame inside a web page no tabs API; it has no side panel either.)
let hostTab = null;
chrome.tabs?.getCurrent?.().then((tab) => (hostTab = tab?.id ?? null), () => {});

// The dossier opens in the browser's side panel, for this tab. The side
// panel opens only in direct answer to a click, so it is asked for here, in
// the click, not by the worker; where it is unavailable the dossier opens
// in a tab next to this one.
function openDossier(key) {
  const inTab = () => chrome.runtime.sendMessage({ type: 'vetter/open-dossier', key }).catch(() => {});
  if (hostTab === null || !chrome.sidePanel?.open) {
    inTab();
    return;
  }
  // This tab's panel shows this case (not whichever case it showed before);
  // both calls go out in the click, in order.
  const path = `extension/dossier.html?case=${encodeURIComponent(key)}`;
  chrome.sidePanel.setOptions({ tabId: hostTab, path, enabled: true }).catch(() => {});
  chrome.sidePanel
    .open({ tabId: hostTab })
    // An already open side panel is told too, whether or not the new path reloaded it.
    .then(() => chrome.runtime.sendMessage({ type: 'vetter/show-case', key }).catch(() => {}), inTab);
}

// Escape hands focus back to the page and folds the panel to its badge.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') chrome.runtime.sendMessage({ type: 'vetter/collapse' }).catch(() => {});
});

main.addEventListener('click', async (event) => {
  // A link to another profile of the case focuses its tab when one is open.
  const anchor = event.target.closest('a[href^="https://"]');
  if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    chrome.runtime.sendMessage({ type: 'vetter/focus', url: anchor.href }).catch(() => window.open(anchor.href, '_blank'));
    return;
  }
  const button = event.target.closest('button[data-action]');
  if (button?.dataset.action === 'dossier') {
    openDossier(button.dataset.key);
    return;
  }
  const message = button && ACTIONS[button.dataset.action]?.(button);
  if (!message) return;
  button.disabled = true;
  const reply = await chrome.runtime.sendMessage(message).catch((err) => ({ error: err.message }));
  if (reply?.error) showError(main, reply.error);
  else clearSource(message);
  button.disabled = false;
});

chrome.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id === chrome.runtime.id && msg?.type === 'vetter/case-updated') refresh();
});
refresh();
