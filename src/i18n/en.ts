// English catalog: the source of every message key. Each area keeps its own part (en-<area>.ts) and every zh-CN
// part must have the same keys (the type checks it). The shell's and the cluster pages' parts form the `base` that
// the first page needs; other areas' parts load with their pages (i18n.tsx).
import type { clusterDetailEn } from './en-cluster-detail.ts';
import type { clusterWizardEn } from './en-cluster-wizard.ts';
import { clustersEn } from './en-clusters.ts';

export const coreEn = {
  'app.title': 'CCE Autopilot Console',
  'app.skipToContent': 'Skip to content',
  'nav.label': 'Main navigation',
  'nav.clusters': 'Clusters',
  'nav.addons': 'Add-ons',
  'nav.charts': 'Charts',
  'nav.upgrades': 'Upgrades',
  'nav.toggle': 'Toggle navigation',
  'header.language': 'Language',
  'header.colorScheme': 'Colour scheme',
  'header.colorScheme.light': 'Light',
  'header.colorScheme.dark': 'Dark',
  'header.colorScheme.auto': 'Auto',
  'header.mode.emulator': 'Emulator',
  'header.mode.cloud': 'Huawei Cloud',
  'header.modeRegion': '{mode} · {region}',
  'common.comingSoon': 'Coming soon',
  'common.comingSoonBody': 'This part of the console is on its way.',
  'common.retry': 'Retry',
  'common.breadcrumbs': 'Breadcrumb',
  'common.loading': 'Loading…',
  'common.unknownValue': 'unknown: {value}',
  'common.notFound': 'Page not found',
  'common.notFoundBody': 'There is nothing at {path}.',
  'common.backToClusters': 'Back to clusters',
  'error.title': 'Request failed',
  'error.status': 'HTTP {status}',
  'error.code': 'Code',
  'error.requestId': 'Request ID',
  'error.network': 'The console server could not be reached.',
  'error.parse': 'The response did not have the expected shape: {detail}',
} as const;

/** What the first page needs in English (always loaded: it is also the fallback). */
export const baseEn = { ...coreEn, ...clustersEn } as const;

export type CoreMessageKey = keyof typeof coreEn;
export type BaseMessageKey = keyof typeof baseEn;
export type MessageKey = BaseMessageKey | keyof typeof clusterWizardEn | keyof typeof clusterDetailEn;
