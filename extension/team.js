// Agency mode (issue #18): a team's verdicts shared through a CouchDB
// database (Apache CouchDB, or any server speaking its replication
// protocol). The worker pulls the team's records from `_changes` and pushes
// the records of the cases this recruiter gave a verdict on; what a record
// holds, and every check of what the server sends, is the Rust core's
// (src/team.rs). Offline-first: verdicts are kept locally and go out at the
// next sync that reaches the server; the records pulled are kept in
// IndexedDB, so a worker without network still knows them. A record the
// team deleted on the server (an administrator honouring an erasure
// request) is not written back by this recruiter's copy: only a verdict
// given after the deletion was seen shares the case again.
import { teamMerge } from '../pkg/vetter.js';
import * as db from './db.js';

const SETTINGS_KEY = 'team';
const CACHE_KEY = 'teamRecords';
const CHECK_ID = 'vetter-team-check';
const PAGE = 500;

// What a sync remembers: where `_changes` was read to, the records read
// (with their revisions), and when each record the team deleted was seen gone.
const emptyCache = () => ({ since: '0', docs: {}, deleted: {} });

export const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v, max = 500) => (typeof v === 'string' ? v.slice(0, max) : '');

/** The team settings as saved, checked: {url, db, user, password, secret} or null. */
export function checkedSettings(saved) {
  if (!isPlainObject(saved)) return null;
  const settings = { url: text(saved.url), db: text(saved.db, 200), user: text(saved.user, 200), password: text(saved.password), secret: text(saved.secret) };
  return serverBase(settings) && settings.secret ? settings : null;
}

/** `url/db` when url is an http(s) address and db a CouchDB database name, else null. */
export function serverBase({ url, db: name }) {
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol) || u.username || u.password || u.search || u.hash) return null;
    if (!/^[a-z][a-z0-9_$()+/-]{0,200}$/.test(name)) return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
  } catch {
    return null;
  }
}

/** A join code: the server, the database and the secret (not the password), as one string. */
export const joinCode = ({ url, db: name, secret }) => btoa(unescape(encodeURIComponent(JSON.stringify({ url, db: name, secret }))));

export class Team {
  /** `t` translates messages; `onChange` is called when team findings may have changed. */
  constructor({ engine, database, t, onChange }) {
    Object.assign(this, { engine, database, t, onChange });
    this.settings = null;
    this.cache = emptyCache();
    this.status = { state: 'off' };
    this.running = Promise.resolve();
  }

  async load() {
    const { [SETTINGS_KEY]: saved } = await chrome.storage.local.get(SETTINGS_KEY);
    this.settings = checkedSettings(saved);
    if (!this.settings) return;
    this.engine.setTeam(this.settings.secret);
    const cached = this.database ? await db.getMeta(this.database, CACHE_KEY).catch(() => null) : null;
    if (isPlainObject(cached) && isPlainObject(cached.docs)) {
      this.cache = { ...emptyCache(), since: String(cached.since ?? '0') };
      if (isPlainObject(cached.deleted)) {
        for (const [id, at] of Object.entries(cached.deleted)) if (Number.isFinite(at)) this.cache.deleted[id] = at;
      }
      for (const [id, entry] of Object.entries(cached.docs)) {
        try {
          this.engine.teamPut(entry.json, Date.now());
          this.cache.docs[id] = entry;
        } catch {
          // A record this version no longer reads is fetched again.
          this.cache.since = '0';
        }
      }
    }
    this.status = { state: 'joined', records: this.engine.teamSize() };
  }

  /** Joins with `settings` (checked here and by the core); then syncs. */
  async join(settings) {
    const checked = checkedSettings(settings);
    if (!checked) throw new Error(this.t('teamBadSettings'));
    this.engine.setTeam(checked.secret); // throws for a short secret
    this.settings = checked;
    this.cache = emptyCache();
    await chrome.storage.local.set({ [SETTINGS_KEY]: checked });
    await this.saveCache();
    return this.sync();
  }

  async leave() {
    this.settings = null;
    this.cache = emptyCache();
    this.engine.setTeam(undefined);
    await chrome.storage.local.remove(SETTINGS_KEY);
    await this.saveCache();
    this.status = { state: 'off' };
    this.onChange();
  }

  /** One sync at a time; a sync asked for while one runs follows it. */
  sync() {
    const next = this.running.then(() => this.syncNow());
    this.running = next.catch(() => {});
    return next;
  }

  async syncNow() {
    if (!this.settings) return this.status;
    const started = Date.now();
    try {
      await this.checkSecret();
      const refused = await this.pull();
      await this.push();
      await this.saveCache();
      this.status = { state: 'synced', at: started, records: this.engine.teamSize(), refused };
    } catch (err) {
      await this.saveCache().catch(() => {});
      this.status = { state: 'error', at: started, records: this.engine.teamSize(), error: err.message };
    }
    this.onChange();
    return this.status;
  }

  async request(path, init = {}) {
    const { user, password } = this.settings;
    const headers = { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) };
    if (user) headers.authorization = `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}`;
    let response;
    try {
      response = await fetch(`${serverBase(this.settings)}${path}`, {
        ...init, headers, credentials: 'omit', redirect: 'error', cache: 'no-store', signal: AbortSignal.timeout(20_000),
      });
    } catch (err) {
      throw new Error(this.t('teamUnreachable', err.message));
    }
    if (response.status === 401) throw new Error(this.t('teamUnauthorized'));
    if (response.status === 403) throw new Error(this.t('teamForbidden'));
    const body = await response.text();
    if (body.length > 50_000_000) throw new Error(this.t('teamHostile', 'answer larger than 50 MB'));
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(this.t('teamHostile', `HTTP ${response.status}, not JSON`));
    }
    return { status: response.status, json };
  }

  /**
   * The team's check document holds the tag of a fixed text under the
   * team's secret: a member who typed another secret is told so before
   * anything keyed with it is pushed. The first member writes it.
   */
  async checkSecret(written = false) {
    const tag = this.engine.teamCheck();
    const { status, json } = await this.request(`/${CHECK_ID}`);
    if (status === 404 && !written) {
      const put = await this.request(`/${CHECK_ID}`, { method: 'PUT', body: JSON.stringify({ type: CHECK_ID, check: tag }) });
      // Written (or written by a colleague meanwhile): read it back once.
      if (put.status === 201 || put.status === 202 || put.status === 409) return this.checkSecret(true);
      throw new Error(this.t('teamServerError', String(put.status)));
    }
    if (status !== 200) throw new Error(this.t('teamServerError', String(status)));
    if (json?.check !== tag) throw new Error(this.t('teamWrongSecret'));
  }

  /** The team's changes since the last sync; returns how many documents were refused. */
  async pull() {
    let refused = 0;
    for (;;) {
      const since = encodeURIComponent(this.cache.since);
      const { status, json } = await this.request(`/_changes?include_docs=true&limit=${PAGE}&since=${since}`);
      if (status !== 200 || !Array.isArray(json?.results)) throw new Error(this.t('teamServerError', String(status)));
      for (const change of json.results) {
        const id = typeof change?.id === 'string' ? change.id : null;
        if (!id || id === CHECK_ID || id.startsWith('_design/')) continue;
        if (change.deleted) {
          this.engine.teamRemove(id);
          delete this.cache.docs[id];
          this.cache.deleted[id] ??= Date.now();
          continue;
        }
        const doc = change.doc;
        try {
          if (!isPlainObject(doc) || doc._id !== id) throw new Error('no document');
          const { _rev: rev, ...record } = doc;
          const json = JSON.stringify(record);
          this.engine.teamPut(json, Date.now());
          this.cache.docs[id] = { rev: String(rev ?? ''), json };
          delete this.cache.deleted[id];
        } catch {
          refused += 1; // a malformed or hostile document: skipped, counted, never half-used
        }
      }
      if (json.last_seq !== undefined) this.cache.since = String(typeof json.last_seq === 'string' ? json.last_seq : JSON.stringify(json.last_seq));
      if (json.results.length < PAGE) return refused;
    }
  }

  /** This recruiter's records, each merged with the server's version (every verdict of both kept). */
  async push() {
    for (const record of JSON.parse(this.engine.teamRecords(Date.now()))) {
      const id = record._id;
      // Deleted by the team: shared again only by a verdict given since.
      const deletedAt = this.cache.deleted[id];
      if (deletedAt && !record.verdicts.some((v) => v.at > deletedAt)) continue;
      for (let attempt = 0; attempt < 3; attempt++) {
        const known = this.cache.docs[id];
        const merged = known ? teamMerge(JSON.stringify(record), known.json, Date.now()) : JSON.stringify(record);
        if (known && sameRecord(merged, known.json)) break;
        const body = known?.rev ? { ...JSON.parse(merged), _rev: known.rev } : JSON.parse(merged);
        const { status, json } = await this.request(`/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(body) });
        if (status === 201 || status === 202) {
          this.cache.docs[id] = { rev: String(json.rev), json: merged };
          delete this.cache.deleted[id];
          this.engine.teamPut(merged, Date.now());
          break;
        }
        if (status !== 409) throw new Error(this.t('teamServerError', String(status)));
        // Someone wrote it meanwhile: read theirs and merge again.
        const theirs = await this.request(`/${encodeURIComponent(id)}`);
        if (theirs.status !== 200 || !isPlainObject(theirs.json)) throw new Error(this.t('teamServerError', String(theirs.status)));
        const { _rev: rev, ...record2 } = theirs.json;
        this.cache.docs[id] = { rev: String(rev), json: JSON.stringify(record2) };
      }
    }
  }

  async saveCache() {
    if (this.database) await db.putMeta(this.database, CACHE_KEY, this.cache);
  }
}

// Two versions of a record say the same when they differ at most in when
// they were made (compared with their keys in one order, at every depth).
function sameRecord(a, b) {
  const canonical = (v) =>
    Array.isArray(v) ? v.map(canonical) : isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  const strip = (json) => {
    const { updated: _, ...rest } = JSON.parse(json);
    return JSON.stringify(canonical(rest));
  };
  return strip(a) === strip(b);
}
