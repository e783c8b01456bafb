import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { messagingChannels, type InboxDto, type MessagingChannel } from '@careloop/contracts';
import { useInboxes } from '../../../app/directory.ts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { ChannelIcon } from '../../../ui/ChannelIcon.tsx';
import { EmailInboxForm } from './EmailInboxForm.tsx';
import { FormInboxForm } from './FormInboxForm.tsx';
import { InboxKindPicker, kindKeys, type NewInboxKind } from './InboxKindPicker.tsx';
import { MessagingInboxForm } from './MessagingInboxForm.tsx';
import { PhoneInboxForm } from './PhoneInboxForm.tsx';

const isMessaging = (kind: NewInboxKind): kind is MessagingChannel => (messagingChannels as readonly string[]).includes(kind);

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
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <ChannelIcon channel={inbox.channel} />
                  <Text size="sm">{t(`channels.${inbox.channel}`, { defaultValue: inbox.channel })}</Text>
                </Group>
              </Table.Td>
              <Table.Td>{format.date(inbox.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {inboxes.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('inboxes.empty')}</Text>}
      <Modal opened={creating} onClose={() => setCreating(false)} size={kind === 'web_chat' ? 'lg' : 'xl'}
        title={t(kindKeys(kind).create, { channel: t(kindKeys(kind).label) })}>
        <Stack gap="sm">
          <InboxKindPicker value={kind} onChange={setKind} />
          <Text size="xs" c="dimmed">{t(kindKeys(kind).help)}</Text>
          {kind === 'email' ? <EmailInboxForm onDone={created} onCancel={() => setCreating(false)} />
            : kind === 'phone' ? <PhoneInboxForm onDone={created} onCancel={() => setCreating(false)} />
            : kind === 'form' ? <FormInboxForm onDone={created} onCancel={() => setCreating(false)} />
            : isMessaging(kind) ? <MessagingInboxForm key={kind} channel={kind} onDone={created} onCancel={() => setCreating(false)} /> : (
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
