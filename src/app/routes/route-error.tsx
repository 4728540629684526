import { Container } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';

export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="md" py="xl">
      <ErrorAlert error={error} onRetry={() => window.location.reload()} />
    </Container>
  );
}
