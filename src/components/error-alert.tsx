// Every failure a user sees: HTTP status, CCE error code, message, request id, and a retry.
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/api-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const api = isApiError(error) ? error : null;
  const message = api?.kind === 'network' ? t('error.network') : error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" title={title ?? t('error.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {api && (api.status > 0 || api.code || api.requestId) ? (
          <Group gap="md">
            {api.status > 0 ? <Text size="xs">{t('error.status', { status: api.status })}</Text> : null}
            {api.code ? (
              <Text size="xs">
                {t('error.code')}: <Code>{api.code}</Code>
              </Text>
            ) : null}
            {api.requestId ? (
              <Text size="xs">
                {t('error.requestId')}: <Code>{api.requestId}</Code>
              </Text>
            ) : null}
          </Group>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="outline" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
