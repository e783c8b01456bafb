import { MutationCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { errorText } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';

declare module '@tanstack/react-query' {
  interface Register {
    /** `meta.handlesError`: the screen shows this mutation's error itself, so no toast. */
    mutationMeta: { handlesError?: boolean };
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.handlesError) return;
        if (error instanceof ApiError && error.status === 401) return;
        notifications.show({
          color: 'red',
          message: error instanceof ApiError ? errorText(error.code) : errorText('internal'),
        });
      },
    }),
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
