// What the service offers the create wizard: the cluster versions (from the upgrade paths, 4.3.12) and the add-on
// templates (4.2.2) whose versions install on the chosen cluster version. Pure functions over parsed responses.
import { supportVersionCategories, type AddonTemplate, type AddonVersion } from '../../contract/addons.ts';
import { clusterTypes } from '../../contract/clusters.ts';
import type { UpgradePaths } from '../../contract/upgrade.ts';

/** "v1.28" and "v1.25.6-r0" both name minor v1.x: the create body's spec.version is the minor (line 794: "v1.28"). */
function clusterMinor(version: string): string {
  return /^v\d+\.\d+/.exec(version.trim())?.[0] ?? version.trim();
}

/** Numeric parts of a version string ("v1.30" -> [1, 30]; "1.30.33" -> [1, 30, 33]); [] when there are none. */
function versionParts(version: string): number[] {
  return (version.match(/\d+/g) ?? []).map(Number);
}

/** Newest first: by the numeric parts, then by the text, so the order is total and stable. */
export function compareVersionsDescending(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pb[i] ?? -1) - (pa[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return b.localeCompare(a);
}

/**
 * The cluster versions a new cluster may have, newest first. The contract has no "list versions" operation; the
 * upgrade paths (4.3.12) list every version the service still runs, as a current `version` or as one of the
 * `targetVersions`, so their union is what the service offers. (The add-on templates' supportVersions were the other
 * candidate, but they are regular expressions over versions, not a list.) Patch-level targets ("v1.25.6-r0") count
 * as their minor, which is what spec.version carries.
 */
export function offeredClusterVersions(paths: Pick<UpgradePaths, 'upgradePaths'>): string[] {
  const versions = new Set<string>();
  for (const path of paths.upgradePaths) {
    for (const version of [path.version, ...path.targetVersions]) {
      if (version && version.trim() !== '') versions.add(clusterMinor(version));
    }
  }
  return [...versions].sort(compareVersionsDescending);
}

/** A supportVersions.clusterVersion entry is a regular expression ("v1.(27|28).*", table 4-158); else plain text. */
function matchesClusterVersion(pattern: string, clusterVersion: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(clusterVersion);
  } catch {
    return pattern === clusterVersion;
  }
}

/**
 * True when this add-on version installs on an Autopilot cluster of `clusterVersion`: one of its supportVersions is
 * for the Autopilot category (000:379-395: an empty list means CCE Standard and Turbo, not Autopilot), for the
 * cluster type Autopilot masters have (VirtualMachine, line 792) or none, and matches the version.
 */
export function addonVersionSupports(version: Pick<AddonVersion, 'supportVersions'>, clusterVersion: string): boolean {
  return version.supportVersions.some(
    (support) =>
      supportVersionCategories(support).includes('Autopilot') &&
      (!support.clusterType || (clusterTypes as readonly string[]).includes(support.clusterType)) &&
      support.clusterVersion.some((pattern) => matchesClusterVersion(pattern, clusterVersion)),
  );
}

/** The template name the install annotation names (metadata.name; metadata.uid is the same name, line 5307). */
export function addonTemplateName(template: AddonTemplate): string {
  return template.metadata.name ?? template.metadata.uid ?? '';
}

/** The name a person reads: the alias when there is one. */
export function addonTemplateLabel(template: AddonTemplate): string {
  return template.metadata.alias || addonTemplateName(template);
}

/**
 * The template versions that install on `clusterVersion`, newest first. The install annotation carries only
 * {addonTemplateName, values} (seed 4.1.1 line 1060): the service installs the newest of these, so the wizard shows
 * it and offers only templates that have one.
 */
export function compatibleAddonVersions(template: AddonTemplate, clusterVersion: string): string[] {
  return template.spec.versions
    .filter((version) => version.version && addonVersionSupports(version, clusterVersion))
    .map((version) => version.version ?? '')
    .sort(compareVersionsDescending);
}

/**
 * The version the service installs with the cluster: without a version the install takes "the latest version the
 * cluster supports" (table 4-152, line 4506), the newest stable one, else the newest; null when none supports it.
 */
export function addonVersionToInstall(template: AddonTemplate, clusterVersion: string): string | null {
  const candidates = template.spec.versions
    .filter((version) => version.version && addonVersionSupports(version, clusterVersion))
    .sort((a, b) => compareVersionsDescending(a.version ?? '', b.version ?? ''));
  return (candidates.find((version) => version.stable !== false) ?? candidates[0])?.version ?? null;
}
