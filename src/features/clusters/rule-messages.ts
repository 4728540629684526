// The forms validate with the contract's request schemas, so form, proxy and emulator apply the same rule; the
// schemas word their sentences in English for callers and logs. This maps each sentence the cluster forms can meet
// to a catalog message, so the user reads the rule in the console's language. A sentence not listed here is shown
// as the contract wrote it (better an English rule than none).
import { maxCertDurationDays, minCertDurationDays } from '../../contract/cluster-access.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { Translate } from '../../i18n/i18n.tsx';

type Rule = { pattern: RegExp; key: MessageKey; vars?: (match: RegExpExecArray) => Record<string, string> };

const rules: readonly Rule[] = [
  // tags.ts (seed 4.5.1 table 4-377, 4.5.2 table 4-381) and clusters.ts resource tags (table 4-12)
  { pattern: /tag key must not be empty|tag key is required/, key: 'rule.required' },
  { pattern: /tag key must be at most (\d+) characters/, key: 'rule.maxLength', vars: (m) => ({ max: m[1] ?? '' }) },
  { pattern: /tag value must be at most (\d+) characters/, key: 'rule.maxLength', vars: (m) => ({ max: m[1] ?? '' }) },
  { pattern: /tag (key|value) may contain only/, key: 'rule.tagCharacters' },
  { pattern: /tag key must not start with "_sys_"/, key: 'rule.tagReservedPrefix' },
  { pattern: /tag key must not start or end with a space/, key: 'rule.tagSpaces' },
  { pattern: /key "(.*)" (more than once|is given more than once)/, key: 'rule.tagDuplicate', vars: (m) => ({ key: m[1] ?? '' }) },
  { pattern: /at most (\d+) tags/, key: 'rule.tagLimit', vars: (m) => ({ max: m[1] ?? '' }) },
  { pattern: /tags must contain at least one tag/, key: 'rule.tagsEmpty' },
  // clusters.ts: description (seed 4.1.4 line 2351), name and alias (lines 778, 780, 2368)
  { pattern: /description can be changed only while the cluster is Available/, key: 'rule.descriptionAvailableOnly' },
  { pattern: /description must be at most (\d+) characters/, key: 'rule.maxLength', vars: (m) => ({ max: m[1] ?? '' }) },
  { pattern: /must not contain any of (.+)$/, key: 'rule.forbiddenCharacters', vars: (m) => ({ characters: m[1] ?? '' }) },
  { pattern: /must be (\d+) to (\d+) characters long/, key: 'rule.lengthRange', vars: (m) => ({ min: m[1] ?? '', max: m[2] ?? '' }) },
  { pattern: /must start with a lower-case letter/, key: 'rule.startsWithLowercase' },
  { pattern: /may contain only lower-case letters, digits and "-"/, key: 'rule.nameCharacters' },
  { pattern: /must not end with "-"/, key: 'rule.noTrailingHyphen' },
  {
    pattern: /alias "(.*)" is already used as the name or alias of cluster (\S+)/,
    key: 'rule.aliasTaken',
    vars: (m) => ({ alias: m[1] ?? '', cluster: m[2] ?? '' }),
  },
  // clusters.ts: ENI subnets on update, add-only (line 2358)
  { pattern: /lists subnet (\S+) twice/, key: 'rule.subnetDuplicate', vars: (m) => ({ subnet: m[1] ?? '' }) },
  { pattern: /must include every existing subnet/, key: 'rule.subnetsAddOnly' },
  { pattern: /subnetID must not be empty|subnetID is required/, key: 'rule.required' },
  // cluster-access.ts: certificate duration (4.1.6 table 4-112) and EIP bind (4.1.8 line 3893)
  {
    pattern: /^duration (must be|is required)/,
    key: 'rule.certDuration',
    vars: () => ({ min: String(minCertDurationDays), max: String(maxCertDurationDays) }),
  },
  { pattern: /spec\.spec\.id .*required/, key: 'rule.required' },
];

export function translateRule(message: string, t: Translate): string {
  for (const rule of rules) {
    const match = rule.pattern.exec(message);
    if (match) return t(rule.key, rule.vars?.(match));
  }
  return message;
}
