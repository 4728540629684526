// The emulated service's cluster versions and upgrade paths (seed 4.3.12) and upgrade feature gates (4.3.13).
// THE one table of supported versions and platform versions of the upgrade module: until resources/clusters.ts
// exports `supportedClusterVersions`, everything here (paths, upgrade info, target checks) reads this table.
export type ClusterVersionRow = {
  /** Cluster version as spec.version carries it: "v1.21 and above look like v1.21, v1.23" (table 4-325). */
  version: string;
  /** Kubernetes release of the version (4.3.11 versionInfo.release, e.g. "v1.27.2"). */
  release: string;
  /**
   * Platform versions cce.X.Y (table 4-325: X feature version from 1, Y patch from 0, counted per cluster version),
   * newest first: a cluster created now gets the first one.
   */
  platformVersions: readonly [string, ...string[]];
  /** Versions a cluster of this version may upgrade to: one minor at a time, as the console offers them. */
  nextVersions: readonly string[];
};

/** Newer cluster versions have had fewer platform iterations, hence the falling X. */
export const clusterVersionTable: readonly ClusterVersionRow[] = [
  { version: 'v1.28', release: 'v1.28.15', platformVersions: ['cce.6.0', 'cce.5.2'], nextVersions: ['v1.29'] },
  { version: 'v1.29', release: 'v1.29.10', platformVersions: ['cce.5.1', 'cce.4.0'], nextVersions: ['v1.30'] },
  { version: 'v1.30', release: 'v1.30.6', platformVersions: ['cce.4.1', 'cce.3.0'], nextVersions: ['v1.31'] },
  { version: 'v1.31', release: 'v1.31.4', platformVersions: ['cce.3.0', 'cce.2.1'], nextVersions: ['v1.32'] },
  { version: 'v1.32', release: 'v1.32.1', platformVersions: ['cce.2.0'], nextVersions: [] },
];

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
