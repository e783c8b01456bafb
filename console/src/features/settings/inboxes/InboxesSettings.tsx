import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { useInboxes } from '../../../app/directory.ts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { EmailInboxForm } from './EmailInboxForm.tsx';

type NewInboxKind = 'web_chat' | 'email';

export default function InboxesSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const format = useFormat();
  const inboxes = useInboxes();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewInboxKind>('web_chat');

  const create = useMutation({
    mutationFn: () => api.post<InboxDto>('/inboxes', { name: name.trim(), channel: 'web_chat' }),
    meta: { handlesError: true },
    onSuccess: (inbox) => {
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => [...(list ?? []), inbox]);
      qc.setQueryData(keys.inbox(inbox.id), inbox);
      created(inbox);
    },
  });
  const created = (inbox: InboxDto) => {
    setCreating(false);
    setName('');
    void navigate(`/settings/inboxes/${inbox.id}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate();
  };

  return (
    <>
      <SectionHeader title={t('settings.sections.inboxes')} description={t('inboxes.description')}
        actions={<Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="inbox-create">{t('inboxes.create')}</Button>} />
      {inboxes.error && <ErrorAlert error={inboxes.error} />}
      <Table highlightOnHover data-testid="inbox-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.label')}</Table.Th>
            <Table.Th>{t('inboxes.channel')}</Table.Th>
            <Table.Th>{t('common.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inboxes.data?.map((inbox) => (
            <Table.Tr key={inbox.id} className="clickable" tabIndex={0} data-testid="inbox-row"
              onClick={() => void navigate(`/settings/inboxes/${inbox.id}`)}
              onKeyDown={(e) => e.key === 'Enter' && void navigate(`/settings/inboxes/${inbox.id}`)}>
              <Table.Td><Text size="sm" fw={500}>{inbox.name}</Text></Table.Td>
              <Table.Td>{t(`channels.${inbox.channel}`, { defaultValue: inbox.channel })}</Table.Td>
              <Table.Td>{format.date(inbox.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {inboxes.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('inboxes.empty')}</Text>}
      <Modal opened={creating} onClose={() => setCreating(false)} size={kind === 'email' ? 'xl' : 'md'}
        title={kind === 'email' ? t('inboxes.createEmail') : t('inboxes.createWebChat')}>
        <Stack gap="sm">
          <SegmentedControl value={kind} onChange={(v) => setKind(v as NewInboxKind)} fullWidth aria-label={t('inboxes.channel')} data-testid="inbox-kind"
            data={[{ value: 'web_chat', label: t('inboxes.kindWebChat') }, { value: 'email', label: t('inboxes.kindEmail') }]} />
          <Text size="xs" c="dimmed">{t(kind === 'email' ? 'inboxes.kindEmailHelp' : 'inboxes.kindWebChatHelp')}</Text>
          {kind === 'email' ? <EmailInboxForm onDone={created} onCancel={() => setCreating(false)} /> : (
            <form onSubmit={submit}>
              <Stack gap="sm">
                {create.error && <ErrorAlert error={create.error} />}
                <TextInput label={t('fields.label')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={80}
                  data-autofocus data-testid="inbox-name" />
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
                  <Button type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="inbox-create-submit">{t('common.create')}</Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Modal>
    </>
  );
}
