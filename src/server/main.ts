// `npm start`: one process serving the built SPA, the signing proxy and (without credentials) the embedded
// CCE Autopilot emulator, on http://127.0.0.1:8080 unless HOST/PORT say otherwise.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServer } from './compose.ts';
import { CorruptStateError } from './emulator/persistence.ts';
import { ConfigError, loadConfig, type ServerConfig } from './proxy/config.ts';
import { listen } from './proxy/listen.ts';

const root = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/** The start line: mode, upstream, project — never a secret (the AK is not shown either). */
function describe(config: ServerConfig): string {
  if (config.mode === 'emulator') {
    return `embedded emulator (project ${config.projectId}, region ${config.region}, data ${config.emulator?.dataDir ?? 'in memory'})`;
  }
  const c = config.credentials;
  const auth =
    c.kind === 'aksk'
      ? `AK/SK${c.securityToken ? ' with a security token' : ''}`
      : c.kind === 'token'
        ? 'token (CCE_AUTH_TOKEN)'
        : `token from IAM ${c.iamEndpoint} for user ${c.username}`;
  return `Huawei Cloud ${config.endpoint} (${auth}, region ${config.region}, project ${config.projectId})`;
}

try {
  const config = loadConfig(process.env, { version, dataDir: resolve(root, '.data') });
  const server = composeServer(config);
  const { server: listener, address } = await listen(server.handler, { hostname: config.host, port: config.port });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  server.audit.info(`CCE Autopilot console on http://${host}:${address.port}`);
  server.audit.info(`mode: ${config.mode} — ${describe(config)}`);
  if (config.consoleAuthToken) server.audit.info(`login required: open http://${host}:${address.port}/console/login`);
  const stop = () => {
    listener.close(() => process.exit(0));
    if ('closeIdleConnections' in listener) listener.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError || error instanceof CorruptStateError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    process.stderr.write(`Cannot start: cannot listen (${(error as Error).message}); set HOST/PORT\n`);
    process.exit(2);
  }
  throw error;
}
