// `npm start`: one process serving the built SPA, the signing proxy and (without credentials) the embedded
// CCE Autopilot emulator, on http://127.0.0.1:8080 unless HOST/PORT say otherwise.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { composeServer } from './compose.ts';
import { ConfigError, loadConfig } from './proxy/config.ts';
import { CorruptStateError } from './emulator/persistence.ts';

const root = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

try {
  const config = loadConfig(process.env, { version, dataDir: resolve(root, '.data') });
  const server = composeServer(config);
  const listener = serve({ fetch: server.app.fetch, hostname: config.host, port: config.port }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const where = config.mode === 'emulator'
      ? `embedded emulator (project ${config.projectId}, region ${config.region}, data ${config.emulator?.dataDir ?? 'in memory'})`
      : `Huawei Cloud ${config.endpoint} (${config.credentials.kind}, project ${config.projectId})`;
    process.stdout.write(`CCE Autopilot console on http://${host}:${info.port}\nmode: ${config.mode} — ${where}\n`);
  });
  const stop = () => listener.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError || error instanceof CorruptStateError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
