// The case store on disk: IndexedDB, one record per profile.
//
// Why IndexedDB and not chrome.storage.local: the store grows to tens of
// thousands of profiles (a few KB each) and changes one profile at a time.
// storage.local rewrites and re-serialises whole values and has no
// transactions over several keys; IndexedDB writes one record per change,
// commits a batch atomically, and reads everything back in one getAll at
// start-up. The worker is the only writer, so concurrent tabs are
// serialized in one place. Records are JSON strings made and read by Rust.

const DB_NAME = 'vetter';
const DB_VERSION = 1;
export const PROFILES = 'profiles';
const META = 'meta';
const QUARANTINE = 'quarantine';

const promised = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const done = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

export function open() {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  // Schema migrations of the database itself (object stores); the records'
  // own format is versioned and migrated in Rust.
  request.onupgradeneeded = (event) => {
    const db = request.result;
    if (event.oldVersion < 1) {
      db.createObjectStore(PROFILES);
      db.createObjectStore(META);
      db.createObjectStore(QUARANTINE);
    }
  };
  return promised(request);
}

/** Every profile record as [key, json] pairs, and the settings record. */
export async function readAll(db) {
  const tx = db.transaction([PROFILES, META], 'readonly');
  const profiles = tx.objectStore(PROFILES);
  const [keys, values, settings] = await Promise.all([
    promised(profiles.getAllKeys()),
    promised(profiles.getAll()),
    promised(tx.objectStore(META).get('settings')),
  ]);
  await done(tx);
  return { records: keys.map((k, i) => [String(k), String(values[i])]), settings };
}

/** A value of the meta store (undefined when absent). */
export async function getMeta(db, key) {
  const tx = db.transaction(META, 'readonly');
  const value = await promised(tx.objectStore(META).get(key));
  await done(tx);
  return value;
}

/** Sets (or, with undefined, removes) a value of the meta store. */
export async function putMeta(db, key, value) {
  const tx = db.transaction(META, 'readwrite');
  if (value === undefined) tx.objectStore(META).delete(key);
  else tx.objectStore(META).put(value, key);
  await done(tx);
}

/** Writes one batch of changes atomically: all of it or none. */
export async function write(db, { put, delete: gone, settings }) {
  const tx = db.transaction([PROFILES, META], 'readwrite');
  const profiles = tx.objectStore(PROFILES);
  for (const [key, json] of put) profiles.put(json, key);
  for (const key of gone) profiles.delete(key);
  if (settings) tx.objectStore(META).put(settings, 'settings');
  await done(tx);
}

/** Moves unreadable records aside (never deletes them), with the reason. */
export async function quarantine(db, rejected, records) {
  const byKey = new Map(records);
  const tx = db.transaction([PROFILES, QUARANTINE], 'readwrite');
  for (const { key, reason } of rejected) {
    tx.objectStore(QUARANTINE).put({ key, reason, value: byKey.get(key), at: Date.now() }, `${key}@${Date.now()}`);
    tx.objectStore(PROFILES).delete(key);
  }
  await done(tx);
}

/**
 * Forgets records set aside before `before` (ms since the epoch; all of
 * them when undefined): retention and "Delete everything" cover every copy.
 */
export async function forgetQuarantined(db, before) {
  const tx = db.transaction(QUARANTINE, 'readwrite');
  const store = tx.objectStore(QUARANTINE);
  if (before === undefined) store.clear();
  else {
    const [keys, values] = await Promise.all([promised(store.getAllKeys()), promised(store.getAll())]);
    keys.forEach((key, i) => {
      if (!(Number(values[i]?.at) >= before)) store.delete(key);
    });
  }
  await done(tx);
}

export async function quarantined(db) {
  const tx = db.transaction(QUARANTINE, 'readonly');
  const all = await promised(tx.objectStore(QUARANTINE).getAll());
  await done(tx);
  return all;
}
