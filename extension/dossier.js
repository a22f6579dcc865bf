// The dossier: the case list (worst first, searchable) and one case in
// full. Opened as the browser's side panel (the case of the active tab) or
// in its own tab (?case=key). Rendering is Rust (renderDossier); this file
// asks the worker and wires the buttons.
import init, { loadData, renderDossier } from '../pkg/vetter.js';
import { clearSource, download, explainAction, noteAction, replaceKeepingInput, showError, teamOpenAction, verdictAction } from './actions.js';
import { catalogue, levelLabel, localize, t } from './i18n.js';

localize();

const ready = Promise.all([init({ module_or_path: new URL('../pkg/vetter_bg.wasm', import.meta.url) }), catalogue()]).then(
  ([, messages]) => loadData('messages.json', messages),
);
const main = document.getElementById('dossier');
const list = document.getElementById('case-list');
const search = document.getElementById('case-search');
let current = new URLSearchParams(location.search).get('case');
let cases = [];
let shownKeys = []; // every profile of the case shown: the list marks it, whichever profile was asked for

const send = (message) => chrome.runtime.sendMessage(message).catch((err) => ({ error: err.message }));

function showCases() {
  const q = search.value.trim().toLowerCase();
  list.replaceChildren();
  for (const c of cases.filter((c) => !q || `${c.label} ${c.sites.join(' ')}`.toLowerCase().includes(q))) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `?case=${encodeURIComponent(c.key)}`;
    a.dataset.key = c.key;
    a.setAttribute('aria-current', String(c.key === current || shownKeys.includes(c.key)));
    const level = document.createElement('span');
    level.className = 'lvl';
    level.textContent = c.level ? ` ${levelLabel(c.level)} ${c.score}` : '';
    a.append(c.label, level);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      current = c.key;
      history.replaceState(null, '', a.href);
      refresh();
    });
    li.append(a);
    list.append(li);
  }
}

async function refresh() {
  await ready;
  const [listed, shown] = await Promise.all([send({ type: 'vetter/cases', rated: true }), send({ type: 'vetter/case-view', key: current })]);
  cases = listed?.cases ?? [];
  if (shown?.key) current = shown.key;
  const before = shownKeys;
  shownKeys = shown?.view ? (JSON.parse(shown.view).keys ?? []) : []; // the view comes as JSON text
  // What was typed stays only when the same case is shown again.
  const sameCase = shownKeys.some((k) => before.includes(k));
  showCases();
  if (!shown?.view) {
    main.textContent = shown?.error ?? t('noCaseForTab');
    document.body.dataset.ready = 'true';
    return;
  }
  const started = performance.now();
  const html = renderDossier(shown.view);
  if (sameCase) replaceKeepingInput(main, html);
  else main.innerHTML = html;
  document.body.dataset.renderMs = (performance.now() - started).toFixed(2);
  document.body.dataset.ready = 'true';
}

const ACTIONS = {
  check: (b) => ({
    type: 'vetter/check',
    key: b.dataset.key,
    item: b.dataset.item,
    status: document.querySelector(`[data-check-status="${b.dataset.item}"]`)?.value,
    note: document.querySelector(`[data-check-note="${b.dataset.item}"]`)?.value ?? '',
  }),
  explain: explainAction,
  note: noteAction,
  verdict: verdictAction,
  'team-open': teamOpenAction,
  report: (b) => ({ type: 'vetter/report', key: b.dataset.key, format: b.dataset.format }),
};

main.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  const message = button && ACTIONS[button.dataset.action]?.(button);
  if (!message) return;
  button.disabled = true;
  const reply = await send(message);
  button.disabled = false;
  if (reply?.error) {
    showError(main, reply.error);
    return;
  }
  clearSource(message);
  if (message.type === 'vetter/report') {
    if (message.format === 'html') {
      // The printable report opens in its own tab, ready for Print / Save as PDF.
      const url = URL.createObjectURL(new Blob([reply.text], { type: 'text/html' }));
      window.open(url, '_blank');
    }
    download(reply.text, reply.mime, reply.filename);
  }
});

search.addEventListener('input', showCases);
// A side panel has no tab of its own; a dossier in a tab does.
const asSidePanel = chrome.tabs.getCurrent().then((tab) => !tab, () => false);
chrome.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id !== chrome.runtime.id) return;
  if (msg?.type === 'vetter/case-updated') refresh();
  // "Open the dossier" on a page while this side panel is already open.
  if (msg?.type === 'vetter/show-case' && typeof msg.key === 'string') {
    asSidePanel.then((yes) => {
      if (!yes) return;
      current = msg.key;
      history.replaceState(null, '', `?case=${encodeURIComponent(current)}`);
      refresh();
    });
  }
});
// As the side panel, follow the tab the recruiter is looking at.
if (!current) chrome.tabs.onActivated.addListener(() => { current = null; refresh(); });
refresh();
