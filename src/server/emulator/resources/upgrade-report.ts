// The pre-check report (seed 4.3.5-4.3.7, tables 4-247…4-258): which items the emulated service checks, what
// each finds in a cluster, and which items a caller may skip. Pure: (cluster facts, target) -> report.
import type {
  AddonRisk,
  ClusterProfile,
  PrecheckItemGroup,
  PrecheckItemKind,
  PrecheckItemLevel,
  PrecheckReport,
  SkippedCheckItem,
  StoredPrecheckItem,
  StoredRiskSource,
} from './upgrade-model.ts';
import { minorOf } from './upgrade-paths.ts';

/** What the checks look at. */
export type PrecheckFacts = {
  clusterVersion: string;
  targetVersion: string;
  profile: ClusterProfile;
  /** The cluster's add-on instances as the add-on module holds them, judged against the target version. */
  addons: ReadonlyArray<{
    addonTemplateName: string;
    alias: string;
    version: string;
    status: string;
    /** The instance's version supports the target cluster version (the add-on catalog's supportVersions). */
    supportsTarget: boolean;
    /** The newest version of the template that does. */
    suggestedVersion: string | null;
  }>;
};

type Finding = { message: string; riskSource: StoredRiskSource } | null;

type CheckItem = {
  name: string;
  kind: PrecheckItemKind;
  group: PrecheckItemGroup;
  /** The item's severity, fixed per item as in every example (DeprecatedApiCheck is Info, BlackLimit Fatal …). */
  level: PrecheckItemLevel;
  section: 'cluster' | 'addon';
  /** Null when the check passes. */
  find: (facts: PrecheckFacts) => Finding;
};

const passed = (): Finding => null;

/** Table 4-253 items; the names and their kind/group/level are those of the 4.3.6/4.3.7 examples. */
export const precheckCatalog: readonly CheckItem[] = [
  {
    name: 'DeprecatedApiCheck',
    kind: 'Risk',
    group: 'LimitCheck',
    level: 'Info',
    section: 'cluster',
    find: ({ profile, clusterVersion, targetVersion }) => {
      const target = minorOf(targetVersion);
      const current = minorOf(clusterVersion);
      const removed = profile.deprecatedApiCalls.filter((call) => {
        const minor = minorOf(call.removedIn);
        return minor > current && minor <= target;
      });
      if (removed.length === 0) return null;
      return {
        message:
          `${removed.length} API(s) still called by workloads are no longer served in ${targetVersion}: ` +
          `${removed.map((call) => call.url).join(', ')}; migrate the clients to the current API versions`,
        riskSource: { deprecatedAPIRisks: removed.map(({ url, userAgent }) => ({ url, userAgent })) },
      };
    },
  },
  // Node items pass: an Autopilot cluster has no user nodes (digest R12).
  { name: 'NodeContainerdPodRestartRisk', kind: 'Risk', group: 'LimitCheck', level: 'Warning', section: 'cluster', find: passed },
  { name: 'ResiduePackageVersion', kind: 'Exception', group: 'LimitCheck', level: 'Fatal', section: 'cluster', find: passed },
  { name: 'BlackLimit', kind: 'Exception', group: 'LimitCheck', level: 'Fatal', section: 'cluster', find: passed },
  { name: 'MasterSSH', kind: 'Exception', group: 'LimitCheck', level: 'Fatal', section: 'cluster', find: passed },
  { name: 'ReleaseLimit', kind: 'Exception', group: 'LimitCheck', level: 'Warning', section: 'cluster', find: passed },
  { name: 'ClusterNoArm', kind: 'Exception', group: 'LimitCheck', level: 'Warning', section: 'cluster', find: passed },
  {
    // Not among the example names (the list is not exhaustive): the configurationRisks source of table 4-255.
    name: 'ClusterConfigurationConsistency',
    kind: 'Risk',
    group: 'MasterCheck',
    level: 'Warning',
    section: 'cluster',
    find: ({ profile, targetVersion }) => {
      const overrides = profile.configurationOverrides;
      if (overrides.length === 0) return null;
      return {
        message:
          `${overrides.length} control-plane parameter(s) differ from the defaults and are reset by the upgrade to ` +
          `${targetVersion}: ${overrides.map((o) => `${o.package} ${o.field}`).join(', ')}`,
        riskSource: { configurationRisks: overrides.map((o) => ({ ...o })) },
      };
    },
  },
  {
    name: 'AddonLimit',
    kind: 'Exception',
    group: 'AddonCheck',
    level: 'Warning',
    section: 'addon',
    // 4.3.7 example (lines 10932-10946): an add-on that is not running fails the item with its addonRisks.
    find: ({ addons }) => {
      const unhealthy = addons.filter((addon) => addon.status !== 'running');
      if (unhealthy.length === 0) return null;
      return {
        // The example's wording; a status other than `abnormal` is named after the add-on.
        message: `addon [ ${unhealthy.map((a) => (a.status === 'abnormal' ? a.alias : `${a.alias} (${a.status})`)).join(', ')} ] status is abnormal, check and try again`,
        riskSource: { addonRisks: unhealthy.map(({ addonTemplateName, alias }) => ({ addonTemplateName, alias })) },
      };
    },
  },
  { name: 'CoreDNSConfLimit', kind: 'Exception', group: 'AddonCheck', level: 'Fatal', section: 'addon', find: passed },
  {
    name: 'AddonVersionLimit',
    kind: 'Risk',
    group: 'AddonCheck',
    level: 'Warning',
    section: 'addon',
    // Not among the example names: an add-on whose version does not support the target cluster version. The user
    // confirms it (skips it) and upgrades the add-on with the cluster (clusterUpgradeAction.addons, table 4-214).
    find: ({ addons, targetVersion }) => {
      const unsupported = addons.filter((addon) => !addon.supportsTarget);
      if (unsupported.length === 0) return null;
      const advice = unsupported.map((a) =>
        a.suggestedVersion ? `${a.addonTemplateName} -> ${a.suggestedVersion}` : `${a.addonTemplateName}: no version supports ${targetVersion} yet`,
      );
      return {
        message:
          `addon [ ${unsupported.map((a) => `${a.alias} ${a.version}`).join(', ')} ] does not support cluster version ${targetVersion}; ` +
          `upgrade it with the cluster in spec.clusterUpgradeAction.addons (${advice.join('; ')})`,
        riskSource: { addonRisks: unsupported.map(({ addonTemplateName, alias }): AddonRisk => ({ addonTemplateName, alias })) },
      };
    },
  },
  { name: 'EverestLimitHungVersion', kind: 'Risk', group: 'AddonCheck', level: 'Fatal', section: 'addon', find: passed },
];

/** A known item name in its catalog spelling ("CoreDNSConflimit" of 4.3.6 → CoreDNSConfLimit, digest N11). */
export function catalogItem(name: string): CheckItem | undefined {
  const lower = name.toLowerCase();
  return precheckCatalog.find((item) => item.name.toLowerCase() === lower);
}

/**
 * Why a skippedCheckItemList cannot be honoured, or null. Table 4-253: only Risk items may be skipped (after the
 * user confirmed them), Exception items must be fixed; table 4-240: resourceSelector is for node checks only.
 */
export function skippedItemsProblem(list: readonly SkippedCheckItem[]): string | null {
  for (const [index, entry] of list.entries()) {
    const field = `spec.skippedCheckItemList[${index}]`;
    if (entry.name === undefined) {
      if (entry.resourceSelector) continue; // node selection: an Autopilot cluster has no nodes to match (R12)
      return `${field} needs a name (the check item to skip) or a resourceSelector`;
    }
    const item = catalogItem(entry.name);
    if (!item) {
      const skippable = precheckCatalog.filter((i) => i.kind === 'Risk').map((i) => i.name);
      return `${field}.name "${entry.name}" is not a check item; items that may be skipped: ${skippable.join(', ')}`;
    }
    if (entry.resourceSelector) {
      return `${field}.resourceSelector applies to node check items only; ${item.name} is a ${item.section} check (table 4-240)`;
    }
    if (item.kind === 'Exception') {
      return `${field}.name ${item.name} is an Exception item: it must be fixed, only Risk items may be skipped (table 4-253)`;
    }
  }
  return null;
}

/** The report of a pre-check of `facts`, without the skipped items. */
export function buildPrecheckReport(facts: PrecheckFacts, skipped: readonly SkippedCheckItem[]): PrecheckReport {
  const skippedNames = new Set(
    skipped.flatMap((entry) => (entry.name ? [catalogItem(entry.name)?.name ?? entry.name] : [])),
  );
  const report: PrecheckReport = { cluster: [], addon: [] };
  for (const item of precheckCatalog) {
    if (skippedNames.has(item.name)) continue;
    const finding = item.find(facts);
    const stored: StoredPrecheckItem = {
      name: item.name,
      kind: item.kind,
      group: item.group,
      level: item.level,
      phase: finding ? 'Failed' : 'Success',
      // "check item succeed" is the examples' wording for a passed item.
      message: finding ? finding.message : 'check item succeed',
      riskSource: finding ? finding.riskSource : {},
    };
    report[item.section].push(stored);
  }
  return report;
}

/** Any failed item fails the whole task (4.3.7 example: one failed add-on item, status.phase Failed). */
export function reportFailed(report: PrecheckReport): boolean {
  return [...report.cluster, ...report.addon].some((item) => item.phase === 'Failed');
}
