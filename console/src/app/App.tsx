import { useMemo } from 'react';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { setCsrfToken, setUnauthorizedHandler } from '../lib/api.ts';
import { keys } from '../lib/queryKeys.ts';
import { createQueryClient } from './queryClient.ts';
import { createAppRouter, publicPaths } from './router.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

export function App() {
  const { queryClient, router } = useMemo(() => {
    const queryClient = createQueryClient();
    const router = createAppRouter();
    let redirecting = false;
    setUnauthorizedHandler(() => {
      const { pathname, search } = router.state.location;
      if (redirecting || publicPaths.includes(pathname)) return;
      redirecting = true;
      setCsrfToken(null);
      void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true }).finally(() => {
        redirecting = false;
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.setupStatus[0] });
      });
    });
    return { queryClient, router };
  }, []);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
