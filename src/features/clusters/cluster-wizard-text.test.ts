import { describe, expect, it } from 'vitest';
import { clusterNameSchema } from '../../contract/clusters.ts';
import { translate } from '../../i18n/i18n.tsx';
import { issueText } from './cluster-wizard-text.ts';

const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh-CN', key, vars);

describe('issueText', () => {
  it('shows a contract rule in the chosen language', () => {
    const result = clusterNameSchema('metadata.name').safeParse('Bad_Name');
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toMatch(/[a-z]/);
    const text = issueText(zh, { text: message });
    expect(text).not.toBe(message);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps a sentence it has no translation for as written', () => {
    expect(issueText(zh, { text: 'something the service said' })).toBe('something the service said');
  });
});
