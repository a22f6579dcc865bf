// The Firefox build (issue #16): made by `cargo xtask build` from the one
// manifest.json, checked with Mozilla's addons-linter. The warnings it may
// give are the ones the README justifies; anything else fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import addonsLinter from 'addons-linter';
import { ROOT } from './harness.mjs';

const FIREFOX = join(ROOT, 'dist/firefox');

// Justified in the README: the panel, the dossier and their actions insert
// HTML the Rust core rendered, escaping every value read from pages; the
// side panel calls are guarded (Firefox opens the dossier in a tab).
const JUSTIFIED = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', files: ['extension/actions.js', 'extension/dossier.js', 'extension/panel.js'] },
  { code: 'UNSUPPORTED_API', files: ['extension/panel.js'], about: /sidePanel/ },
];

test('the Firefox build has a Firefox manifest and lints with no error and no unjustified warning', async () => {
  const manifest = JSON.parse(readFileSync(join(FIREFOX, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.background, { scripts: ['extension/service-worker.js'], type: 'module' });
  assert.equal(manifest.sidebar_action.default_panel, 'extension/dossier.html');
  assert.ok(!manifest.side_panel && !manifest.permissions.includes('sidePanel'));
  assert.match(manifest.browser_specific_settings.gecko.id, /@/);
  const linter = addonsLinter.createInstance({
    config: {
      _: [FIREFOX],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: true,
      selfHosted: false,
    },
    runAsBinary: false,
  });
  const result = await linter.run();
  assert.deepEqual(result.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`), []);
  const unjustified = result.warnings.filter(
    (w) => !JUSTIFIED.some((j) => j.code === w.code && j.files.includes(w.file) && (!j.about || j.about.test(w.message))),
  );
  assert.deepEqual(unjustified.map((w) => `${w.code} ${w.file ?? ''}: ${w.message}`), []);
});
