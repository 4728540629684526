import { describe, expect, it } from 'vitest';
import { addonTemplateSchema } from '../../contract/addons.ts';
import { upgradePathsSchema } from '../../contract/upgrade.ts';
import {
  addonVersionSupports,
  addonVersionToInstall,
  compareVersionsDescending,
  compatibleAddonVersions,
  offeredClusterVersions,
} from './cluster-wizard-catalog.ts';

const autopilot = (clusterVersion: string[], category = ['Autopilot']) => [
  { clusterType: 'VirtualMachine', clusterVersion, category },
];

const template = addonTemplateSchema.parse({
  metadata: { name: 'coredns', uid: 'coredns', alias: 'CoreDNS' },
  spec: {
    versions: [
      { version: '1.28.4', supportVersions: autopilot(['v1.(27|28).*']) },
      { version: '1.30.33', supportVersions: autopilot(['v1.(29|30|31).*']) },
      { version: '1.31.1', stable: false, supportVersions: autopilot(['v1.(30|31|32).*']) },
      { version: '1.29.9', supportVersions: autopilot(['v1.(28|29|30).*']) },
    ],
  },
});

describe('offeredClusterVersions', () => {
  it('takes every version the upgrade paths name, current or target, newest first', () => {
    const paths = upgradePathsSchema.parse({
      upgradePaths: [
        { version: 'v1.28', platformVersion: 'cce.6.0', targetVersions: ['v1.29'] },
        { version: 'v1.28', platformVersion: 'cce.5.2', targetVersions: ['v1.28', 'v1.29'] },
        { version: 'v1.30', platformVersion: 'cce.4.1', targetVersions: ['v1.31', 'v1.32'] },
      ],
    });
    expect(offeredClusterVersions(paths)).toEqual(['v1.32', 'v1.31', 'v1.30', 'v1.29', 'v1.28']);
  });

  it('reads the documented `items` spelling and counts patch targets as their minor', () => {
    const paths = upgradePathsSchema.parse({ items: [{ version: 'v1.25', targetVersions: ['v1.25.6-r0', 'v1.27'] }] });
    expect(offeredClusterVersions(paths)).toEqual(['v1.27', 'v1.25']);
  });

  it('orders v1.10 after v1.9 (numerically, not as text)', () => {
    expect(['v1.9', 'v1.10', 'v1.28'].sort(compareVersionsDescending)).toEqual(['v1.28', 'v1.10', 'v1.9']);
  });

  it('offers nothing when the service lists no paths', () => {
    expect(offeredClusterVersions(upgradePathsSchema.parse({}))).toEqual([]);
  });
});

describe('add-on versions for a cluster version', () => {
  it('matches the supportVersions expressions against the whole cluster version', () => {
    expect(compatibleAddonVersions(template, 'v1.30')).toEqual(['1.31.1', '1.30.33', '1.29.9']);
    expect(compatibleAddonVersions(template, 'v1.28')).toEqual(['1.29.9', '1.28.4']);
    expect(compatibleAddonVersions(template, 'v1.33')).toEqual([]);
  });

  it('installs the newest stable version, the newest beta only when nothing else fits', () => {
    expect(addonVersionToInstall(template, 'v1.30')).toBe('1.30.33');
    expect(addonVersionToInstall(template, 'v1.32')).toBe('1.31.1');
    expect(addonVersionToInstall(template, 'v1.26')).toBeNull();
  });

  it('refuses versions for other categories: an empty category list means CCE and Turbo, not Autopilot', () => {
    expect(addonVersionSupports({ supportVersions: autopilot(['v1.30'], []) }, 'v1.30')).toBe(false);
    expect(addonVersionSupports({ supportVersions: autopilot(['v1.30'], ['CCE', 'Turbo']) }, 'v1.30')).toBe(false);
    expect(addonVersionSupports({ supportVersions: autopilot(['v1.30']) }, 'v1.30')).toBe(true);
  });

  it('treats an expression that is not a valid regular expression as plain text', () => {
    expect(addonVersionSupports({ supportVersions: autopilot(['v1.(30']) }, 'v1.(30')).toBe(true);
    expect(addonVersionSupports({ supportVersions: autopilot(['v1.(30']) }, 'v1.30')).toBe(false);
  });
});
