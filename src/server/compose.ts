// Puts the process together from a configuration: the proxy in front of either the embedded emulator
// (in-process, still signed and verified) or Huawei Cloud.
import { resolve } from 'node:path';
import { createEmulator, type Emulator } from './emulator/app.ts';
import { createConsoleApp } from './proxy/app.ts';
import type { ServerConfig } from './proxy/config.ts';
import type { Upstream } from './proxy/forward.ts';
import { createAuditLog, type AuditLog } from './proxy/log.ts';

export type ConsoleServer = {
  app: ReturnType<typeof createConsoleApp>;
  config: ServerConfig;
  emulator: Emulator | null;
  audit: AuditLog;
};

export function secretsOf(config: ServerConfig): string[] {
  const c = config.credentials;
  if (c.kind === 'aksk') return [c.ak, c.sk, c.securityToken ?? ''];
  if (c.kind === 'token') return [c.token];
  return [c.password];
}

export function composeServer(
  config: ServerConfig,
  options: {
    staticRoot?: string;
    upstream?: Upstream;
    quiet?: boolean;
    /** Sees every request the proxy sends upstream (tests). */
    tap?: (request: Request) => void;
  } = {},
): ConsoleServer {
  const audit = createAuditLog({ file: config.auditLog, secrets: [...secretsOf(config), config.consoleAuthToken ?? '', config.sessionSecret], quiet: options.quiet });
  let emulator: Emulator | null = null;
  let upstream: Upstream = options.upstream ?? ((request) => fetch(request));
  if (config.mode === 'emulator' && config.emulator) {
    if (config.credentials.kind !== 'aksk') throw new Error('the embedded emulator is signed with AK/SK');
    emulator = createEmulator({
      credentials: [{ ak: config.credentials.ak, sk: config.credentials.sk }],
      projectId: config.projectId,
      region: config.region,
      speed: config.emulator.speed,
      dataDir: config.emulator.dataDir,
      scenario: config.emulator.scenario,
      control: config.emulator.control,
    });
    const embedded = emulator;
    upstream = async (request) => embedded.fetch(request);
  }
  if (options.tap) {
    const inner = upstream;
    const tap = options.tap;
    upstream = async (request) => {
      tap(request.clone());
      return inner(request);
    };
  }
  const controlled = emulator?.options.control ? emulator : null;
  const app = createConsoleApp({
    config,
    upstream,
    staticRoot: options.staticRoot ?? resolve(import.meta.dirname, '../../dist'),
    audit,
    ...(controlled ? { emulatorControl: (request: Request) => controlled.fetch(request) } : {}),
  });
  return { app, config, emulator, audit };
}
