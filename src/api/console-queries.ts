import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { getConsoleConfigOperation } from '../contract/console.ts';
import { apiFetch } from './api-fetch.ts';

export const consoleQueries = {
  all: () => ['console'] as const,
  config: () =>
    queryOptions({
      queryKey: [...consoleQueries.all(), 'config'] as const,
      queryFn: ({ signal }) => apiFetch(getConsoleConfigOperation, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/** The project every project-scoped path needs, from the server's configuration. */
export function useConsoleConfig() {
  return useSuspenseQuery(consoleQueries.config()).data;
}
