import { Button } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function NotFoundRoute() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <EmptyState
      title={t('common.notFound')}
      body={t('common.notFoundBody', { path: pathname })}
      action={
        <Button component={Link} to="/clusters" variant="light">
          {t('common.backToClusters')}
        </Button>
      }
    />
  );
}
