import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startStandaloneEmulator, testProject, testRegion } from './src/server/proxy/test-servers.ts';
const credentials = { ak: 'BENCHAK0000000000001', sk: 'bench-secret-key-0123456789abcdefghij' };
const emulator = await startStandaloneEmulator({ EMULATOR_AK: credentials.ak, EMULATOR_SK: credentials.sk, EMULATOR_CONTROL: '0' });
const child = spawn(process.env.PROF ? 'node' : 'node_modules/.bin/tsx', process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', 'src/server/main.ts'] : ['src/server/main.ts'], { env: { PATH: process.env.PATH ?? '', HOME: '/tmp', PORT: '18555', CLOUD_SDK_AK: credentials.ak, CLOUD_SDK_SK: credentials.sk, CCE_REGION: testRegion, CCE_PROJECT_ID: testProject, CCE_ENDPOINT: emulator.url, AUDIT_LOG: '/tmp/prof/audit.jsonl'}, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((r) => child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('console on')) r(); }));
const url = 'http://127.0.0.1:18555';
const list = (await (await fetch(`${url}/autopilot/v3/projects/${testProject}/clusters`)).json()) as { items: Array<{ metadata: { uid: string } }> };
const uid = list.items[0]?.metadata.uid;
const body = JSON.stringify({ tags: Array.from({ length: 185 }, (_, i) => ({ key: `bench-${i}`, value: 'v'.repeat(250) })) });
const post = process.env.MODE !== 'get';
const path = post ? `/autopilot/v3/projects/${testProject}/clusters/${uid}/tags/create` : `/autopilot/v3/projects/${testProject}/clusters`;
// sequential latency
let t = performance.now();
for (let i = 0; i < 200; i++) {
  const r = await fetch(`${url}${path}`, post ? { method: 'POST', headers: { origin: url, 'x-console-csrf': '1', 'content-type': 'application/json' }, body } : {});
  await r.arrayBuffer();
}
console.log('sequential ms/req', (performance.now() - t) / 200);
const r = await autocannon({ url: `${url}${path}`, method: post ? 'POST' : 'GET', headers: post ? { origin: url, 'x-console-csrf': '1', 'content-type': 'application/json' } : {}, body: post ? body : undefined, connections: 10, duration: 5 });
console.log('req/s', r.requests.average, 'p50', r.latency.p50, JSON.stringify(r.statusCodeStats));
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await emulator.stop();
