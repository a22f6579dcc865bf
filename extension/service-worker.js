// Vetter's service worker: owns the case store (Rust, via wasm) and answers
// the content scripts and the panel. Listeners are registered synchronously
// at top level so that a worker woken by a message receives it; each
// handler then awaits `ready`.
import init, {
  Engine,
  activateCompiledLists,
  activateLists,
  checkList,
  compiledLists,
  listSummaries,
  loadData,
  restoreMessageModel,
} from '../pkg/vetter.js';
import * as db from './db.js';
import { Team, isPlainObject, joinCode } from './team.js';
import { catalogue, levelLabel, t } from './i18n.js';

// What the worker reads from storage is checked, whoever wrote it: storage
// is closed to content scripts where the browser allows (Chromium 120+),
// and what an older version or a damaged profile left is still checked.

// The recruiter's name for sign-offs, as they set it on the options page.
async function signOffName() {
  const { [USER_KEY]: user } = await chrome.storage.local.get(USER_KEY);
  return typeof user === 'string' ? user.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 100) : '';
}

function checkedPrefs(saved) {
  const p = isPlainObject(saved) ? saved : {};
  return {
    disabledSites: Array.isArray(p.disabledSites) ? p.disabledSites.filter((s) => typeof s === 'string').slice(0, 50) : [],
    minSeverity: SEVERITIES.includes(p.minSeverity) ? p.minSeverity : 'info',
    // GitHub checks (issue #17): off unless the user turns them on; a
    // personal access token is optional, kept here only, never exported.
    githubChecks: p.githubChecks === true,
    githubToken: typeof p.githubToken === 'string' && /^[A-Za-z0-9_]{1,255}$/.test(p.githubToken) ? p.githubToken : '',
  };
}

function checkedPlace(saved) {
  const p = isPlainObject(saved) ? saved : {};
  const at = p.position;
  const valid = isPlainObject(at) && [at.x, at.y].every((n) => Number.isFinite(n) && n >= 0 && n <= 100_000);
  return { dock: p.dock === 'left' ? 'left' : 'right', position: valid ? { x: at.x, y: at.y } : null };
}

// Imported list files as stored: anything else is left out (and reported).
function checkedLists(saved) {
  if (!Array.isArray(saved)) return [];
  return saved.filter(
    (l) =>
      isPlainObject(l) &&
      LIST_KINDS.includes(l.kind) &&
      typeof l.name === 'string' &&
      l.name.length <= 300 &&
      typeof l.text === 'string' &&
      (l.alt == null || typeof l.alt === 'string'),
  );
}

// Where schema 1 kept every profile, in one storage.local value (migrated).
const V1_STORE_KEY = 'vetter.store';
const UNREADABLE_PREFIX = 'vetter.store.unreadable.'; // a schema-1 store that could not be read, kept aside
const LISTS_KEY = 'vetter.lists'; // imported sanctions/IOC files: [{kind, name, text, alt, importedAt}]
const TABS_KEY = 'vetter.tabs';
const FORCED_KEY = 'vetter.forced';
// The user's choices: sites not to read ("Website" = personal sites) and the
// least severity shown.
const PREFS_KEY = 'vetter.prefs';
const PLACE_KEY = 'vetter.panelPlace'; // { dock: 'left' | 'right', position: { x, y } | null }
const SEVERITIES = ['info', 'low', 'medium', 'high'];
const LIST_KINDS = ['sanctions', 'iocs'];
let prefs = { disabledSites: [], minSeverity: 'info' };
// The content script caps snapshots too; this guards against a page that lies.
const MAX_SNAPSHOT_CHARS = 4_000_000;
const EXTENSION_ORIGIN = chrome.runtime.getURL('');

let engine = null;
let database = null;
let tabs = {}; // tab id -> profile key shown in that tab (session-scoped)
// Tab id -> the page the user asked to vet there (toolbar button, selection):
// that page only, not the pages the tab goes on to. Session storage keeps it
// when the worker is stopped and started again.
let forcedTabs = {};
const notices = [];
const ready = start().then(startTeam);
let team = null;

// Agency mode: the team's records are loaded (from IndexedDB) before the
// first view, then synced in the background.
async function startTeam() {
  team = new Team({ engine, database, t, onChange: broadcastUpdate });
  try {
    await team.load();
  } catch (err) {
    notices.push(t('teamStatusError', err.message));
  }
  if (team.settings) team.sync();
}

// Reference data the rules use, shipped as files so the wasm stays small.
const DATASETS = ['cities.tsv', 'disposable-domains.txt', 'nicknames.tsv', 'han-pinyin.txt'];

async function start() {
  // Storage for the extension's own pages and worker only: a content script
  // runs beside the page's scripts and must not write what the worker reads.
  // (Chromium 120+ for storage.local; Firefox only restricts session storage.)
  await chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
  await init({ module_or_path: chrome.runtime.getURL('pkg/vetter_bg.wasm') });
  loadData('messages.json', await catalogue()); // UI strings of reports
  await Promise.all([
    loadMessageModel(),
    ...DATASETS.map(async (name) => {
      try {
        loadData(name, await (await fetch(chrome.runtime.getURL(`data/${name}`))).text());
      } catch (err) {
        notices.push(t('noticeDataset', name, err.message));
      }
    }),
  ]);
  const [{ [V1_STORE_KEY]: v1, [LISTS_KEY]: lists, [PREFS_KEY]: savedPrefs }, { [TABS_KEY]: savedTabs, [FORCED_KEY]: forced }] =
    await Promise.all([
      chrome.storage.local.get([V1_STORE_KEY, LISTS_KEY, PREFS_KEY]),
      chrome.storage.session.get([TABS_KEY, FORCED_KEY]),
    ]);
  forcedTabs = isPlainObject(forced) ? forced : {};
  tabs = isPlainObject(savedTabs) ? savedTabs : {};
  prefs = checkedPrefs(savedPrefs);
  engine = new Engine();
  try {
    database = await db.open();
  } catch (err) {
    notices.push(t('noticeNoDatabase', err.message));
  }
  // Versions before the model shipped trained kept the one they trained here.
  if (database) db.putMeta(database, 'messageModel', undefined).catch(() => {});
  try {
    await activateStoredLists(checkedLists(lists));
  } catch (err) {
    notices.push(t('noticeLists', err.message));
  }
  if (!database) return;
  let stored;
  try {
    stored = await db.readAll(database);
  } catch (err) {
    // Nothing is written while the saved cases cannot be read: they stay as they are.
    notices.push(t('noticeNoDatabase', err?.message ?? err));
    database = null;
    return;
  }
  const { records, settings } = stored;
  const rejected = JSON.parse(engine.loadRecords(JSON.stringify(records)));
  if (rejected.length) {
    // Set aside, never deleted: a later version may read them.
    await db.quarantine(database, rejected, records).catch(() => {});
    notices.push(t('noticeSetAside', rejected.length, rejected.map((r) => `${r.key} (${r.reason})`).join('; ')));
  }
  if (settings) {
    try {
      engine.loadSettings(settings);
    } catch (err) {
      notices.push(t('noticeSettings', err.message));
    }
  }
  if (v1 !== undefined) await migrateV1(v1);
  purgeExpired(Date.now());
  lastPurge = Date.now();
  await persist();
}

// The message model, trained when the extension was built (`vetter model`):
// without it messages are still read, by the word lists alone.
async function loadMessageModel() {
  try {
    const response = await fetch(chrome.runtime.getURL('data/behaviour-model.bin'));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    restoreMessageModel(new Uint8Array(await response.arrayBuffer()));
  } catch (err) {
    notices.push(t('noticeModel', err.message));
  }
}

// Schema 1 kept the whole store in one storage.local value. It is removed
// only once its profiles are safely written as records.
async function migrateV1(document) {
  try {
    engine.migrateV1(document);
  } catch (err) {
    const aside = `${UNREADABLE_PREFIX}${Date.now()}`;
    await chrome.storage.local.set({ [aside]: document });
    notices.push(t('noticeV1Unreadable', err.message, aside));
    await chrome.storage.local.remove(V1_STORE_KEY);
    return;
  }
  if (await persist()) await chrome.storage.local.remove(V1_STORE_KEY);
}

// Writes are serialized so a slow write never lands after a newer one. A
// failed write (quota, disk) keeps its changes pending for the next one.
let saving = Promise.resolve(true);
function persist() {
  saving = saving.then(async () => {
    if (!database) return false;
    const changes = engine.takeChanges();
    const parsed = JSON.parse(changes);
    if (!parsed.put.length && !parsed.delete.length && !parsed.settings) return true;
    try {
      await db.write(database, parsed);
      return true;
    } catch (err) {
      engine.markUnsaved(changes);
      const full = err?.name === 'QuotaExceededError';
      note(full ? t('noticeQuota') : t('noticeSaveFailed', err?.message ?? err));
      retryLater();
      return false;
    }
  });
  return saving;
}

// A failed write is tried again by itself (5 s, then longer), not only at
// the recruiter's next action.
let retryDelay = 0;
let retryTimer = 0;
function retryLater() {
  if (retryTimer) return;
  retryDelay = Math.min(Math.max(retryDelay * 2, 5_000), 300_000);
  retryTimer = setTimeout(async () => {
    retryTimer = 0;
    if (await persist()) retryDelay = 0;
  }, retryDelay);
}

function note(text) {
  if (!notices.includes(text)) notices.push(text);
}

// Expired profiles are forgotten at start-up and at most hourly after.
let lastPurge = 0;
function purgeIfDue() {
  if (Date.now() - lastPurge < 3_600_000) return;
  lastPurge = Date.now();
  purgeExpired(Date.now());
}

// Retention covers every copy: the cases, records set aside as unreadable
// and a schema-1 store kept aside. Returns how many profiles were forgotten.
function purgeExpired(now) {
  const purged = engine.purgeExpired(now);
  const days = engine.retentionDays();
  if (days > 0) forgetSetAside(now - days * 86_400_000).catch(() => {});
  return purged;
}

// Forgets what was set aside before `before` (everything when undefined).
async function forgetSetAside(before) {
  if (database) await db.forgetQuarantined(database, before);
  // The keys only: storage.local also holds the imported list files (MBs).
  const keys = chrome.storage.local.getKeys ? await chrome.storage.local.getKeys() : Object.keys(await chrome.storage.local.get(null));
  const aside = keys.filter((k) => {
    if (!k.startsWith(UNREADABLE_PREFIX)) return false;
    const at = Number(k.slice(UNREADABLE_PREFIX.length));
    return before === undefined || !(at >= before);
  });
  if (aside.length) await chrome.storage.local.remove(aside);
}

// The photo is fetched with the extension's host permission, decoded by
// the browser and reduced to a signature in Rust; pixels never leave the
// worker. The address comes from a page, so it is checked first: public
// hosts only (never an address of the recruiter's own network), a time
// limit, an image type, a byte cap while reading and a cap on decoded pixels
// read from the file's header before the browser decodes it.
const MAX_PHOTO_SIDE = 256;
const MAX_PHOTO_BYTES = 5_000_000;
const MAX_PHOTO_PIXELS = 40_000_000; // 8000 x 5000: more is no profile photo
const PHOTO_TIMEOUT_MS = 15_000;

// A host a profile photo can be on: a name under a public suffix. Loopback,
// private and link-local addresses, IP literals of any form, single-label
// intranet names and reserved or local suffixes are refused.
function isPublicPhotoAddress(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.username || u.password || (u.port && !['80', '443'].includes(u.port))) return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || /^[0-9.]+$/.test(host) || /^0x/i.test(host) || !host.includes('.')) return false;
  return !/(^|\.)(localhost|local|localdomain|internal|intranet|lan|home|corp|private|home\.arpa|test|invalid|onion)$/.test(host);
}

// Width and height from a PNG, GIF, WebP or JPEG header (null when unknown).
function imageSize(bytes) {
  const u16 = (i, little) => (little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  const u32 = (i) => ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
  const ascii = (i, n) => String.fromCharCode(...bytes.subarray(i, i + n));
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG') return [u32(16), u32(20)];
  if (bytes.length >= 10 && ascii(0, 3) === 'GIF') return [u16(6, true), u16(8, true)];
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') return [1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)), 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16))];
    if (chunk === 'VP8L') return [1 + (u16(21, true) & 0x3fff), 1 + ((u16(22, true) >> 6) | ((bytes[24] & 0x0f) << 10))];
    if (chunk === 'VP8 ') return [u16(26, true) & 0x3fff, u16(28, true) & 0x3fff];
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let i = 2; i + 9 < bytes.length; ) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [u16(i + 7), u16(i + 5)];
      i += 2 + u16(i + 2);
    }
  }
  return null;
}

async function fetchPhoto(url) {
  if (!isPublicPhotoAddress(url)) throw new Error('not a public address');
  const response = await fetch(url, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('image/') || type.startsWith('image/svg')) throw new Error(`not a picture (${type || 'no type'})`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_PHOTO_BYTES) throw new Error('larger than 5 MB');
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PHOTO_BYTES) {
      await reader.cancel();
      throw new Error('larger than 5 MB');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.byteLength), 0);
  const dims = imageSize(bytes);
  if (!dims) throw new Error('not a PNG, GIF, WebP or JPEG picture');
  if (dims[0] * dims[1] > MAX_PHOTO_PIXELS) throw new Error(`${dims[0]} x ${dims[1]} pixels: too large`);
  return new Blob([bytes], { type });
}

async function hashPhoto(key, url) {
  try {
    const bitmap = await createImageBitmap(await fetchPhoto(url));
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const [w, h] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
    const canvas = new OffscreenCanvas(w, h);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const pixels = context.getImageData(0, 0, w, h).data;
    engine.setPhoto(key, url, w, h, new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    answer(`photo:${url}`, 'hashed');
  } catch (err) {
    engine.photoFailed(key, url, `could not be fetched or decoded: ${err?.message ?? err}`);
    answer(`photo:${url}`, 'failed');
  }
  await persist();
  broadcastUpdate();
}

// GitHub checks (issue #17, opt-in): the public history of a GitHub account
// already in a case, from api.github.com only. The Rust core decides what to
// ask (at most 10 requests per account, each conditional on the entity tag
// kept from the last fetch, so an unchanged answer comes back as 304) and
// when (a history is kept for a week); fetching stops with a notice when
// GitHub's rate limit is reached.
const GITHUB_API = 'https://api.github.com';
const githubInFlight = new Set();
let githubPausedUntil = 0;

/** One request of the core's plan: {etag, body} (body null for 304). */
async function githubGet({ path, accept, etag }) {
  const headers = { accept, 'x-github-api-version': '2022-11-28' };
  if (etag) headers['if-none-match'] = etag;
  if (prefs.githubToken) headers.authorization = `Bearer ${prefs.githubToken}`;
  const response = await fetch(`${GITHUB_API}${path}`, {
    headers, credentials: 'omit', redirect: 'error', cache: 'no-store', signal: AbortSignal.timeout(15_000),
  });
  if (response.status === 304) return { etag, body: null };
  if ((response.status === 403 || response.status === 429) && response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset')) * 1000;
    githubPausedUntil = Number.isFinite(reset) && reset > Date.now() ? reset : Date.now() + 3_600_000;
    throw new Error(t('noticeGithubRateLimit', new Date(githubPausedUntil).toLocaleTimeString()));
  }
  const body = await response.text();
  if (body.length > 5_000_000) throw new Error('answer larger than 5 MB');
  // A refusal's body carries GitHub's "message", which the core reports.
  return { etag: response.headers.get('etag'), body };
}

async function fetchGithubHistory(key) {
  if (!prefs.githubChecks || Date.now() < githubPausedUntil) return;
  const login = engine.githubToFetch(key, Date.now());
  if (!login || githubInFlight.has(login)) return;
  githubInFlight.add(login);
  try {
    // Two rounds: the account and its repositories, then what they call for.
    const answers = {};
    for (let round = 0; round < 2; round++) {
      for (const request of JSON.parse(engine.githubRequests(key, JSON.stringify(answers)))) {
        answers[request.path] = await githubGet(request);
      }
    }
    engine.setGithubAnswers(key, JSON.stringify(answers), Date.now());
    answer(`github:${login}`, 'fetched');
    await persist();
    broadcastUpdate();
  } catch (err) {
    const notice = t('noticeGithubFailed', login, err?.message ?? String(err));
    if (!notices.includes(notice)) notices.push(notice);
    answer(`github:${login}`, 'failed');
  } finally {
    githubInFlight.delete(login);
  }
}

// For the end-to-end tests (the worker's scope): the checks above.
globalThis.__vetterPhotoChecks = { isPublicPhotoAddress, imageSize };

const pageOf = (url) => (url ?? '').split('#')[0];

// What was decided about each page lately (not read, no profile, a
// profile…), for the end-to-end suite: a page with no panel is only proof
// of something once the worker has answered for it.
const answered = new Map();
function answer(url, what) {
  if (answered.size > 200) answered.delete(answered.keys().next().value);
  answered.set(pageOf(url), what);
}
globalThis.vetterAnswered = (url) => answered.get(pageOf(url)) ?? null;

/** Whether the user asked to vet the page `url` in tab `tabId`. */
const isForced = (tabId, url) => forcedTabs[tabId] === '*' || (forcedTabs[tabId] ?? null) === pageOf(url);

/** Marks the page at `url` in `tabId` as one the user asked to vet (`null` forgets the tab). */
function force(tabId, url) {
  // Without the address (no access to the tab yet), whatever page is there.
  if (url !== null) forcedTabs[tabId] = url === undefined ? '*' : pageOf(url);
  else delete forcedTabs[tabId];
  return chrome.storage.session.set({ [FORCED_KEY]: forcedTabs }).catch(() => {});
}

function rememberTab(tabId, key) {
  if (key) tabs[tabId] = key;
  else delete tabs[tabId];
  return chrome.storage.session.set({ [TABS_KEY]: tabs });
}

// Tell every panel to re-read its view (they are extension pages).
function broadcastUpdate() {
  chrome.runtime.sendMessage({ type: 'vetter/case-updated' }).catch(() => {});
}

/** `text` if it is exactly an http(s) origin (scheme://host[:port]), else null. */
function webOrigin(text) {
  try {
    const url = new URL(String(text));
    return /^https?:$/.test(url.protocol) && url.origin === text ? url.origin : null;
  } catch {
    return null;
  }
}

const isExtensionPage = (sender) => typeof sender.url === 'string' && sender.url.startsWith(EXTENSION_ORIGIN);

async function injectContentScript(tabId) {
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['extension/content.js'] });
  } catch (err) {
    console.warn('Vetter: cannot read this tab:', err.message);
  }
}

// Text the user selected, analysed as messages in the case of the page.
async function analyseSelection(tab, text) {
  await ready;
  const key = engine.ingestSelection(tab.url ?? '', text, Date.now());
  if (!key) return null;
  if (!tabs[tab.id]) await rememberTab(tab.id, key);
  await persist();
  broadcastUpdate();
  await force(tab.id, tab.url);
  await injectContentScript(tab.id);
  return key;
}
// Exposed for the end-to-end suite, which cannot click a context menu.
globalThis.vetterAnalyseSelection = analyseSelection;

// Imported lists are checked whole before they are stored or activated, so
// a malformed file never replaces what is in force.
// One change at a time: two imports close together each read, change and
// write the whole set, and the second must not drop the first.
let listChanges = Promise.resolve();
function manageLists(msg) {
  const result = listChanges.then(() => changeLists(msg));
  listChanges = result.catch(() => {});
  return result;
}

// The imported lists compiled (names, aliases, index) are kept in IndexedDB
// beside the cases: a worker that starts again loads them in milliseconds
// instead of parsing OFAC's list for a second. The files in storage.local
// stay the source; the compiled copy is used only for the same files
// (names, import times and sizes) and by the same version, and is made
// again from the files otherwise.
const COMPILED_LISTS_KEY = 'compiledLists';
const listsFingerprint = (lists) =>
  JSON.stringify(lists.map((l) => [l.kind, l.name, l.importedAt, String(l.text ?? '').length, l.alt == null ? -1 : String(l.alt).length]));

// How the lists in force were loaded last, for the options page (and the
// browser harness's timing): { from: 'compiled' | 'files', ms }.
let listsLoad = null;

async function activateStoredLists(lists) {
  const fingerprint = listsFingerprint(lists);
  const started = performance.now();
  if (database && lists.length) {
    try {
      const compiled = await db.getMeta(database, COMPILED_LISTS_KEY);
      if (compiled?.fingerprint === fingerprint) {
        const summaries = activateCompiledLists(compiled.bytes, fingerprint);
        listsLoad = { from: 'compiled', ms: Math.round(performance.now() - started) };
        return summaries;
      }
    } catch {
      // Made again from the files below.
    }
  }
  const summaries = activateLists(JSON.stringify(lists));
  listsLoad = { from: 'files', ms: Math.round(performance.now() - started) };
  if (database) {
    // A cache: when it cannot be written, the next start parses the files.
    const compiled = lists.length ? { fingerprint, bytes: compiledLists(fingerprint) } : undefined;
    await db.putMeta(database, COMPILED_LISTS_KEY, compiled).catch(() => {});
  }
  return summaries;
}

async function changeLists(msg) {
  const stored = checkedLists((await chrome.storage.local.get(LISTS_KEY))[LISTS_KEY]);
  let next = stored;
  if (msg.type === 'vetter/import-list') {
    const file = { kind: msg.kind, name: String(msg.name ?? ''), text: String(msg.text ?? ''), alt: msg.alt ?? null };
    try {
      checkList(JSON.stringify(file));
    } catch (err) {
      return { error: err.message, lists: JSON.parse(listSummaries()) };
    }
    next = [...stored.filter((l) => l.name !== file.name), { ...file, importedAt: new Date().toISOString() }];
  } else if (msg.type === 'vetter/remove-list') {
    next = stored.filter((l) => l.name !== msg.name);
  }
  if (next !== stored) {
    // Stored first: a failed write (quota) leaves what is in force as it was.
    await chrome.storage.local.set({ [LISTS_KEY]: next });
    const summaries = await activateStoredLists(next);
    broadcastUpdate();
    return {
      lists: JSON.parse(summaries),
      imported: next.map(({ name, kind, importedAt }) => ({ name, kind, importedAt })),
      load: listsLoad,
    };
  }
  return {
    lists: JSON.parse(listSummaries()),
    imported: stored.map(({ name, kind, importedAt }) => ({ name, kind, importedAt })),
    load: listsLoad,
  };
}

// The digest of a page snapshot, recorded with its profile so that a report
// can show which page a finding came from.
async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const USER_KEY = 'vetter.user'; // the name recorded when a finding is marked explained

const REPORTS = {
  html: { mime: 'text/html', extension: 'html' },
  markdown: { mime: 'text/markdown', extension: 'md' },
  json: { mime: 'application/json', extension: 'json' },
};

// One case action; the engine validates keys and values.
function act(msg) {
  const now = Date.now();
  const str = (v) => String(v ?? '');
  try {
    switch (msg.type) {
      case 'vetter/link': return { ok: engine.link(str(msg.a), str(msg.b)) };
      case 'vetter/separate': return { ok: engine.separate(JSON.stringify((msg.keys ?? []).map(String))) };
      case 'vetter/note': return { ok: engine.addNote(str(msg.key), str(msg.text), now) };
      case 'vetter/verdict': return { ok: engine.setVerdict(str(msg.key), str(msg.verdict), str(msg.reason), str(msg.by), now, msg.shared === true) };
      case 'vetter/check': return { ok: engine.setCheck(str(msg.key), str(msg.item), str(msg.status), str(msg.note), now) };
      case 'vetter/explain': return { ok: engine.explain(str(msg.key), str(msg.finding), str(msg.by), str(msg.reason), now) };
      case 'vetter/enter-field': {
        const ok = engine.enterField(str(msg.key), str(msg.field), str(msg.value), str(msg.by), now);
        return ok ? { ok } : { error: t('fieldEnteredNotSaved') };
      }
      case 'vetter/delete-case': return { deleted: engine.deleteCase(str(msg.key)) };
      case 'vetter/delete-all': {
        const deleted = engine.deleteAll();
        forgetSetAside(undefined).catch(() => {});
        return { deleted };
      }
      case 'vetter/import-cases': return JSON.parse(engine.importCases(str(msg.json), now));
      case 'vetter/set-retention': {
        const days = Number(msg.days);
        if (!Number.isInteger(days) || days < 0 || days > 3650) return { error: 'Retention must be 0 to 3650 days.' };
        engine.setRetentionDays(days);
        return { ok: true, purged: purgeExpired(now) };
      }
    }
  } catch (err) {
    return { error: String(err?.message ?? err) };
  }
  return { error: 'unknown action' };
}

async function handle(msg, sender) {
  await ready;
  switch (msg.type) {
    // From content scripts: should this page be read at all? Only profile
    // and thread pages, candidates' linked sites and pages the user chose.
    case 'vetter/wants': {
      if (isExtensionPage(sender) || !sender.tab || sender.frameId !== 0) return { wants: false };
      const url = sender.tab.url ?? sender.url;
      if (isForced(sender.tab.id, url)) return { wants: true };
      const wants = engine.wantsPage(url) && !prefs.disabledSites.includes(Engine.siteOf(url));
      if (!wants) answer(url, 'not read');
      return { wants };
    }
    // From content scripts, i.e. from web pages: untrusted. The tab and the
    // address come from `sender` (the browser), never from the message.
    case 'vetter/snapshot': {
      if (isExtensionPage(sender) || !sender.tab || sender.frameId !== 0) return { status: 'ignored' };
      if (typeof msg.html !== 'string') return { status: 'ignored' };
      // The top frame's address. `sender.url` keeps the address the frame
      // loaded with and misses single-page navigations (pushState).
      const url = sender.tab.url ?? sender.url;
      const html = msg.html.slice(0, MAX_SNAPSHOT_CHARS);
      const outcome = JSON.parse(engine.ingest(url, html, Date.now(), await sha256(html), msg.asShown === true));
      answer(url, outcome.status);
      // The page still shows the profile it came from: nothing is stored, the content script reads it again.
      if (outcome.status === 'stale') return { status: 'stale' };
      const shown = tabs[sender.tab.id];
      if (outcome.status === 'none' && shown?.startsWith('selection:') && isForced(sender.tab.id, url)) {
        // A page with no profile of its own, where the user analysed a selection.
        const view = JSON.parse(engine.view(shown, Date.now(), prefs.minSeverity) ?? 'null');
        const level = view?.risk.level;
        return { status: 'profile', key: shown, level, levelLabel: levelLabel(level ?? 'none'), score: view?.risk.score };
      }
      await rememberTab(sender.tab.id, outcome.key);
      if (outcome.status === 'profile') {
        purgeIfDue();
        await persist();
        broadcastUpdate();
        if (outcome.photo) hashPhoto(outcome.key, outcome.photo);
        if (prefs.githubChecks) fetchGithubHistory(outcome.key);
      }
      return { ...outcome, levelLabel: levelLabel(outcome.level ?? 'none') }; // the badge's words
    }
    // From the panel frame, an extension page inside the tab.
    case 'vetter/get-view': {
      if (!isExtensionPage(sender) || !sender.tab) return { error: 'not allowed' };
      const key = tabs[sender.tab.id];
      const json = key ? engine.view(key, Date.now(), prefs.minSeverity) : undefined;
      // The case may have been deleted from another page meanwhile.
      if (!json) return { view: null };
      const view = JSON.parse(json);
      const teamTrouble = team?.status.state === 'error' ? [t('teamStatusError', team.status.error)] : [];
      view.notices = [...notices, ...teamTrouble, ...view.notices];
      view.sitesNeedingAccess = await sitesNeedingAccess(key);
      // One state for the panel and the badge beside it (issue #16).
      const level = view.risk?.level ?? 'none';
      chrome.tabs
        .sendMessage(sender.tab.id, { type: 'vetter/badge', level, levelLabel: levelLabel(level), score: view.risk?.score ?? 0 }, { frameId: 0 })
        .catch(() => {});
      return { view: JSON.stringify(view) };
    }
    // From the panel, the options page and the dossier: the recruiter's
    // actions on cases. Extension pages only.
    case 'vetter/link':
    case 'vetter/separate':
    case 'vetter/note':
    case 'vetter/verdict':
    case 'vetter/check':
    case 'vetter/explain':
    case 'vetter/enter-field':
    case 'vetter/delete-case':
    case 'vetter/delete-all':
    case 'vetter/import-cases':
    case 'vetter/set-retention': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      if (msg.type === 'vetter/explain' || msg.type === 'vetter/enter-field' || msg.type === 'vetter/verdict') {
        msg = { ...msg, by: (await signOffName()) || t('unnamedRecruiter') };
      }
      const result = act(msg);
      await persist();
      broadcastUpdate();
      // A verdict is what a team shares: out at once when the server is reachable, else at the next sync.
      if (msg.type === 'vetter/verdict' && team?.settings) team.sync();
      return result;
    }
    case 'vetter/cases': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      const user = await signOffName();
      return { cases: JSON.parse(engine.caseList(Date.now(), msg.rated === true)), retentionDays: engine.retentionDays(), user, notices };
    }
    // From the dossier: one case by key, or the case of the active tab.
    case 'vetter/case-view': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      let key = msg.key;
      if (!key) {
        const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        key = active ? tabs[active.id] : undefined;
      }
      const json = key ? engine.view(String(key), Date.now(), prefs.minSeverity) : undefined;
      return { key: key ?? null, view: json ?? null, notices };
    }
    case 'vetter/report': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      const kind = REPORTS[msg.format];
      if (!kind) return { error: 'unknown report format' };
      try {
        const text = engine.report(String(msg.key ?? ''), Date.now(), msg.format);
        return { text, mime: kind.mime, filename: `vetter-report-${new Date().toISOString().slice(0, 10)}.${kind.extension}` };
      } catch (err) {
        return { error: String(err?.message ?? err) };
      }
    }
    // From the panel or the dossier: a case a colleague shared in full,
    // imported (checked as any import) and opened in a dossier tab.
    case 'vetter/team-open': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      let key;
      try {
        key = engine.teamOpen(String(msg.record ?? ''), Date.now());
      } catch (err) {
        return { error: String(err?.message ?? err) };
      }
      await persist();
      broadcastUpdate();
      const url = chrome.runtime.getURL(`extension/dossier.html?case=${encodeURIComponent(key)}`);
      await chrome.tabs.create({ url, index: sender.tab ? sender.tab.index + 1 : undefined });
      return { ok: true, key };
    }
    case 'vetter/open-dossier': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      const url = chrome.runtime.getURL(`extension/dossier.html?case=${encodeURIComponent(String(msg.key ?? ''))}`);
      await chrome.tabs.create({ url, index: sender.tab ? sender.tab.index + 1 : undefined });
      return { ok: true };
    }
    // From the panel where it cannot ask itself (Firefox): the options page
    // asks for one candidate site's origin, on the recruiter's click there.
    case 'vetter/ask-site-access': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      const origin = webOrigin(msg.origin);
      if (!origin) return { error: 'not a web origin' };
      const url = chrome.runtime.getURL(`extension/options.html?grant=${encodeURIComponent(origin)}#granted-sites`);
      await chrome.tabs.create({ url, index: sender.tab ? sender.tab.index + 1 : undefined });
      return { ok: true };
    }
    // From the panel: show a profile, in its open tab when there is one.
    case 'vetter/focus': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      let url;
      try {
        url = new URL(String(msg.url));
      } catch {
        return { error: 'not an address' };
      }
      if (url.protocol !== 'https:') return { error: 'not an address' };
      const open = (await chrome.tabs.query({})).find((t) => t.url && new URL(t.url).href.replace(/\/$/, '') === url.href.replace(/\/$/, ''));
      if (open) {
        await chrome.tabs.update(open.id, { active: true });
        await chrome.windows.update(open.windowId, { focused: true }).catch(() => {});
      } else {
        await chrome.tabs.create({ url: url.href, index: sender.tab ? sender.tab.index + 1 : undefined });
      }
      return { ok: true, focused: Boolean(open) };
    }
    case 'vetter/collapse': {
      if (!isExtensionPage(sender) || !sender.tab) return { error: 'not allowed' };
      await chrome.tabs.sendMessage(sender.tab.id, { type: 'vetter/collapse' }).catch(() => {});
      return { ok: true };
    }
    case 'vetter/prefs': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      if (msg.set) {
        prefs = checkedPrefs({ ...prefs, ...msg.set });
        await chrome.storage.local.set({ [PREFS_KEY]: prefs });
        broadcastUpdate();
      }
      return { prefs };
    }
    // The panel's place on pages (content scripts): storage is closed to
    // them, so the worker keeps it, checked.
    case 'vetter/panel-place': {
      const { [PLACE_KEY]: place } = await chrome.storage.local.get(PLACE_KEY);
      return checkedPlace(place);
    }
    case 'vetter/set-panel-place': {
      const { [PLACE_KEY]: place } = await chrome.storage.local.get(PLACE_KEY);
      const next = checkedPlace({ ...checkedPlace(place), ...(msg.dock ? { dock: msg.dock } : {}), position: msg.position });
      await chrome.storage.local.set({ [PLACE_KEY]: next });
      return { ok: true };
    }
    case 'vetter/set-user': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      await chrome.storage.local.set({ [USER_KEY]: String(msg.name ?? '').slice(0, 100) });
      return { ok: true };
    }
    // From the options page: joining, syncing with and leaving the team.
    case 'vetter/team': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      if (msg.action === 'join') await team.join(msg.settings);
      else if (msg.action === 'sync') await team.sync();
      else if (msg.action === 'leave') await team.leave();
      const s = team.settings;
      return {
        status: team.status,
        settings: s && { url: s.url, db: s.db, user: s.user, joinCode: joinCode(s) },
      };
    }
    case 'vetter/export-cases': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      return { json: engine.exportCases(JSON.stringify(msg.keys ?? []), Date.now()) };
    }
    // From the options page (an extension page): the screening lists.
    case 'vetter/lists':
    case 'vetter/import-list':
    case 'vetter/remove-list': {
      if (!isExtensionPage(sender)) return { error: 'not allowed' };
      return manageLists(msg);
    }
    default:
      return { error: `unknown message ${msg.type}` };
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || typeof msg?.type !== 'string') return false;
  if (msg.type === 'vetter/show-case') return false; // for the side panel, not the worker
  handle(msg, sender).then(sendResponse, (err) => {
    console.error('Vetter:', err);
    sendResponse({ error: String(err?.message ?? err) });
  });
  return true; // the answer is asynchronous
});

chrome.tabs.onRemoved.addListener((tabId) => {
  ready.then(() => force(tabId, null));
  ready.then(() => rememberTab(tabId, null));
});

// A candidate's personal site (linked from a profile already seen) is read
// like the supported sites; no other page is.
// Vetter holds host access to the supported sites only: a personal site is
// read once the recruiter allowed its origin (the panel offers it, the
// options page lists and revokes it).
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status !== 'complete' || !tab.url?.startsWith('https://')) return;
  ready.then(async () => {
    if (engine.isLinked(tab.url)) {
      if (await hasSiteAccess(tab.url)) injectContentScript(tabId);
      else answer(tab.url, 'needs access');
    }
    // The supported sites' pages are answered by their content script.
    else if (Engine.siteOf(tab.url) === 'Website') answer(tab.url, 'not linked');
  });
});

const originPattern = (url) => {
  try {
    const u = new URL(url);
    return ['https:', 'http:'].includes(u.protocol) ? `${u.origin}/*` : null;
  } catch {
    return null;
  }
};

async function hasSiteAccess(url) {
  const origin = originPattern(url);
  return origin !== null && chrome.permissions.contains({ origins: [origin] }).catch(() => false);
}

// The personal sites of a case that Vetter may not read yet, as origins.
async function sitesNeedingAccess(key) {
  const origins = [...new Set(JSON.parse(engine.linkedSites(key)).map(originPattern).filter(Boolean))];
  const allowed = await Promise.all(origins.map((o) => chrome.permissions.contains({ origins: [o] }).catch(() => false)));
  return origins.filter((_, i) => !allowed[i]).map((o) => o.slice(0, -2));
}

// The toolbar button: vet the current page whatever it is.
chrome.action.onClicked.addListener((tab) => {
  if (!tab.id) return;
  // The click must reach the worker's state before the script asks.
  ready.then(() => force(tab.id, tab.url)).then(() => injectContentScript(tab.id));
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create(
    { id: 'vetter-selection', title: t('contextMenuSelection'), contexts: ['selection'] },
    () => void chrome.runtime.lastError, // already there after an update
  );
});
chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === 'vetter-selection' && tab?.id !== undefined) analyseSelection(tab, info.selectionText ?? '');
});
