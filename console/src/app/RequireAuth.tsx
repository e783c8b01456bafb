import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/index.ts';
import { isApiError } from '../lib/api.ts';
import { RealtimeProvider } from './realtime.tsx';
import { useMeQuery } from './session.ts';

/** Renders the signed-in app only once `/me` answered; a missing session goes to the login page. */
export function RequireAuth() {
  const me = useMeQuery();
  const location = useLocation();
  const { t } = useTranslation();

  if (me.data) {
    return (
      <RealtimeProvider>
        <Outlet />
      </RealtimeProvider>
    );
  }
  if (me.error) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm">
          <Text role="alert">{isApiError(me.error) ? errorText(me.error.code) : errorText('internal')}</Text>
          <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
