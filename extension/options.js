// The options page: cases and data (retention, export, import, deletion)
// and screening lists. Files are read here and sent to the
// worker, which checks them whole (in Rust) before storing or activating.
import { download } from './actions.js';
import { localize, t } from './i18n.js';

localize();
const tbody = document.querySelector('#lists tbody');
const status = document.getElementById('status');

function show(reply) {
  tbody.replaceChildren();
  const imported = new Set((reply.imported ?? []).map((l) => l.name));
  for (const list of reply.lists ?? []) {
    const row = document.createElement('tr');
    for (const value of [list.name, list.origin, list.dated ?? '—', list.entries, list.indicators]) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    const actions = document.createElement('td');
    if (imported.has(list.origin)) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('removeList', list.origin);
      remove.addEventListener('click', () => send({ type: 'vetter/remove-list', name: list.origin }, t('listRemoved', list.origin)));
      actions.append(remove);
    }
    row.append(actions);
    tbody.append(row);
  }
  const load = reply.imported?.length ? reply.load : null;
  let loaded = '';
  if (load?.from === 'compiled') loaded = t('listsLoadedCompiled', load.ms);
  else if (load) loaded = t('listsLoadedFiles', load.ms);
  document.getElementById('lists-load').textContent = loaded;
}

async function send(message, done) {
  const reply = await chrome.runtime.sendMessage(message);
  if (reply?.lists) show(reply);
  status.classList.toggle('error', Boolean(reply?.error));
  status.textContent = reply?.error ? t('listNotImported', reply.error) : done ?? '';
}

for (const [formId, kind] of [['import-sanctions', 'sanctions'], ['import-iocs', 'iocs']]) {
  document.getElementById(formId).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const file = form.elements.file.files[0];
    if (!file) return;
    const alt = form.elements.alt?.files[0];
    await send(
      { type: 'vetter/import-list', kind, name: file.name, text: await file.text(), alt: alt ? await alt.text() : null },
      t('listImported', file.name),
    );
    form.reset();
  });
}

send({ type: 'vetter/lists' });

// Cases and data. The worker does the work (in Rust); this page only shows it.
const casesBody = document.querySelector('#cases tbody');
const casesStatus = document.getElementById('cases-status');
const retention = document.getElementById('retention');

function say(text, isError = false) {
  casesStatus.classList.toggle('error', isError);
  casesStatus.textContent = text;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

async function loadCases() {
  const reply = await chrome.runtime.sendMessage({ type: 'vetter/cases' });
  retention.elements.days.value = reply.retentionDays;
  casesBody.replaceChildren();
  for (const c of reply.cases ?? []) {
    const row = document.createElement('tr');
    row.dataset.key = c.key;
    for (const value of [c.label, c.profiles, c.sites.join(', '), new Date(c.lastSeen).toLocaleString()]) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    const actions = document.createElement('td');
    actions.append(
      button(t('exportCase', c.label), async () => {
        const { json } = await chrome.runtime.sendMessage({ type: 'vetter/export-cases', keys: [c.key] });
        download(json, 'application/json', 'vetter-case.json');
      }),
      button(t('deleteCase', c.label), async () => {
        if (!confirm(t('confirmDeleteCase', c.label, c.profiles))) return;
        const r = await chrome.runtime.sendMessage({ type: 'vetter/delete-case', key: c.key });
        say(t('deletedProfiles', r.deleted));
        loadCases();
      }),
    );
    row.append(actions);
    casesBody.append(row);
  }
  if (!reply.cases?.length) say(t('noCases'));
}

retention.addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await chrome.runtime.sendMessage({ type: 'vetter/set-retention', days: Number(retention.elements.days.value) });
  if (r.error) say(r.error, true);
  else say(t('retentionSaved', r.purged));
  loadCases();
});

document.getElementById('export-all').addEventListener('click', async () => {
  const { json } = await chrome.runtime.sendMessage({ type: 'vetter/export-cases', keys: [] });
  download(json, 'application/json', 'vetter-cases.json');
});

document.getElementById('delete-all').addEventListener('click', async () => {
  if (!confirm(t('confirmDeleteAll'))) return;
  const r = await chrome.runtime.sendMessage({ type: 'vetter/delete-all' });
  say(t('deletedProfiles', r.deleted));
  loadCases();
});

document.getElementById('import-cases').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = event.target.elements.file.files[0];
  if (!file) return;
  const r = await chrome.runtime.sendMessage({ type: 'vetter/import-cases', json: await file.text() });
  if (r.error) say(t('casesNotImported', r.error), true);
  else if (r.refused) say(t('casesImportedSomeRefused', r.imported, r.refused), true);
  else say(t('casesImported', r.imported));
  event.target.reset();
  loadCases();
});

loadCases();

// What Vetter reads and shows.
const SITES = ['Upwork', 'Freelancer', 'Fiverr', 'Toptal', 'LinkedIn', 'GitHub', 'Indeed', 'Wellfound', 'Stack Overflow',
  'Guru', 'PeoplePerHour', 'Website'];
const prefsForm = document.getElementById('prefs');

async function loadPrefs() {
  const [{ prefs }, { user }] = await Promise.all([
    chrome.runtime.sendMessage({ type: 'vetter/prefs' }),
    chrome.runtime.sendMessage({ type: 'vetter/cases' }),
  ]);
  const box = document.getElementById('sites');
  box.replaceChildren();
  for (const site of SITES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'site';
    input.value = site;
    input.checked = !prefs.disabledSites.includes(site);
    label.append(input, ` ${site === 'Website' ? t('siteWebsite') : site}`);
    box.append(label);
  }
  prefsForm.elements.minSeverity.value = prefs.minSeverity;
  prefsForm.elements.user.value = user ?? '';
  prefsForm.elements.githubChecks.checked = prefs.githubChecks === true;
  // Shown masked (a password field), never in a report or an export.
  prefsForm.elements.githubToken.value = prefs.githubToken ?? '';
}

const GITHUB_ORIGIN = 'https://api.github.com/*';

prefsForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const disabledSites = [...prefsForm.querySelectorAll('input[name=site]')].filter((i) => !i.checked).map((i) => i.value);
  // GitHub checks need access to api.github.com: asked here, in the click.
  // (Nothing awaited before the request: the click's gesture must reach it.)
  let githubChecks = prefsForm.elements.githubChecks.checked;
  if (githubChecks) {
    githubChecks = await chrome.permissions.request({ origins: [GITHUB_ORIGIN] }).catch(() => false);
    prefsForm.elements.githubChecks.checked = githubChecks;
  }
  const githubToken = prefsForm.elements.githubToken.value.trim();
  await chrome.runtime.sendMessage({
    type: 'vetter/prefs',
    set: { disabledSites, minSeverity: prefsForm.elements.minSeverity.value, githubChecks, githubToken },
  });
  await chrome.runtime.sendMessage({ type: 'vetter/set-user', name: prefsForm.elements.user.value.trim() });
  document.getElementById('prefs-status').textContent = t('saved');
});

loadPrefs();
loadGrantedSites();

// Candidates' sites the recruiter allowed Vetter to read (beyond the
// supported sites the manifest names), each revocable.
async function loadGrantedSites() {
  offerAskedSite();
  const list = document.getElementById('granted-sites');
  const fixed = new Set(chrome.runtime.getManifest().host_permissions ?? []);
  const { origins = [] } = await chrome.permissions.getAll();
  const granted = origins.filter((o) => !fixed.has(o));
  list.replaceChildren();
  if (!granted.length) {
    const none = document.createElement('li');
    none.textContent = t('grantedSitesNone');
    list.append(none);
    return;
  }
  for (const origin of granted) {
    const item = document.createElement('li');
    item.textContent = `${origin.replace(/\/\*$/, '')} `;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.textContent = t('revokeSite');
    revoke.addEventListener('click', async () => {
      await chrome.permissions.remove({ origins: [origin] });
      loadGrantedSites();
    });
    item.append(revoke);
    list.append(item);
  }
}

// Opened from a panel that cannot ask for a site itself (Firefox): one
// button, for the origin the panel named, that asks the browser.
function offerAskedSite() {
  const asked = new URLSearchParams(location.search).get('grant');
  document.getElementById('grant-site')?.remove();
  if (!asked || !/^https?:\/\/[^/?#]+$/.test(asked)) return;
  const pattern = `${asked}/*`;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'grant-site';
  button.dataset.origin = asked;
  button.textContent = t('siteAccessButton', asked);
  button.addEventListener('click', async () => {
    const granted = await chrome.permissions.request({ origins: [pattern] }).catch(() => false);
    if (granted) loadGrantedSites();
  });
  document.getElementById('granted-sites').before(button);
}

// Agency mode: joining the team's server (the browser is asked for access
// to its address, in the click), syncing and leaving. The secret and the
// password are never shown again; the join code carries the server, the
// database and the secret for colleagues (not the password).
const teamForm = document.getElementById('team');

function showTeam({ status, settings, error }) {
  const line = document.getElementById('team-status');
  if (error) line.textContent = error;
  else if (!status || status.state === 'off') line.textContent = t('teamStatusOff');
  else if (status.state === 'error') line.textContent = t('teamStatusError', status.error);
  else if (status.state === 'synced') line.textContent = t('teamStatusSynced', new Date(status.at).toLocaleString(), String(status.records), String(status.refused ?? 0));
  else line.textContent = t('teamStatusJoined', String(status.records ?? 0));
  line.dataset.state = error ? 'error' : (status?.state ?? 'off');
  document.getElementById('team-code').textContent = settings?.joinCode ?? '';
  if (settings) {
    teamForm.elements.url.value = settings.url;
    teamForm.elements.db.value = settings.db;
    teamForm.elements.user.value = settings.user;
  }
}

const team = (message) => chrome.runtime.sendMessage({ type: 'vetter/team', ...message }).catch((err) => ({ error: err.message }));

teamForm.elements.joinCode.addEventListener('change', () => {
  try {
    const code = JSON.parse(decodeURIComponent(escape(atob(teamForm.elements.joinCode.value.trim()))));
    for (const field of ['url', 'db', 'secret']) if (typeof code[field] === 'string') teamForm.elements[field].value = code[field];
  } catch {
    showTeam({ error: t('teamBadCode') });
  }
});

teamForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = teamForm.elements;
  let origin;
  try {
    origin = new URL(f.url.value).origin;
  } catch {
    showTeam({ error: t('teamBadSettings') });
    return;
  }
  // Nothing awaited before the request: the click's gesture must reach it.
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  if (!granted) {
    showTeam({ error: t('teamNoAccess', origin) });
    return;
  }
  const settings = { url: f.url.value.trim(), db: f.db.value.trim(), user: f.user.value.trim(), password: f.password.value, secret: f.secret.value };
  f.password.value = '';
  f.secret.value = '';
  showTeam(await team({ action: 'join', settings }));
});
document.getElementById('team-sync').addEventListener('click', async () => showTeam(await team({ action: 'sync' })));
document.getElementById('team-leave').addEventListener('click', async () => showTeam(await team({ action: 'leave' })));
team({ action: 'status' }).then(showTeam);
