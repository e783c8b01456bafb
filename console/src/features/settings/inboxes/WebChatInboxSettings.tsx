import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Center, Checkbox, ColorInput, Divider, Group, Loader, Paper, Select, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { webChatSettings, type InboxDto, type WebChatSettings } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { CopyField } from '../../../ui/CopyField.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { IdentitySecret } from './IdentitySecret.tsx';

const preChatFields = ['name', 'email', 'phone'] as const;
const originPattern = /^https?:\/\/[^/\s]+$/;

/** One web-chat inbox: its widget settings, the snippet to paste, the identity secret. */
export function WebChatInboxSettings({ inbox }: { inbox: InboxDto }) {
  const id = inbox.id;
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [settings, setSettings] = useState<WebChatSettings | null>(null);
  const [originError, setOriginError] = useState<string | null>(null);

  // Fill the form once per inbox; later cache updates (a rotated secret) must not wipe unsaved edits.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (filledFor.current !== inbox.id) {
      filledFor.current = inbox.id;
      setName(inbox.name);
      setSettings(webChatSettings.parse(inbox.settings ?? {}));
    }
  }, [inbox]);

  const save = useMutation({
    mutationFn: (body: { name: string; settings: WebChatSettings }) => api.patch<InboxDto>(`/inboxes/${id}`, body),
    meta: { handlesError: true },
    onSuccess: (updated) => {
      qc.setQueryData(keys.inbox(id), updated);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => list?.map((i) => (i.id === updated.id ? updated : i)));
      notifications.show({ color: 'teal', message: t('common.saved') });
    },
  });

  if (!settings) return <Center><Loader /></Center>;
  const set = <K extends keyof WebChatSettings>(key: K, value: WebChatSettings[K]) => setSettings((s) => (s ? { ...s, [key]: value } : s));
  const preChat = (field: (typeof preChatFields)[number]) => settings.preChatForm.find((f) => f.field === field);
  const setPreChat = (field: (typeof preChatFields)[number], asked: boolean, required: boolean) =>
    set('preChatForm', preChatFields.flatMap((f) => {
      if (f === field) return asked ? [{ field, required }] : [];
      const existing = preChat(f);
      return existing ? [existing] : [];
    }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = webChatSettings.safeParse(settings);
    if (!parsed.success || !name.trim()) {
      notifications.show({ color: 'red', message: t('errors.validation_failed') });
      return;
    }
    save.mutate({ name: name.trim(), settings: parsed.data });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="inbox-settings">
      <Anchor component={Link} to="/settings/inboxes" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('settings.sections.inboxes')}</Anchor>
      <SectionHeader title={inbox.name} description={t(`channels.${inbox.channel}`, { defaultValue: inbox.channel })}
        actions={<Button type="submit" size="xs" loading={save.isPending} data-testid="inbox-save">{t('common.save')}</Button>} />
      {save.error && <ErrorAlert error={save.error} />}
      <Stack gap="md" maw={720}>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <TextInput label={t('fields.label')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} required data-testid="inbox-settings-name" />
            <Group grow align="flex-start">
              <ColorInput label={t('inboxes.color')} value={settings.color} format="hex" withEyeDropper={false}
                onChange={(v) => set('color', v)} error={/^#[0-9a-fA-F]{6}$/.test(settings.color) ? undefined : t('validation.color')} data-testid="inbox-color" />
              <Select label={t('inboxes.locale')} value={settings.locale} allowDeselect={false}
                data={[{ value: 'auto', label: t('inboxes.localeAuto') }, { value: 'vi', label: t('languages.vi') }, { value: 'en', label: t('languages.en') }]}
                onChange={(v) => v && set('locale', v as WebChatSettings['locale'])} data-testid="inbox-locale" />
            </Group>
            <Textarea label={t('inboxes.greeting')} value={settings.greeting} maxLength={500} autosize minRows={2}
              onChange={(e) => set('greeting', e.currentTarget.value)} data-testid="inbox-greeting" />
            <TextInput label={t('inboxes.replyTime')} description={t('inboxes.replyTimeHelp')} value={settings.replyTimeText} maxLength={200}
              onChange={(e) => set('replyTimeText', e.currentTarget.value)} data-testid="inbox-reply-time" />
            <Textarea label={t('inboxes.offlineMessage')} description={t('inboxes.offlineMessageHelp')} value={settings.offlineMessage} maxLength={500}
              autosize minRows={2} onChange={(e) => set('offlineMessage', e.currentTarget.value)} data-testid="inbox-offline" />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Text size="sm" fw={500}>{t('inboxes.preChat')}</Text>
          <Text size="xs" c="dimmed" mb="xs">{t('inboxes.preChatHelp')}</Text>
          <Stack gap={6}>
            {preChatFields.map((field) => {
              const current = preChat(field);
              return (
                <Group key={field} gap="lg">
                  <Checkbox w={140} label={t(`fields.${field}`)} checked={Boolean(current)}
                    onChange={(e) => setPreChat(field, e.currentTarget.checked, current?.required ?? false)} data-testid={`prechat-${field}`} />
                  <Switch size="xs" label={t('inboxes.required')} disabled={!current} checked={current?.required ?? false}
                    onChange={(e) => setPreChat(field, true, e.currentTarget.checked)} data-testid={`prechat-${field}-required`} />
                </Group>
              );
            })}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <TagsInput label={t('inboxes.allowedOrigins')} description={t('inboxes.allowedOriginsHelp')} placeholder="https://shop.vn"
              value={settings.allowedOrigins} error={originError} splitChars={[',', ' ']} clearable
              onChange={(values) => {
                const cleaned = values.map((v) => v.trim().replace(/\/+$/, ''));
                const bad = cleaned.find((v) => !originPattern.test(v));
                setOriginError(bad ? t('validation.origin', { value: bad }) : null);
                set('allowedOrigins', cleaned.filter((v) => originPattern.test(v)));
              }} data-testid="inbox-origins" />
            <Switch label={t('inboxes.requireIdentity')} description={t('inboxes.requireIdentityHelp')} checked={settings.requireIdentityVerification}
              onChange={(e) => set('requireIdentityVerification', e.currentTarget.checked)} data-testid="inbox-require-identity" />
            <Divider />
            <IdentitySecret inbox={inbox} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Text size="sm" fw={500}>{t('inboxes.snippet')}</Text>
          <Text size="xs" c="dimmed" mb="xs">{t('inboxes.snippetHelp')}</Text>
          <CopyField value={inbox.snippet} block testId="inbox-snippet" />
        </Paper>
      </Stack>
    </form>
  );
}
