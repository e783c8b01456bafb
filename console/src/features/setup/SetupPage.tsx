import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Group, Loader, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { setupInput, type Locale, type MeDto } from '@careloop/contracts';
import { storeMe } from '../../app/session.ts';
import { setLanguage } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { fieldErrors } from '../../lib/validation.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useSetupStatus } from '../auth/LoginPage.tsx';

const defaultZone = 'Asia/Ho_Chi_Minh';

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes(defaultZone) ? supported : [defaultZone, ...supported];
}

/** First run: create the workspace and its owner. Needs the setup token the server prints at start. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useSetupStatus();
  const zones = useMemo(() => timeZones(), []);
  const [token, setToken] = useState(params.get('token') ?? '');
  const [values, setValues] = useState({
    workspaceName: '',
    ownerName: '',
    email: '',
    password: '',
    locale: (i18n.language === 'en' ? 'en' : 'vi') as Locale,
    timezone: defaultZone,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const setup = useMutation({
    mutationFn: () => api.post<MeDto>('/setup', values, { session: false, query: { token: token.trim() } }),
    meta: { handlesError: true },
    onSuccess: (me) => {
      storeMe(qc, me);
      qc.setQueryData(keys.setupStatus, { needsSetup: false });
      setLanguage(values.locale);
      void navigate('/inbox', { replace: true });
    },
  });

  if (status.isLoading) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  if (status.data && !status.data.needsSetup) {
    return (
      <AuthLayout title={t('setup.title')}>
        <Stack>
          <Alert color="blue">{t('setup.done')}</Alert>
          <Anchor component={Link} to="/login">{t('setup.toLogin')}</Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = fieldErrors(setupInput, values);
    if (!token.trim()) found.token = t('validation.token');
    setErrors(found);
    if (Object.keys(found).length === 0) setup.mutate();
  };

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} width={480}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {setup.error && <ErrorAlert error={setup.error} testId="setup-error" />}
          {!params.get('token') && (
            <TextInput
              label={t('setup.token')}
              description={t('setup.tokenHelp')}
              required
              value={token}
              error={errors.token}
              onChange={(e) => setToken(e.currentTarget.value)}
              data-testid="setup-token"
            />
          )}
          <TextInput label={t('setup.workspaceName')} required autoFocus value={values.workspaceName} error={errors.workspaceName}
            onChange={(e) => set('workspaceName')(e.currentTarget.value)} data-testid="setup-workspace" />
          <TextInput label={t('setup.ownerName')} required autoComplete="name" value={values.ownerName} error={errors.ownerName}
            onChange={(e) => set('ownerName')(e.currentTarget.value)} data-testid="setup-name" />
          <TextInput label={t('fields.email')} type="email" required autoComplete="username" value={values.email} error={errors.email}
            onChange={(e) => set('email')(e.currentTarget.value)} data-testid="setup-email" />
          <PasswordInput label={t('fields.password')} description={t('validation.password')} required autoComplete="new-password"
            value={values.password} error={errors.password} onChange={(e) => set('password')(e.currentTarget.value)} data-testid="setup-password" />
          <Group grow align="flex-start">
            <Select label={t('setup.locale')} value={values.locale} allowDeselect={false}
              data={[{ value: 'vi', label: t('languages.vi') }, { value: 'en', label: t('languages.en') }]}
              onChange={(v) => v && set('locale')(v)} data-testid="setup-locale" />
            <Select label={t('setup.timezone')} value={values.timezone} searchable allowDeselect={false} data={zones}
              error={errors.timezone} onChange={(v) => v && set('timezone')(v)} data-testid="setup-timezone" />
          </Group>
          <Button type="submit" loading={setup.isPending} data-testid="setup-submit" fullWidth>{t('setup.submit')}</Button>
          <Text size="xs" c="dimmed">{t('setup.note')}</Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
