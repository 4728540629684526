// The pre-check report of the emulator (seed 4.3.5-4.3.7, table 4-253): pure functions of the cluster's facts.
import { describe, expect, it } from 'vitest';
import { checkItemGroups, checkItemKinds, checkItemLevels, precheckItemSchema } from '../../../contract/upgrade-checks.ts';
import { legacyPortalProfile } from './upgrade-demo.ts';
import type { ClusterProfile } from './upgrade-model.ts';
import {
  buildPrecheckReport,
  catalogItem,
  precheckCatalog,
  reportFailed,
  skippedItemsProblem,
  type PrecheckFacts,
} from './upgrade-report.ts';

const none: ClusterProfile = { deprecatedApiCalls: [], configurationOverrides: [] };
type AddonFact = PrecheckFacts['addons'][number];
const addon = (over: Partial<AddonFact> & Pick<AddonFact, 'addonTemplateName'>): AddonFact => ({
  alias: over.addonTemplateName,
  version: '1.0.0',
  status: 'running',
  supportsTarget: true,
  suggestedVersion: null,
  ...over,
});
const facts = (over: Partial<PrecheckFacts> = {}): PrecheckFacts => ({
  clusterVersion: 'v1.28',
  targetVersion: 'v1.29',
  profile: none,
  addons: [],
  ...over,
});
const all = (report: ReturnType<typeof buildPrecheckReport>) => [...report.cluster, ...report.addon];
const byName = (report: ReturnType<typeof buildPrecheckReport>, name: string) => all(report).find((i) => i.name === name);

describe('pre-check report', () => {
  it('passes a cluster with nothing to find, every item in the documented enums and item schema', () => {
    const report = buildPrecheckReport(facts(), []);
    expect(reportFailed(report)).toBe(false);
    expect(all(report)).toHaveLength(precheckCatalog.length);
    for (const item of all(report)) {
      expect(item).toMatchObject({ phase: 'Success', message: 'check item succeed', riskSource: {} });
      expect(checkItemKinds).toContain(item.kind);
      expect(checkItemGroups).toContain(item.group);
      expect(checkItemLevels).toContain(item.level);
      expect(precheckItemSchema.safeParse(item).success).toBe(true);
    }
    expect(report.addon.every((item) => item.group === 'AddonCheck')).toBe(true);
    expect(report.cluster.some((item) => item.group === 'AddonCheck')).toBe(false);
  });

  it('flags only the deprecated APIs the target version stops serving', () => {
    const to129 = byName(buildPrecheckReport(facts({ profile: legacyPortalProfile }), []), 'DeprecatedApiCheck');
    expect(to129?.phase).toBe('Failed');
    expect(to129?.riskSource.deprecatedAPIRisks?.map((r) => r.url)).toEqual([
      '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta2/prioritylevelconfigurations',
    ]);
    const to132 = byName(buildPrecheckReport(facts({ profile: legacyPortalProfile, clusterVersion: 'v1.31', targetVersion: 'v1.32' }), []), 'DeprecatedApiCheck');
    expect(to132?.riskSource.deprecatedAPIRisks).toEqual([
      { url: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas', userAgent: 'kubectl/v1.28.4 (linux/amd64) kubernetes/bae2c62' },
    ]);
    const to131 = byName(buildPrecheckReport(facts({ profile: legacyPortalProfile, clusterVersion: 'v1.30', targetVersion: 'v1.31' }), []), 'DeprecatedApiCheck');
    expect(to131?.phase).toBe('Success');
  });

  it('fails AddonLimit (an Exception) for an add-on that is not running, as the 4.3.7 example', () => {
    const report = buildPrecheckReport(
      facts({
        addons: [
          addon({ addonTemplateName: 'coredns', alias: 'CoreDNS', version: '1.28.4', status: 'abnormal' }),
          addon({ addonTemplateName: 'metrics-server', version: '1.3.60' }),
        ],
      }),
      [],
    );
    expect(reportFailed(report)).toBe(true);
    expect(byName(report, 'AddonLimit')).toMatchObject({
      kind: 'Exception',
      phase: 'Failed',
      message: 'addon [ CoreDNS ] status is abnormal, check and try again',
      riskSource: { addonRisks: [{ addonTemplateName: 'coredns', alias: 'CoreDNS' }] },
    });
  });

  it('flags add-ons whose version does not support the target (a Risk), naming the version to upgrade to', () => {
    const report = buildPrecheckReport(
      facts({
        addons: [
          addon({ addonTemplateName: 'coredns', version: '1.28.4', supportsTarget: false, suggestedVersion: '1.29.4' }),
          addon({ addonTemplateName: 'volcano', version: '1.12.1', supportsTarget: false, suggestedVersion: null }),
          addon({ addonTemplateName: 'metrics-server', version: '1.3.60' }),
        ],
      }),
      [],
    );
    const item = byName(report, 'AddonVersionLimit');
    expect(item).toMatchObject({
      kind: 'Risk',
      group: 'AddonCheck',
      phase: 'Failed',
      riskSource: {
        addonRisks: [
          { addonTemplateName: 'coredns', alias: 'coredns' },
          { addonTemplateName: 'volcano', alias: 'volcano' },
        ],
      },
    });
    expect(item?.message).toMatch(/coredns 1\.28\.4, volcano 1\.12\.1 \] does not support cluster version v1\.29/);
    expect(item?.message).toMatch(/coredns -> 1\.29\.4; volcano: no version supports v1\.29 yet/);
    // a running add-on that merely needs a newer version is no AddonLimit failure
    expect(byName(report, 'AddonLimit')?.phase).toBe('Success');
  });

  it('reports configuration overrides with their configurationRisks', () => {
    const item = byName(buildPrecheckReport(facts({ profile: legacyPortalProfile }), []), 'ClusterConfigurationConsistency');
    expect(item).toMatchObject({ kind: 'Risk', phase: 'Failed' });
    expect(item?.riskSource.configurationRisks).toEqual(legacyPortalProfile.configurationOverrides);
  });

  it('leaves the skipped items out of the report', () => {
    const skipped = [{ name: 'DeprecatedApiCheck' }, { name: 'clusterConfigurationConsistency' }, { name: 'AddonVersionLimit' }];
    const addons = [addon({ addonTemplateName: 'coredns', supportsTarget: false, suggestedVersion: '1.29.4' })];
    const report = buildPrecheckReport(facts({ profile: legacyPortalProfile, addons }), skipped);
    expect(all(report).map((i) => i.name)).not.toContain('DeprecatedApiCheck');
    expect(byName(report, 'AddonVersionLimit')).toBeUndefined();
    expect(byName(report, 'ClusterConfigurationConsistency')).toBeUndefined();
    expect(reportFailed(report)).toBe(false);
  });
});

describe('skippedCheckItemList rules', () => {
  it('accepts Risk items (any case) and node selections, refuses Exception items, unknown names and misplaced selectors', () => {
    expect(skippedItemsProblem([{ name: 'deprecatedapicheck' }, { name: 'NodeContainerdPodRestartRisk' }])).toBeNull();
    expect(skippedItemsProblem([{ resourceSelector: { key: 'node.uid', values: ['a'], operator: 'In' } }])).toBeNull();
    expect(skippedItemsProblem([{ name: 'AddonLimit' }])).toMatch(/skippedCheckItemList\[0\]\.name AddonLimit is an Exception item/);
    expect(skippedItemsProblem([{ name: 'DeprecatedApiCheck' }, { name: 'Nope' }])).toMatch(/\[1\]\.name "Nope" is not a check item; items that may be skipped: DeprecatedApiCheck/);
    expect(skippedItemsProblem([{ name: 'DeprecatedApiCheck', resourceSelector: { key: 'node.uid', operator: 'In' } }])).toMatch(/node check items only/);
    expect(skippedItemsProblem([{}])).toMatch(/needs a name/);
  });

  it('reads the 4.3.6 spelling CoreDNSConflimit as CoreDNSConfLimit (digest N11)', () => {
    expect(catalogItem('CoreDNSConflimit')?.name).toBe('CoreDNSConfLimit');
  });
});
