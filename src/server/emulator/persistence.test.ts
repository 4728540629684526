import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../signing/sign.ts';
import { CorruptStateError, filePersistence, memoryPersistence, reviveState, stateFileName } from './persistence.ts';
import { defaultSettings } from './settings.ts';
import { defaultAk, defaultProjectId, defaultSk } from './standalone.ts';
import { emptyProject, emptyState, type EmulatorState } from './state.ts';
import { createTestEmulator, testProjectId } from './test-client.ts';

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-data-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Cluster = { metadata: { uid: string; name: string }; spec: { description?: string }; status: { phase: string } };

describe('file persistence', () => {
  it('loads nothing from an empty dir, then what it saved, replacing the file atomically (no temp file left)', () => {
    const dir = tempDir();
    const store = filePersistence(dir);
    expect(store.load()).toBeNull();
    const state = emptyState('demo');
    state.settings.clusterQuota = 9;
    state.projects[testProjectId] = emptyProject();
    store.save(state, 1_700_000_000_000);
    expect(readdirSync(dir).sort()).toEqual(['blobs', stateFileName]);
    expect(filePersistence(dir).load()).toEqual({ state, clockNow: 1_700_000_000_000 });
  });

  it('refuses a file that is not JSON, naming it, and leaves it byte for byte as it was', () => {
    const dir = tempDir();
    const file = join(dir, stateFileName);
    writeFileSync(file, '{"schemaVersion":1,"projects":{');
    const before = readFileSync(file);
    expect(() => filePersistence(dir).load()).toThrow(CorruptStateError);
    expect(() => filePersistence(dir).load()).toThrow(file);
    // the emulator does not start over on top of it either
    expect(() => createTestEmulator({ dataDir: dir })).toThrow(/cannot be read.*left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['an array', [], 'not a JSON object'],
    ['another schemaVersion', { schemaVersion: 2, scenario: 'demo', projects: {} }, 'schemaVersion 2'],
    ['projects that are not an object', { schemaVersion: 1, scenario: 'demo', projects: [] }, 'projects'],
    ['a setting of the wrong type', { schemaVersion: 1, scenario: 'demo', projects: {}, settings: { clusterQuota: 'many' } }, 'settings: clusterQuota'],
    ['a project that is not an object', { schemaVersion: 1, scenario: 'demo', projects: { p: 3 } }, 'project p'],
  ])('refuses %s as corrupt', (_what, document, reason) => {
    expect(() => reviveState('/data/emulator-state.json', document)).toThrow(reason);
  });

  it('fills in settings and resource slices a newer emulator added, keeping what the file has', () => {
    const revived = reviveState('/f', {
      schemaVersion: 1,
      scenario: 'demo',
      settings: { clusterQuota: 2, durations: { clusterCreate: 5 } },
      projects: { [testProjectId]: { clusters: {} } },
    });
    const expected = defaultSettings();
    expected.clusterQuota = 2;
    expected.durations.clusterCreate = 5;
    expect(revived.settings).toEqual(expected);
    expect(revived.projects[testProjectId]).toEqual(emptyProject());
  });

  it('stores blobs by content, durably: another instance on the same dir reads them', () => {
    const dir = tempDir();
    const bytes = new TextEncoder().encode('chart archive bytes');
    const id = filePersistence(dir).blobs.put(bytes);
    expect(id).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(filePersistence(dir).blobs.get(id)).toEqual(bytes);
    expect(filePersistence(dir).blobs.get('../emulator-state.json')).toBeNull();
    expect(filePersistence(dir).blobs.get('0'.repeat(64))).toBeNull();
  });

  it('without a data dir keeps everything in memory', () => {
    const memory = memoryPersistence();
    memory.save(emptyState('demo'));
    expect(memory.load()).toBeNull();
    expect(memory.dir).toBeNull();
    const id = memory.blobs.put(new Uint8Array([1, 2, 3]));
    expect(memory.blobs.get(id)).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('the emulator on a data dir', () => {
  const readState = (dir: string) => JSON.parse(readFileSync(join(dir, stateFileName), 'utf8')) as EmulatorState;

  it('has an acknowledged write on disk when the answer arrives; a refused one leaves the file as it was', async () => {
    const dir = tempDir();
    const t = createTestEmulator({ dataDir: dir });
    const clusters = `/autopilot/v3/projects/${testProjectId}/clusters`;
    const available = ((await t.call('GET', clusters)).json as { items: Cluster[] }).items.find((c) => c.status.phase === 'Available')!;
    const ok = await t.call('PUT', `${clusters}/${available.metadata.uid}`, { body: { spec: { description: 'on disk before the 200' } } });
    expect(ok.status).toBe(200);
    expect(readState(dir).projects[testProjectId]?.clusters[available.metadata.uid]?.spec.description).toBe('on disk before the 200');

    const before = readFileSync(join(dir, stateFileName));
    const refused = await t.call('PUT', `${clusters}/${available.metadata.uid}`, { body: { spec: { description: 'no <angle> brackets' } } });
    expect(refused.status).toBe(400);
    expect(readFileSync(join(dir, stateFileName)).equals(before)).toBe(true);
  });

  it('keeps the clock: an advanced clock stays ahead after a restart, a frozen one resumes where it stopped', async () => {
    const dir = tempDir();
    const first = createTestEmulator({ dataDir: dir, control: true });
    const res = await first.emulator.fetch(
      new Request('http://cce.emulator.test/__emulator/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 3 * 24 * 3600_000 }) }),
    );
    const advanced = (await res.json()) as { clock: { now: number } };
    expect(advanced.clock.now).toBeGreaterThan(Date.now() + 2 * 24 * 3600_000);
    expect(createTestEmulator({ dataDir: dir, speed: 0 }).emulator.clock.now()).toBe(advanced.clock.now);
    expect(createTestEmulator({ dataDir: dir, speed: 1 }).emulator.clock.now()).toBeGreaterThanOrEqual(advanced.clock.now);
  });

  it('starts from the file instead of the scenario when there is one', async () => {
    const dir = tempDir();
    createTestEmulator({ dataDir: dir, scenario: 'empty' });
    const again = createTestEmulator({ dataDir: dir, scenario: 'demo' });
    expect(again.emulator.state.scenario).toBe('empty');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The standalone process: kill -9 and a corrupt file
// ---------------------------------------------------------------------------------------------------------------

type Started = { child: ChildProcess; url: string; pid: number; stderr: () => string };

function spawnEmulator(env: Record<string, string>): ChildProcess {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/server/emulator/standalone.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EMULATOR_PORT: '0', EMULATOR_SPEED: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function started(child: ChildProcess): Promise<Started> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /on (http:\/\/\S+)/.exec(stdout)?.[1];
      const pid = /pid (\d+)/.exec(stdout)?.[1];
      if (url && pid) resolvePromise({ child, url, pid: Number(pid), stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** Signed like the SDK with the documented default key pair. */
async function signedFetch(base: string, method: string, path: string, body?: unknown) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const s = signRequest({
    method,
    url: `${base}${path}`,
    headers: { 'content-type': 'application/json' },
    body: text,
    credentials: { ak: defaultAk, sk: defaultSk, projectId: defaultProjectId },
    date: new Date(),
  });
  const res = await fetch(s.wireUrl, { method, headers: s.headers, ...(text !== undefined ? { body: text } : {}) });
  return { status: res.status, json: (await res.json()) as unknown };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('standalone emulator process', () => {
  it('keeps every acknowledged write across a kill -9 and a restart', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const env = { EMULATOR_DATA_DIR: dir };
    const first = await started(spawnEmulator(env));
    const clusters = `/autopilot/v3/projects/${defaultProjectId}/clusters`;
    const list = await signedFetch(first.url, 'GET', clusters);
    expect(list.status).toBe(200);
    const target = (list.json as { items: Cluster[] }).items.find((c) => c.status.phase === 'Available')!;
    const description = `written just before kill -9 · ${Date.now()} · 发布`;
    const write = await signedFetch(first.url, 'PUT', `${clusters}/${target.metadata.uid}`, { spec: { description } });
    expect(write.status).toBe(200);
    const settings = await fetch(`${first.url}/__emulator/settings`, { method: 'PUT', body: JSON.stringify({ chartQuota: 4 }) });
    expect(settings.status).toBe(200);

    // the node process that serves (tsx runs it as a child), killed with no chance to flush anything
    process.kill(first.pid, 'SIGKILL');
    await waitUntilGone(first.pid);
    expect(isAlive(first.pid)).toBe(false);
    await exited(first.child);

    const second = await started(spawnEmulator(env));
    const read = await signedFetch(second.url, 'GET', `${clusters}/${target.metadata.uid}`);
    expect(read.status).toBe(200);
    expect((read.json as Cluster).spec.description).toBe(description);
    const after = (await (await fetch(`${second.url}/__emulator/settings`)).json()) as { settings: { chartQuota: number } };
    expect(after.settings.chartQuota).toBe(4);
    second.child.kill('SIGTERM');
    expect((await exited(second.child)).code).toBe(0);
  });

  it('refuses to start on a corrupt data file: exits non-zero naming the file, and leaves it untouched', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, stateFileName);
    writeFileSync(file, '{"schemaVersion":1,"scenario":"demo","projects":{"x":');
    const child = spawnEmulator({ EMULATOR_DATA_DIR: dir });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const { code } = await exited(child);
    expect(code).toBe(2);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/cannot be read/);
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"scenario":"demo","projects":{"x":');
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});
