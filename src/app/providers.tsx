import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { isApiError } from '../api/api-error.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// Toasts are mounted lazily: their transition machinery stays out of the first load.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

const colorSchemeManager = localStorageColorSchemeManager({ key: 'cce-console.color-scheme' });

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // a 4xx will not change by asking again; network trouble and 5xx may
        retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager} cssVariablesResolver={cssVariablesResolver}>
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  );
}
