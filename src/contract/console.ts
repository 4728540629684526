// The console's own endpoints (not part of CCE): served by the proxy under /console/api/.
import { z } from 'zod';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

/** Header the SPA sends on every mutating call; a cross-site form cannot set it (issue 5, CSRF). */
export const csrfHeaderName = 'X-Console-Csrf';

export const consoleModes = ['emulator', 'cloud'] as const;
export const authModes = ['emulator', 'aksk', 'token', 'password'] as const;

export const consoleConfigSchema = z.looseObject({
  mode: z.enum(consoleModes),
  authMode: z.enum(authModes),
  region: z.string(),
  projectId: z.string(),
  version: z.string(),
  csrfHeader: z.string().default(csrfHeaderName),
  /** True when the server requires a login (bound to a non-loopback address). */
  loginRequired: z.boolean().default(false),
  /** Emulator only: control endpoints under /__emulator/ are on. */
  emulatorControl: z.boolean().default(false),
});
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

/** The console's own operation; not in the CCE table, so the proxy never forwards it. */
export const getConsoleConfigOperation = defineOperation({
  id: 'getConsoleConfig',
  section: 'console',
  method: 'GET',
  path: '/console/api/config',
  pathParams: z.strictObject({}),
  query: noQuerySchema,
  body: noBodySchema,
  bodyKind: 'none',
  successStatus: 200,
  response: consoleConfigSchema,
  responseKind: 'json',
});
