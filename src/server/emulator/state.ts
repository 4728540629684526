// The emulator's whole state: plain JSON, so it can be cloned for atomic requests and persisted as one document.
import type { Cluster } from '../../contract/clusters.ts';

export type StoredCluster = Cluster;

export type ProjectState = {
  clusters: Record<string, StoredCluster>;
};

export type EmulatorState = {
  /** Bumped when the stored layout changes; a file of another version is refused, never silently dropped. */
  schemaVersion: 1;
  scenario: string;
  projects: Record<string, ProjectState>;
};

export function emptyProject(): ProjectState {
  return { clusters: {} };
}

export function projectOf(state: EmulatorState, projectId: string): ProjectState {
  state.projects[projectId] ??= emptyProject();
  return state.projects[projectId];
}
