// One way to write: a mutation runs one operation through apiFetch and then invalidates whole factory levels
// (never a literal key), so every list and detail that could show the change refetches.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { AnyOperation, OperationResult } from '../contract/operation.ts';
import type { ApiError } from './api-error.ts';
import { apiFetch, type ApiFetchOptions } from './api-fetch.ts';

export type MutationSpec<O extends AnyOperation, V> = {
  operation: O;
  request: (variables: V) => Omit<ApiFetchOptions<O>, 'signal'>;
  /** Factory levels to invalidate once the call succeeded. */
  invalidates: (variables: V, result: OperationResult<O>) => readonly QueryKey[];
};

export function useApiMutation<O extends AnyOperation, V>(spec: MutationSpec<O, V>) {
  const queryClient = useQueryClient();
  return useMutation<OperationResult<O>, ApiError, V>({
    mutationKey: ['mutation', spec.operation.id],
    mutationFn: (variables) => apiFetch(spec.operation, spec.request(variables)),
    onSuccess: async (result, variables) => {
      await Promise.all(spec.invalidates(variables, result).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
