import { describe, expect, it } from 'vitest';
import { maxCertDurationDays } from '../../contract/cluster-access.ts';
import { translate } from '../../i18n/i18n.tsx';
import { certRequestBody } from './kubeconfig-file.ts';
import { addSubnetsBody, generalUpdateBody } from './cluster-settings-form.ts';
import { validateNewTags } from './cluster-tag-form.ts';
import { translateRule } from './rule-messages.ts';
import { clusterSchema } from '../../contract/clusters.ts';

const zh = (message: string) => translateRule(message, (key, vars) => translate('zh-CN', key, vars));
const en = (message: string) => translateRule(message, (key, vars) => translate('en', key, vars));

describe('contract rule sentences in the console language', () => {
  it('translates every sentence the cluster forms produce', () => {
    const tags = validateNewTags(
      [
        { key: '_sys_x', value: '' },
        { key: 'a'.repeat(129), value: '' },
        { key: 'ok', value: 'x#' },
        { key: ' sp', value: '' },
      ],
      [],
    );
    const cluster = clusterSchema.parse({ metadata: { name: 'prod-payments' }, spec: { eniNetwork: { subnets: [{ subnetID: 's1' }] } }, status: { phase: 'Upgrading' } });
    const messages = [
      ...(tags.ok ? [] : Object.values(tags.rowErrors).flatMap((row) => [row.key, row.value]).filter((m): m is string => Boolean(m))),
      ...[generalUpdateBody(cluster, { description: 'x' }, []), generalUpdateBody(cluster, { alias: 'A-' }, [])].flatMap((r) =>
        r.ok ? [] : [r.errors.alias, r.errors.description].filter((m): m is string => Boolean(m)),
      ),
      ...[addSubnetsBody(cluster, ['']), addSubnetsBody(cluster, ['s1'])].flatMap((r) => (r.ok ? [] : [r.message])),
      ...[certRequestBody({ kind: 'days', days: '0' })].flatMap((r) => (r.ok ? [] : [r.message])),
    ];
    expect(messages.length).toBeGreaterThanOrEqual(9);
    for (const message of messages) {
      const translated = zh(message);
      expect(translated, message).not.toBe(message);
      expect(translated, message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('fills the rule values in', () => {
    expect(en('tag key must be at most 128 characters')).toBe('At most 128 characters');
    expect(zh('tags must not name the key "env" more than once')).toBe('键 “env” 重复出现');
    expect(en('duration must be a whole number of days from 1 to 1827, or -1 for the 5-year maximum')).toContain(String(maxCertDurationDays));
  });

  it('leaves a sentence it does not know as the contract wrote it', () => {
    expect(zh('something new from the service')).toBe('something new from the service');
  });
});
