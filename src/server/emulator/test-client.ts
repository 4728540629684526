// In-process emulator for tests: signs each request like the SDK (AK/SK, X-Project-Id) and lets the test drive
// the virtual clock. Shared by the resource tests.
import { signRequest } from '../signing/sign.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from './app.ts';

export const testProjectId = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const testRegion = 'cn-north-4';
export const testCredentials = { ak: 'EMULATORTESTAK000001', sk: 'emulator-test-secret-key-000000000001' };

export type TestCallOptions = {
  query?: Record<string, string>;
  /** A value is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
};

export type TestResponse = {
  status: number;
  /** The parsed JSON body, undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
  headers: Headers;
};

export type TestEmulator = {
  emulator: Emulator;
  projectId: string;
  call(method: string, path: string, options?: TestCallOptions): Promise<TestResponse>;
  advance(ms: number): void;
};

export function createTestEmulator(opts: Partial<Omit<EmulatorOptions, 'credentials'>> = {}): TestEmulator {
  const projectId = opts.projectId ?? testProjectId;
  const emulator = createEmulator({
    credentials: [testCredentials],
    projectId,
    region: opts.region ?? testRegion,
    speed: opts.speed ?? 0,
    scenario: opts.scenario ?? 'demo',
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    ...(opts.control !== undefined ? { control: opts.control } : {}),
  });

  async function call(method: string, path: string, options: TestCallOptions = {}): Promise<TestResponse> {
    const search = new URLSearchParams(options.query ?? {}).toString();
    const url = `http://cce.emulator.test${path}${search ? `?${search}` : ''}`;
    let body: Uint8Array | string | undefined;
    if (options.body instanceof Uint8Array || typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    const signed = signRequest({
      method,
      url,
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      credentials: { ...testCredentials, projectId },
      date: new Date(),
    });
    const response = await emulator.fetch(
      new Request(signed.wireUrl, {
        method,
        headers: signed.headers,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
      }),
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  }

  return { emulator, projectId, call, advance: (ms) => emulator.clock.advance(ms) };
}
