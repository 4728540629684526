// The built SPA (dist/) holds no secret and no server code. It reads the bundle that `npm run build` made; without
// one it fails (it skips nothing): `npm test` builds before it runs the unit tests, with sentinel values in every
// secret variable (scripts/test-all.mjs), so a build that inlines the environment is caught here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// The values scripts/test-all.mjs puts in the environment of its build (also as VITE_* copies).
import buildSentinels from '../../../scripts/build-sentinels.json' with { type: 'json' };
import { testCredentials } from '../emulator/test-client.ts';
import { proxyTestSecrets } from './test-servers.ts';

const dist = resolve(import.meta.dirname, '../../../dist');

/** Every secret variable: the build has a sentinel in each. */
const secretVariables = Object.keys(buildSentinels);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the built bundle', () => {
  it('exists (run `npm run build` first; `npm test` does)', () => {
    expect(existsSync(join(dist, 'index.html')), `dist/ is missing at ${dist}: run \`npm run build\` before this test (npm test builds first)`).toBe(true);
    expect(files(dist).some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('contains no AK, SK, token or password: the test ones, the sentinels of the build, nor this environment\'s', () => {
    const secrets = [
      ...Object.values(buildSentinels),
      ...Object.values(proxyTestSecrets).filter((v) => v.length >= 12),
      testCredentials.ak,
      testCredentials.sk,
      // the signing spec's fixed vector pairs
      'HPUAL3K5TESTVECTAK01',
      'tV3cT0rS3cr3tK3yF0rS1gn1ngT3st0nly000001',
      'QTWAOYTTINDUT2QVKYUC',
      'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
      ...secretVariables.map((name) => process.env[name]).filter((v): v is string => typeof v === 'string' && v.length >= 8),
    ];
    const bundle = files(dist);
    expect(bundle.length).toBeGreaterThan(0);
    for (const file of bundle) {
      const text = readFileSync(file, 'latin1');
      for (const secret of secrets) {
        expect(text.indexOf(secret), `${file.slice(dist.length)} holds a secret of ${secret.length} characters`).toBe(-1);
      }
    }
  });

  it('contains no server code (signer, verifier, session keys)', () => {
    const serverOnly = ['node:crypto', 'createHmac', 'hkdfSync', 'timingSafeEqual', 'X-Subject-Token', 'UNSIGNED-PAYLOAD'];
    for (const file of files(dist).filter((f) => /\.(js|html|css)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const marker of serverOnly) expect(text.includes(marker), `${file.slice(dist.length)} contains ${marker}`).toBe(false);
    }
  });
});
