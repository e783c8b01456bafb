import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiTokenScopes, type ApiTokenDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { CopyField } from '../../ui/CopyField.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { SectionHeader } from './SectionHeader.tsx';

type Scope = (typeof apiTokenScopes)[number];

/** Tokens for integrations (`Authorization: Bearer clp_…`). The secret is shown once, then only its name remains. */
export default function ApiTokensSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const format = useFormat();
  const tokens = useQuery({ queryKey: keys.apiTokens, queryFn: () => api.get<ApiTokenDto[]>('/api-tokens') });
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['conversations:read']);
  const [created, setCreated] = useState<ApiTokenDto | null>(null);

  const create = useMutation({
    mutationFn: () => api.post<ApiTokenDto>('/api-tokens', { name: name.trim(), scopes }),
    meta: { handlesError: true },
    onSuccess: (token) => {
      setCreated(token);
      setCreating(false);
      setName('');
      setScopes(['conversations:read']);
      void qc.invalidateQueries({ queryKey: keys.apiTokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api-tokens/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.apiTokens }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && scopes.length > 0) create.mutate();
  };

  return (
    <>
      <SectionHeader title={t('settings.sections.api-tokens')} description={t('tokens.description')}
        actions={<Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => { create.reset(); setCreating(true); }}
          data-testid="token-create">{t('tokens.create')}</Button>} />
      {created?.token && (
        <Alert color="teal" mb="md" title={t('tokens.created', { name: created.name })} withCloseButton onClose={() => setCreated(null)} data-testid="token-created">
          <Text size="xs" mb={4}>{t('tokens.once')}</Text>
          <CopyField value={created.token} testId="token-value" />
        </Alert>
      )}
      {tokens.error && <ErrorAlert error={tokens.error} />}
      <Table verticalSpacing={6} data-testid="token-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.label')}</Table.Th>
            <Table.Th>{t('tokens.scopes')}</Table.Th>
            <Table.Th>{t('tokens.lastUsed')}</Table.Th>
            <Table.Th>{t('common.created')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.data?.map((token) => (
            <Table.Tr key={token.id} data-testid="token-row">
              <Table.Td><Text size="sm" fw={500}>{token.name}</Text></Table.Td>
              <Table.Td><Text size="xs" ff="monospace">{token.scopes.join(', ')}</Text></Table.Td>
              <Table.Td><Text size="xs">{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.never')}</Text></Table.Td>
              <Table.Td><Text size="xs">{format.date(token.createdAt)}</Text></Table.Td>
              <Table.Td>
                <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables === token.id}
                  question={t('tokens.confirmRevoke', { name: token.name })} confirmLabel={t('tokens.revoke')}
                  onConfirm={() => revoke.mutate(token.id)} testId="token-revoke">
                  {t('tokens.revoke')}
                </ConfirmButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tokens.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('tokens.empty')}</Text>}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('tokens.create')}>
        <form onSubmit={submit}>
          <Stack gap="sm">
            {create.error && <ErrorAlert error={create.error} />}
            <TextInput label={t('fields.label')} value={name} maxLength={80} required data-autofocus
              onChange={(e) => setName(e.currentTarget.value)} data-testid="token-name" />
            <Checkbox.Group label={t('tokens.scopes')} value={scopes} onChange={(v) => setScopes(v as Scope[])}
              error={scopes.length === 0 ? t('validation.scopes') : undefined}>
              <SimpleGrid cols={2} spacing={6} mt={4}>
                {apiTokenScopes.map((scope) => (
                  <Checkbox key={scope} value={scope} label={<Text size="xs" ff="monospace">{scope}</Text>} data-testid={`token-scope-${scope}`} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0} data-testid="token-submit">
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
