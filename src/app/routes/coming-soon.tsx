import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../components/empty-state.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';

function ComingSoon({ titleKey }: { titleKey: MessageKey }) {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={1}>{t(titleKey)}</Title>
      <EmptyState title={t('common.comingSoon')} body={t('common.comingSoonBody')} />
    </Stack>
  );
}

export const AddonsRoute = () => <ComingSoon titleKey="nav.addons" />;
export const ChartsRoute = () => <ComingSoon titleKey="nav.charts" />;
export const UpgradesRoute = () => <ComingSoon titleKey="nav.upgrades" />;
