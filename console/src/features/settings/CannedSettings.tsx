import { useRef, useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cannedInput, limits, templateVariables, type CannedResponseDto } from '@careloop/contracts';
import { useCanned } from '../../app/directory.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { fieldErrors } from '../../lib/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SectionHeader } from './SectionHeader.tsx';

type Editing = { id: string | null; shortCode: string; title: string; body: string } | null;

/** Saved replies, typed as `/shortcode` in the composer; variables are filled per conversation. */
export default function CannedSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canned = useCanned();
  const [editing, setEditing] = useState<Editing>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.canned });

  const save = useMutation({
    mutationFn: (e: NonNullable<Editing>) => {
      const body = { shortCode: e.shortCode.trim(), title: e.title.trim(), body: e.body };
      return e.id ? api.patch<CannedResponseDto>(`/canned-responses/${e.id}`, body) : api.post<CannedResponseDto>('/canned-responses', body);
    },
    meta: { handlesError: true },
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete<unknown>(`/canned-responses/${id}`), onSuccess: refresh });
  const open = (value: NonNullable<Editing>) => {
    save.reset();
    setErrors({});
    setEditing(value);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const found = fieldErrors(cannedInput, editing);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(editing);
  };
  const insertVariable = (variable: string) => {
    if (!editing) return;
    const el = bodyRef.current;
    const start = el?.selectionStart ?? editing.body.length;
    const end = el?.selectionEnd ?? editing.body.length;
    const token = `{{${variable}}}`;
    setEditing({ ...editing, body: editing.body.slice(0, start) + token + editing.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <>
      <SectionHeader title={t('settings.sections.canned')} description={t('canned.description')}
        actions={<Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => open({ id: null, shortCode: '', title: '', body: '' })}
          data-testid="canned-create">{t('canned.create')}</Button>} />
      {canned.error && <ErrorAlert error={canned.error} />}
      <Table verticalSpacing={6} data-testid="canned-list">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('canned.shortCode')}</Table.Th><Table.Th>{t('canned.title')}</Table.Th><Table.Th>{t('canned.body')}</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {canned.data?.map((c) => (
            <Table.Tr key={c.id} data-testid="canned-row">
              <Table.Td><Text size="sm" fw={600} c="indigo">/{c.shortCode}</Text></Table.Td>
              <Table.Td><Text size="sm">{c.title}</Text></Table.Td>
              <Table.Td maw={360}><Text size="xs" c="dimmed" lineClamp={2}>{c.body}</Text></Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => open({ id: c.id, shortCode: c.shortCode, title: c.title, body: c.body })}
                    data-testid="canned-edit">{t('common.edit')}</Button>
                  <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === c.id}
                    question={t('canned.confirmDelete', { code: c.shortCode })} confirmLabel={t('common.delete')}
                    onConfirm={() => remove.mutate(c.id)} testId="canned-delete">{t('common.delete')}</ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canned.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('canned.empty')}</Text>}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.id ? t('canned.edit') : t('canned.create')} size="lg">
        {editing && (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              {save.error && <ErrorAlert error={save.error} />}
              <Group grow align="flex-start">
                <TextInput label={t('canned.shortCode')} description={t('canned.shortCodeHelp')} leftSection="/" value={editing.shortCode}
                  error={errors.shortCode} maxLength={40} data-autofocus
                  onChange={(e) => setEditing({ ...editing, shortCode: e.currentTarget.value.replace(/^\//, '') })} data-testid="canned-shortcode" />
                <TextInput label={t('canned.title')} value={editing.title} error={errors.title} maxLength={120}
                  onChange={(e) => setEditing({ ...editing, title: e.currentTarget.value })} data-testid="canned-title" />
              </Group>
              <Textarea ref={bodyRef} label={t('canned.body')} value={editing.body} error={errors.body} autosize minRows={4} maxRows={12}
                maxLength={limits.cannedBodyChars} onChange={(e) => setEditing({ ...editing, body: e.currentTarget.value })} data-testid="canned-body" />
              <div>
                <Text size="xs" c="dimmed" mb={4}>{t('canned.variables')}</Text>
                <Group gap={4} data-testid="canned-variables">
                  {templateVariables.map((v) => (
                    <UnstyledButton key={v} onClick={() => insertVariable(v)} aria-label={t('canned.insertVariable', { name: v })}>
                      <Badge variant="light" color="gray" tt="none" style={{ cursor: 'pointer' }}>{`{{${v}}}`}</Badge>
                    </UnstyledButton>
                  ))}
                </Group>
                <Text size="xs" c="dimmed" mt={4}>{t('canned.fallbackHelp', { example: '{{contact.first_name | bạn}}' })}</Text>
              </div>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
                <Button type="submit" loading={save.isPending} data-testid="canned-save">{t('common.save')}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
