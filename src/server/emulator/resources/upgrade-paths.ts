// The emulated service's upgrade paths (seed 4.3.12) and upgrade feature gates (4.3.13). The versions and their
// latest platform versions are the cluster module's `supportedClusterVersions` (the ONE list of versions); this
// module adds what only upgrades need: the Kubernetes release of each version, the earlier platform versions a
// cluster may still run, and the path (one minor version at a time).
import { supportedClusterVersions } from './clusters.ts';

export type ClusterVersionRow = {
  /** Cluster version as spec.version carries it: "v1.21 and above look like v1.21, v1.23" (table 4-325). */
  version: string;
  /** Kubernetes release of the version (4.3.11 versionInfo.release, e.g. "v1.27.2"). */
  release: string;
  /**
   * Platform versions cce.X.Y (table 4-325: X feature version from 1, Y patch from 0, counted per cluster version),
   * newest first: the first one is the cluster module's latest, the one a new cluster or an upgrade gets.
   */
  platformVersions: readonly [string, ...string[]];
  /** Versions a cluster of this version may upgrade to: the next minor version, as the console offers it. */
  nextVersions: readonly string[];
};

/** The Kubernetes patch release each version runs (shown as versionInfo.release). */
const kubernetesReleases: Readonly<Record<string, string>> = {
  'v1.28': 'v1.28.15',
  'v1.29': 'v1.29.10',
  'v1.30': 'v1.30.6',
  'v1.31': 'v1.31.4',
  'v1.32': 'v1.32.1',
};

/** cce.X.Y and the two feature versions before it (cce.(X-1).0, cce.(X-2).0; X counts from 1). */
function platformHistory(latest: string): [string, ...string[]] {
  const match = /^cce\.(\d+)\.(\d+)$/.exec(latest);
  if (!match) return [latest];
  const feature = Number(match[1]);
  const earlier = [feature - 1, feature - 2].filter((x) => x >= 1).map((x) => `cce.${x}.0`);
  return [latest, ...earlier];
}

export const clusterVersionTable: readonly ClusterVersionRow[] = supportedClusterVersions.map((entry, index, all) => {
  const next = all[index + 1];
  return {
    version: entry.version,
    release: kubernetesReleases[entry.version] ?? entry.version,
    platformVersions: platformHistory(entry.platformVersion),
    nextVersions: next ? [next.version] : [],
  };
});

export function versionRow(version: string | null | undefined): ClusterVersionRow | undefined {
  return clusterVersionTable.find((row) => row.version === version);
}

export function latestPlatformVersion(version: string): string | undefined {
  return versionRow(version)?.platformVersions[0];
}

/**
 * Targets of a cluster at (version, platformVersion): the next minor versions and, on an older platform version,
 * its own version too (a patch upgrade to the newest platform version, as the 4.3.12 example lists "v1.25.6-r0"
 * for clusters already at v1.25).
 */
export function upgradeTargets(version: string | null | undefined, platformVersion: string | null | undefined): string[] {
  const row = versionRow(version);
  if (!row) return [];
  const patch = platformVersion !== row.platformVersions[0] ? [row.version] : [];
  return [...patch, ...row.nextVersions];
}

/** Minor number of "v1.29" (NaN for anything else): for "removed in" comparisons of the pre-check. */
export function minorOf(version: string): number {
  const match = /^v1\.(\d+)/.exec(version);
  return match ? Number(match[1]) : Number.NaN;
}

/** 4.3.12 response: every (version, platformVersion) the service knows with its targets, `upgradePaths` form (S10). */
export function upgradePathsBody() {
  return {
    apiVersion: 'v3',
    kind: 'ClusterUpgradePaths',
    metadata: {},
    upgradePaths: clusterVersionTable.flatMap((row) =>
      row.platformVersions.map((platformVersion) => ({
        version: row.version,
        platformVersion,
        targetVersions: upgradeTargets(row.version, platformVersion),
      })),
    ),
  };
}

/**
 * 4.3.13 (table 4-327). The example answers Support for all four; an Autopilot cluster has no nodes (digest R12),
 * so labelling skipped nodes is Disable, and the strategy follows CCE's default rule.
 */
export function upgradeFeatureGatesBody() {
  return {
    apiVersion: 'v3',
    kind: 'ClusterUpgradeFeatureGates',
    metadata: {},
    upgradeFeatureGates: {
      DisplayPreCheckDetail: 'Support',
      EvsSnapshot: 'Support',
      LabelForSkippedNode: 'Disable',
      UpgradeStrategy: 'Default',
    },
  };
}

/** "r<Y>" of a platform version cce.X.Y: the patch naming of 4.3.11 versionInfo ("r0"). */
export function patchOf(platformVersion: string | null | undefined): string {
  const match = /^cce\.\d+\.(\d+)$/.exec(platformVersion ?? '');
  return match ? `r${match[1]}` : 'r0';
}
