// Durable state: every acknowledged write is on disk before the response leaves (atomic replace + fsync of the
// file and its directory), so it survives a restart and a kill -9. A corrupt file stops the start with a clear
// message and is left in place for the operator; it is never silently discarded.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorState } from './state.ts';

export const stateFileName = 'emulator-state.json';

export class CorruptStateError extends Error {
  constructor(file: string, reason: string) {
    super(`The emulator data file ${file} cannot be read (${reason}). It was left untouched: move it away or fix it, then start again.`);
    this.name = 'CorruptStateError';
  }
}

export type Persistence = {
  load(): EmulatorState | null;
  save(state: EmulatorState): void;
  readonly dir: string | null;
};

export const memoryPersistence: Persistence = { load: () => null, save: () => undefined, dir: null };

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
  const tmp = `${file}.tmp`;
  return {
    dir,
    load() {
      if (!existsSync(file)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CorruptStateError(file, error instanceof Error ? error.message : String(error));
      }
      if (!parsed || typeof parsed !== 'object' || (parsed as { schemaVersion?: unknown }).schemaVersion !== 1) {
        throw new CorruptStateError(file, 'unknown schemaVersion');
      }
      return parsed as EmulatorState;
    },
    save(state) {
      const data = Buffer.from(JSON.stringify(state));
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      fsyncDir(dir);
    },
  };
}
