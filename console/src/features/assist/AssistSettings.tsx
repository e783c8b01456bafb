import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assistSettingsInput, type AssistCheckDto, type AssistSettingsDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/validation.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SectionHeader } from '../settings/SectionHeader.tsx';
import { assistKey, useAssist } from './queries.ts';

interface Form { enabled: boolean; baseUrl: string; model: string; apiKey: string; drafts: boolean; summaries: boolean }

const formOf = (s: AssistSettingsDto | undefined): Form => ({
  enabled: s?.enabled ?? false, baseUrl: s?.baseUrl ?? '', model: s?.model ?? '', apiKey: '', drafts: s?.drafts ?? true, summaries: s?.summaries ?? true,
});

/** The body of `PUT /assist`: the key only when typed (left out, the stored one is kept). */
export const assistBody = (f: Form) => ({
  enabled: f.enabled, baseUrl: f.baseUrl.trim(), model: f.model.trim(), drafts: f.drafts, summaries: f.summaries, ...(f.apiKey.trim() ? { apiKey: f.apiKey.trim() } : {}),
});

/** Settings → Assistant: the owner's optional OpenAI-compatible endpoint for reply drafts and summaries. */
export default function AssistSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const assist = useAssist();
  if (!assist.data) return assist.error ? <ErrorAlert error={assist.error} /> : null;
  return <AssistForm key={assist.data.updatedAt ?? 'new'} settings={assist.data} owner={me.agent.role === 'owner'} t={t} />;
}

function AssistForm({ settings, owner, t }: { settings: AssistSettingsDto; owner: boolean; t: ReturnType<typeof useTranslation>['t'] }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: (f: Form) => api.put<AssistSettingsDto>('/assist', assistBody(f)),
    meta: { handlesError: true },
    onSuccess: (saved) => qc.setQueryData(assistKey, saved),
  });
  const check = useMutation({ mutationFn: () => api.post<AssistCheckDto>('/assist/check'), meta: { handlesError: true } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = fieldErrors(assistSettingsInput, assistBody(form));
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(form);
  };
  return (
    <form onSubmit={submit} data-testid="assist-settings">
      <SectionHeader title={t('assist.title')} description={t('assist.description')} />
      <Stack gap="md" maw={640}>
        <Alert color="yellow" data-testid="assist-privacy">{t('assist.privacy')}</Alert>
        {!owner && <Text size="sm" c="dimmed" data-testid="assist-owner-only">{t('assist.ownerOnly')}</Text>}
        <Switch label={t('assist.enabled')} checked={form.enabled} disabled={!owner} onChange={(e) => set({ enabled: e.currentTarget.checked })} data-testid="assist-enabled" />
        <TextInput label={t('assist.baseUrl')} description={t('assist.baseUrlHelp')} value={form.baseUrl} disabled={!owner} required
          error={errors.baseUrl && t('assist.invalid.baseUrl')} onChange={(e) => set({ baseUrl: e.currentTarget.value })} data-testid="assist-baseUrl" />
        <TextInput label={t('assist.model')} description={t('assist.modelHelp')} value={form.model} disabled={!owner} required
          error={errors.model && t('assist.invalid.model')} onChange={(e) => set({ model: e.currentTarget.value })} data-testid="assist-model" />
        <PasswordInput label={t('assist.apiKey')} autoComplete="new-password" disabled={!owner} value={form.apiKey}
          description={settings.hasApiKey ? t('assist.apiKeyStored') : t('assist.apiKeyHelp')} placeholder={settings.hasApiKey ? '••••••••' : undefined}
          onChange={(e) => set({ apiKey: e.currentTarget.value })} data-testid="assist-apiKey" data-saved={settings.hasApiKey ? 'true' : 'false'} />
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Switch label={t('assist.drafts')} description={t('assist.draftsHelp')} checked={form.drafts} disabled={!owner} onChange={(e) => set({ drafts: e.currentTarget.checked })} data-testid="assist-drafts" />
            <Switch label={t('assist.summaries')} description={t('assist.summariesHelp')} checked={form.summaries} disabled={!owner} onChange={(e) => set({ summaries: e.currentTarget.checked })} data-testid="assist-summaries" />
          </Stack>
        </Paper>
        {save.error && <ErrorAlert error={save.error} />}
        {check.error && <ErrorAlert error={check.error} />}
        {check.data && (
          <Alert color={check.data.ok ? 'teal' : 'red'} data-testid="assist-check-result" data-ok={check.data.ok ? 'true' : 'false'}>
            {check.data.ok ? t('assist.checkOk', { model: check.data.model }) : t('assist.checkFailed', { error: check.data.error ?? '' })}
          </Alert>
        )}
        {owner && (
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="assist-save">{t('common.save')}</Button>
            <Button variant="light" leftSection={<IconPlugConnected size={14} aria-hidden />} loading={check.isPending} disabled={settings.updatedAt === null}
              onClick={() => check.mutate()} data-testid="assist-check">{t('assist.check')}</Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
