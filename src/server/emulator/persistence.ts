// Durable state: every acknowledged write is on disk before the response leaves (atomic replace + fsync of the
// file and its directory), so it survives a restart and a kill -9. A corrupt file stops the start with a clear
// message and is left in place for the operator; it is never silently discarded.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../../contract/validation.ts';
import { defaultSettings, emulatorSettingsSchema } from './settings.ts';
import { emptyProject, type EmulatorState, type ProjectState } from './state.ts';

export const stateFileName = 'emulator-state.json';

export class CorruptStateError extends Error {
  constructor(file: string, reason: string) {
    super(`The emulator data file ${file} cannot be read (${reason}). It was left untouched: move it away or fix it, then start again.`);
    this.name = 'CorruptStateError';
  }
}

/** Content-addressed bytes (chart archives): kept out of the state document, written before the state. */
export type BlobStore = {
  /** Stores the bytes durably and returns their id (sha256 hex). */
  put(bytes: Uint8Array): string;
  get(id: string): Uint8Array | null;
};

/** What a data dir holds besides the resources: the emulator clock's reading when it was saved. */
export type StoredState = { state: EmulatorState; clockNow: number | null };

export type Persistence = {
  load(): StoredState | null;
  /** clockNow: the virtual time of this save, so a restart never moves the clock backwards. */
  save(state: EmulatorState, clockNow?: number): void;
  readonly blobs: BlobStore;
  readonly dir: string | null;
};

/**
 * Checks the document's frame and fills in what a newer emulator added since it was written (settings knobs, resource
 * slices), so an existing data dir keeps working. Anything else that does not fit is a corrupt file.
 */
export function reviveState(file: string, parsed: unknown): EmulatorState {
  if (!isRecord(parsed)) throw new CorruptStateError(file, 'the document is not a JSON object');
  if (parsed.schemaVersion !== 1) throw new CorruptStateError(file, `unknown schemaVersion ${JSON.stringify(parsed.schemaVersion)}`);
  if (typeof parsed.scenario !== 'string') throw new CorruptStateError(file, 'scenario is not a string');
  if (!isRecord(parsed.projects)) throw new CorruptStateError(file, 'projects is not an object');
  const storedSettings = isRecord(parsed.settings) ? parsed.settings : {};
  const defaults = defaultSettings();
  const settings = emulatorSettingsSchema.safeParse({
    ...defaults,
    ...storedSettings,
    durations: { ...defaults.durations, ...(isRecord(storedSettings.durations) ? storedSettings.durations : {}) },
  });
  if (!settings.success) throw new CorruptStateError(file, `settings: ${describeIssues(settings.error)}`);
  const projects: EmulatorState['projects'] = {};
  for (const [id, project] of Object.entries(parsed.projects)) {
    if (!isRecord(project)) throw new CorruptStateError(file, `project ${id} is not an object`);
    // Each slice is owned and typed by its resource module; missing ones start empty.
    projects[id] = { ...emptyProject(), ...(project as Partial<ProjectState>) };
  }
  return { schemaVersion: 1, scenario: parsed.scenario, settings: settings.data, projects };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const blobId = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function memoryPersistence(): Persistence {
  const blobs = new Map<string, Uint8Array>();
  return {
    load: () => null,
    save: () => undefined,
    dir: null,
    blobs: {
      put(bytes) {
        const id = blobId(bytes);
        blobs.set(id, new Uint8Array(bytes));
        return id;
      },
      get: (id) => blobs.get(id) ?? null,
    },
  };
}

function writeDurably(file: string, data: Uint8Array, dir: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(dir);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function filePersistence(dir: string): Persistence {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, stateFileName);
  const blobDir = join(dir, 'blobs');
  mkdirSync(blobDir, { recursive: true });
  return {
    dir,
    blobs: {
      put(bytes) {
        const id = blobId(bytes);
        const target = join(blobDir, id);
        if (!existsSync(target)) writeDurably(target, bytes, blobDir);
        return id;
      },
      get(id) {
        if (!/^[0-9a-f]{64}$/.test(id)) return null;
        const target = join(blobDir, id);
        return existsSync(target) ? new Uint8Array(readFileSync(target)) : null;
      },
    },
    load() {
      if (!existsSync(file)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CorruptStateError(file, error instanceof Error ? error.message : String(error));
      }
      const clockNow = isRecord(parsed) && typeof parsed.clockNow === 'number' && Number.isFinite(parsed.clockNow) ? parsed.clockNow : null;
      return { state: reviveState(file, parsed), clockNow };
    },
    save(state, clockNow) {
      writeDurably(file, Buffer.from(JSON.stringify(clockNow === undefined ? state : { ...state, clockNow })), dir);
    },
  };
}
