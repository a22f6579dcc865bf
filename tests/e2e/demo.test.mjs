// The README's first command, headless: `cargo xtask demo` runs tests/e2e/demo.mjs
// on the built extension. Both demos must show what the README says they show.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from './harness.mjs';

const run = async (...args) =>
  (await promisify(execFile)('node', [join(ROOT, 'tests/e2e/demo.mjs'), '--headless', ...args], { cwd: ROOT, timeout: 120_000 })).stdout;

test('the demo shows each demo page\'s panel', async () => {
  const out = await run();
  assert.equal((out.match(/^=== https:/gm) ?? []).length, 4, out);
  assert.match(out, /FINDINGS/);
});

test('the team demo: Bo sees the case Ann marked fraudulent on another name with the same phone', async () => {
  const out = await run('--team');
  assert.match(out, /Ann joins the team: Synced/);
  const bo = out.slice(out.indexOf('=== https://victor-lang.example/'));
  assert.ok(bo.length > 0 && out.includes('=== https://victor-lang.example/'), out);
  assert.match(bo, /Seen by your team/);
  assert.match(bo, /Fraudulent — Ann Lee/);
  assert.match(bo, /Phone: \+48555010123 \(also in a case your team shared\)/);
});
