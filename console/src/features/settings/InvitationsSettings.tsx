import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, MultiSelect, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inviteInput, type InvitationDto, type Role } from '@careloop/contracts';
import { useTeams } from '../../app/directory.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { fieldErrors } from '../../lib/validation.ts';
import { CopyField } from '../../ui/CopyField.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { SectionHeader } from './SectionHeader.tsx';

/** Invite by email and role; the accept link is shown once to pass on (no mail server needed). */
export default function InvitationsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const format = useFormat();
  const teams = useTeams();
  const list = useQuery({ queryKey: keys.invitations, queryFn: () => api.get<InvitationDto[]>('/invitations') });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Exclude<Role, 'owner'>>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<InvitationDto | null>(null);

  const invite = useMutation({
    mutationFn: () => api.post<InvitationDto>('/invitations', { email: email.trim(), role, teamIds }),
    meta: { handlesError: true },
    onSuccess: (invitation) => {
      setCreated(invitation);
      setEmail('');
      setTeamIds([]);
      void qc.invalidateQueries({ queryKey: keys.invitations });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/invitations/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.invitations }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = fieldErrors(inviteInput, { email, role, teamIds });
    setErrors(found);
    if (Object.keys(found).length === 0) invite.mutate();
  };
  const state = (i: InvitationDto) => (i.acceptedAt ? 'accepted' : new Date(i.expiresAt).getTime() < Date.now() ? 'expired' : 'pending');

  return (
    <>
      <SectionHeader title={t('settings.sections.invitations')} description={t('invitations.description')} />
      <Paper withBorder p="md" mb="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {invite.error && <ErrorAlert error={invite.error} />}
            <Group align="flex-end" grow>
              <TextInput label={t('fields.email')} type="email" value={email} error={errors.email} required
                onChange={(e) => setEmail(e.currentTarget.value)} data-testid="invite-email" />
              <Select label={t('agents.role')} value={role} allowDeselect={false}
                data={(['admin', 'supervisor', 'agent'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                onChange={(v) => v && setRole(v as Exclude<Role, 'owner'>)} data-testid="invite-role" />
            </Group>
            {(teams.data?.length ?? 0) > 0 && (
              <MultiSelect label={t('agents.teams')} value={teamIds} onChange={setTeamIds} clearable
                data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))} />
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={invite.isPending} data-testid="invite-submit">{t('invitations.send')}</Button>
            </Group>
          </Stack>
        </form>
        {created?.acceptUrl && (
          <Alert color="teal" mt="sm" title={t('invitations.created', { email: created.email })} data-testid="invite-created">
            <Text size="xs" mb={4}>{t('invitations.linkHelp')}</Text>
            <CopyField value={created.acceptUrl} testId="invite-url" />
          </Alert>
        )}
      </Paper>
      {list.error && <ErrorAlert error={list.error} />}
      <Table verticalSpacing={6} data-testid="invitation-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('agents.role')}</Table.Th>
            <Table.Th>{t('invitations.state')}</Table.Th>
            <Table.Th>{t('invitations.expires')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((i) => (
            <Table.Tr key={i.id} data-testid="invitation-row">
              <Table.Td><Text size="sm">{i.email}</Text></Table.Td>
              <Table.Td>{t(`roles.${i.role}`)}</Table.Td>
              <Table.Td><Badge size="xs" variant="light" color={state(i) === 'pending' ? 'blue' : state(i) === 'accepted' ? 'teal' : 'gray'}>{t(`invitations.${state(i)}`)}</Badge></Table.Td>
              <Table.Td><Text size="xs">{format.dateTime(i.expiresAt)}</Text></Table.Td>
              <Table.Td>
                {!i.acceptedAt && (
                  <Button size="compact-xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables === i.id}
                    onClick={() => revoke.mutate(i.id)} data-testid="invitation-revoke">
                    {t('invitations.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('invitations.empty')}</Text>}
    </>
  );
}
