import { request as httpRequest, Agent } from 'node:http';
import { startStandaloneEmulator, testProject } from './src/server/proxy/test-servers.ts';
import { signRequest } from './src/server/signing/sign.ts';
const credentials = { ak: 'BENCHAK0000000000001', sk: 'bench-secret-key-0123456789abcdefghij' };
const emulator = await startStandaloneEmulator({ EMULATOR_AK: credentials.ak, EMULATOR_SK: credentials.sk, EMULATOR_CONTROL: '0' });
const body = JSON.stringify({ tags: Array.from({ length: 185 }, (_, i) => ({ key: `bench-${i}`, value: 'v'.repeat(250) })) });
const path = `/autopilot/v3/projects/${testProject}/clusters/x/tags/create`;
const sign = () => signRequest({ method: 'POST', url: `${emulator.url}${path}`, headers: { 'content-type': 'application/json' }, body, credentials: { ...credentials, projectId: testProject }, date: new Date() }).headers;
for (const round of [1, 2]) {
  let t = performance.now();
  for (let i = 0; i < 300; i++) { const r = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: sign(), body }); await r.arrayBuffer(); }
  console.log(round, 'fetch string body ms/req', ((performance.now() - t) / 300).toFixed(3));
  const bytes = new TextEncoder().encode(body);
  t = performance.now();
  for (let i = 0; i < 300; i++) { const r = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: sign(), body: bytes }); await r.arrayBuffer(); }
  console.log(round, 'fetch bytes ms/req', ((performance.now() - t) / 300).toFixed(3));
  const agent = new Agent({ keepAlive: true });
  t = performance.now();
  for (let i = 0; i < 300; i++) {
    await new Promise<void>((done) => {
      const req = httpRequest(`${emulator.url}${path}`, { method: 'POST', headers: { ...sign(), 'content-length': String(bytes.length) }, agent }, (res) => { res.resume(); res.on('end', done); });
      req.end(bytes);
    });
  }
  console.log(round, 'node:http ms/req', ((performance.now() - t) / 300).toFixed(3));
  t = performance.now();
  for (let i = 0; i < 300; i++) { const r = await fetch(`${emulator.url}/autopilot/v3/projects/${testProject}/clusters`, { headers: signRequest({ method: 'GET', url: `${emulator.url}/autopilot/v3/projects/${testProject}/clusters`, headers: { 'content-type': 'application/json' }, credentials: { ...credentials, projectId: testProject }, date: new Date() }).headers }); await r.arrayBuffer(); }
  console.log(round, 'fetch GET ms/req', ((performance.now() - t) / 300).toFixed(3));
}
await emulator.stop();
