// Every UI string the extension shows comes from _locales: each key the
// pages (data-i18n*), the scripts (t('…'), chrome.i18n.getMessage('…')) and
// the manifest (__MSG_…__) and the Rust renderer (ui("…")) use exists in
// English, and no key is unused.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './harness.mjs';

const messages = JSON.parse(readFileSync(join(ROOT, '_locales/en/messages.json'), 'utf8'));

// Unit tests at the end of a module may name keys that must not exist.
const withoutTests = (text) => text.split('#[cfg(test)]')[0];

function rustSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rustSources(join(dir, e.name)) : e.name.endsWith('.rs') ? [withoutTests(readFileSync(join(dir, e.name), 'utf8'))] : [],
  );
}

function usedKeys() {
  const used = new Set();
  const add = (re, text) => {
    for (const m of text.matchAll(re)) used.add(m[1]);
  };
  for (const name of readdirSync(join(ROOT, 'extension'))) {
    const text = readFileSync(join(ROOT, 'extension', name), 'utf8');
    if (name.endsWith('.html')) add(/data-i18n(?:-placeholder|-label)?="([A-Za-z0-9_]+)"/g, text);
    if (name.endsWith('.js')) {
      add(/\bt\('([A-Za-z0-9_]+)'/g, text);
      add(/getMessage\('([A-Za-z0-9_]+)'/g, text);
      add(/'(level_[a-z]+)'/g, text);
    }
  }
  add(/__MSG_([A-Za-z0-9_]+)__/g, readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  // What the Rust core writes: ui("…") / ui_with("…", …) anywhere in src/,
  // message keys held in tables and matches (flag_…, ev_…, field labels),
  // and the checklist steps.
  for (const text of rustSources(join(ROOT, 'src'))) {
    add(/\bui(?:_with)?\(\s*"([A-Za-z0-9_]+)"/g, text);
    add(/"((?:flag|ev)_[A-Za-z0-9_]+)"/g, text);
    add(/=> "((?:field|identifier|page|level_|unread)[A-Za-z0-9_]*)"/g, text);
    add(/connect\(self, &other_key, "([A-Za-z0-9_]+)"\)/g, text);
    // Every flag has a why-it-matters line, looked up by its id.
    for (const [, id] of text.matchAll(/(?:pub const [A-Z_]*ID: &str =|^\s+id:) "([A-Z][A-Z_]+)"/gm)) used.add(`flag_${id}_why`);
  }
  for (const [, id] of readFileSync(join(ROOT, 'src/checklist.rs'), 'utf8').matchAll(/^\s+"([a-z_]+)",$/gm)) {
    used.add(`check_${id}`).add(`check_${id}_why`);
  }
  // Labels chosen at run time: option labels and severities of the dossier.
  // Table heads of reports, listed as keys.
  for (const key of ['colSite', 'reportAddress', 'reportFirstSeen', 'reportLastSeen', 'reportSnapshot', 'explainedStillCounted', 'explainedNotCounted', 'statusPending', 'statusDone', 'statusFailed']) used.add(key);
  return used;
}

test('every UI string key exists in English, and every English string is used', () => {
  const used = usedKeys();
  const missing = [...used].filter((k) => !messages[k]?.message);
  assert.deepEqual(missing, []);
  const unused = Object.keys(messages).filter((k) => !used.has(k));
  assert.deepEqual(unused, []);
});

test('placeholders are declared for every $NAME$ a message uses', () => {
  for (const [key, { message, placeholders = {} }] of Object.entries(messages)) {
    for (const [, name] of message.matchAll(/\$([A-Z_]+)\$/g)) {
      assert.ok(placeholders[name.toLowerCase()], `${key} uses $${name}$ without declaring it`);
    }
  }
});
