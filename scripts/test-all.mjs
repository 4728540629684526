// `npm test`: typecheck, lint, unit tests, build, e2e — every suite runs, then one line sums them:
// "N passed, N failed". Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'cce-console-test-'));
const only = process.argv.slice(2);

function run(cmd, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function findChromium() {
  return [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

// Sentinel values in every secret variable during the build (src/server/proxy/bundle-leak.test.ts reads the same file).
const buildSentinels = JSON.parse(readFileSync(join(root, 'scripts/build-sentinels.json'), 'utf8'));
const buildSentinelEnv = Object.fromEntries(Object.entries(buildSentinels).flatMap(([k, v]) => [[k, v], [`VITE_${k}`, v]]));

// Order matters: build before unit, because the unit suite's bundle-leak test reads dist/.
const suites = [
  {
    name: 'typecheck',
    run: () => {
      const r = run(bin('tsc'), ['--noEmit', '-p', '.']);
      return { ...r, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 };
    },
  },
  {
    name: 'lint',
    run: () => {
      const r = run(bin('eslint'), ['--max-warnings=0', '.']);
      return { ...r, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 };
    },
  },
  {
    name: 'build',
    run: () => {
      // The unit suite's bundle-leak test greps dist/ for these values: a build that inlines the environment fails it.
      const r = run(bin('vite'), ['build', '--logLevel', 'warn'], buildSentinelEnv);
      return { ...r, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 };
    },
  },
  {
    name: 'unit',
    run: () => {
      const out = join(work, 'vitest.json');
      const r = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
      if (!existsSync(out)) return { ...r, passed: 0, failed: 1 };
      const report = JSON.parse(readFileSync(out, 'utf8'));
      // a test file that fails to load counts as a failure too
      const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
      return { ...r, passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles + (r.ok || report.numFailedTests ? 0 : 1) };
    },
  },
  {
    name: 'e2e',
    run: () => {
      if (!findChromium()) {
        console.error(
          'No Chromium found for the e2e tests. Install one with:\n' +
            '  apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core\n' +
            'or set CHROMIUM_PATH to a Chromium binary.',
        );
        return { ok: false, seconds: '0', passed: 0, failed: 1 };
      }
      const out = join(work, 'playwright.json');
      const r = run(bin('playwright'), ['test'], { PLAYWRIGHT_JSON: out });
      if (!existsSync(out)) return { ...r, passed: 0, failed: 1 };
      const { stats } = JSON.parse(readFileSync(out, 'utf8'));
      return { ...r, passed: stats.expected + stats.flaky, failed: stats.unexpected + (r.ok || stats.unexpected ? 0 : 1) };
    },
  },
];

let passed = 0;
let failed = 0;
const lines = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const r = suite.run();
  passed += r.passed;
  failed += r.failed;
  lines.push(`${suite.name.padEnd(10)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  (${r.seconds} s)`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
