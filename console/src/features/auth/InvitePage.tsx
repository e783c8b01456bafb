import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { acceptInvitationInput, type MeDto, type Role } from '@careloop/contracts';
import { storeMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/validation.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

interface Lookup { email: string; workspaceName: string; role: Role }

/** `/invite?token=…`: a new agent picks a name and password and is signed in. */
export function InvitePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const lookup = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.publicGet<Lookup>('/invitations/lookup', { token }),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => api.post<MeDto>('/invitations/accept', { token, name, password }, { session: false }),
    meta: { handlesError: true },
    onSuccess: (me) => {
      storeMe(qc, me);
      void navigate('/inbox', { replace: true });
    },
  });

  if (!token) {
    return <AuthLayout title={t('invite.title')}><Alert color="red">{t('invite.missingToken')}</Alert></AuthLayout>;
  }
  if (lookup.isLoading) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  if (lookup.error || !lookup.data) {
    return <AuthLayout title={t('invite.title')}><ErrorAlert error={lookup.error} testId="invite-error" /></AuthLayout>;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = fieldErrors(acceptInvitationInput, { token, name, password });
    setErrors(found);
    if (Object.keys(found).length === 0) accept.mutate();
  };

  return (
    <AuthLayout title={t('invite.title')} subtitle={t('invite.subtitle', { workspace: lookup.data.workspaceName })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {accept.error && <ErrorAlert error={accept.error} testId="invite-error" />}
          <Text size="sm">
            {t('invite.as', { email: lookup.data.email, role: t(`roles.${lookup.data.role}`) })}
          </Text>
          <TextInput label={t('fields.name')} required autoFocus autoComplete="name" value={name} error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)} data-testid="invite-name" />
          <PasswordInput label={t('fields.password')} description={t('validation.password')} required autoComplete="new-password"
            value={password} error={errors.password} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="invite-password" />
          <Button type="submit" loading={accept.isPending} data-testid="invite-submit" fullWidth>{t('invite.submit')}</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
