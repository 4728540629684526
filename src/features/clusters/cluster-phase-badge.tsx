import { clusterPhases, transitionalClusterPhases, type ClusterPhase } from '../../contract/clusters.ts';
import { isKnownValue } from '../../contract/common.ts';
import { StatusBadge, type StatusTone } from '../../components/status-badge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const tones: Record<ClusterPhase, StatusTone> = {
  Available: 'success',
  Unavailable: 'danger',
  ScalingUp: 'progress',
  ScalingDown: 'progress',
  Creating: 'progress',
  Deleting: 'warning',
  Upgrading: 'progress',
  Resizing: 'progress',
  ResizeFailed: 'danger',
  RollingBack: 'warning',
  RollbackFailed: 'danger',
  Hibernating: 'progress',
  Hibernation: 'neutral',
  Freezing: 'warning',
  Frozen: 'neutral',
  UnFreezing: 'progress',
  Awaking: 'progress',
  Empty: 'neutral',
  Error: 'danger',
};

export function ClusterPhaseBadge({ phase }: { phase: string | null | undefined }) {
  const { t } = useI18n();
  if (!isKnownValue(clusterPhases, phase)) {
    return <StatusBadge label={t('common.unknownValue', { value: phase ?? '—' })} tone="neutral" />;
  }
  const transitional = (transitionalClusterPhases as readonly string[]).includes(phase);
  return <StatusBadge label={t(`phase.${phase}`)} tone={tones[phase]} transitional={transitional} />;
}
