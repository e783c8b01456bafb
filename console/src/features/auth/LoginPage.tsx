import { useState, type FormEvent } from 'react';
import { Button, Center, Loader, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MeDto } from '@careloop/contracts';
import { storeMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { safeNext } from '../../lib/validation.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setupStatus,
    queryFn: () => api.publicGet<{ needsSetup: boolean }>('/setup/status'),
    staleTime: 60_000,
  });
}

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useSetupStatus();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => api.post<MeDto>('/auth/login', { email: email.trim(), password }, { session: false }),
    meta: { handlesError: true },
    onSuccess: (me) => {
      storeMe(qc, me);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (status.isLoading) {
    return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  }
  if (status.data?.needsSetup) return <Navigate to="/setup" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!login.isPending) login.mutate();
  };

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {login.error && <ErrorAlert error={login.error} testId="login-error" />}
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
          <Button type="submit" loading={login.isPending} disabled={!email || !password} data-testid="login-submit" fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
