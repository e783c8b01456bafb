import { useState, type FormEvent } from 'react';
import { Avatar, Button, Group, Modal, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeamDto } from '@careloop/contracts';
import { useAgents, useTeams } from '../../app/directory.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { AgentAvatar } from '../../ui/AgentAvatar.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SectionHeader } from './SectionHeader.tsx';

type Editing = { team: TeamDto | null; name: string; agentIds: string[] } | null;

/** Teams group agents for routing and filtering; create, rename, change members, delete. */
export default function TeamsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const teams = useTeams();
  const agents = useAgents();
  const [editing, setEditing] = useState<Editing>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.teams });
    void qc.invalidateQueries({ queryKey: keys.agents });
  };
  const save = useMutation({
    mutationFn: (e: NonNullable<Editing>) => {
      const body = { name: e.name.trim(), agentIds: e.agentIds };
      return e.team ? api.patch<TeamDto>(`/teams/${e.team.id}`, body) : api.post<TeamDto>('/teams', body);
    },
    meta: { handlesError: true },
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete<unknown>(`/teams/${id}`), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing?.name.trim()) save.mutate(editing);
  };
  const agentById = new Map((agents.data ?? []).map((a) => [a.id, a]));

  return (
    <>
      <SectionHeader title={t('settings.sections.teams')} description={t('teams.description')}
        actions={<Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => { save.reset(); setEditing({ team: null, name: '', agentIds: [] }); }}
          data-testid="team-create">{t('teams.create')}</Button>} />
      {teams.error && <ErrorAlert error={teams.error} />}
      <Table verticalSpacing={6} data-testid="team-list">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('fields.label')}</Table.Th><Table.Th>{t('teams.members')}</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.data?.map((team) => (
            <Table.Tr key={team.id} data-testid="team-row">
              <Table.Td><Text size="sm" fw={500}>{team.name}</Text></Table.Td>
              <Table.Td>
                <Avatar.Group spacing={6}>
                  {team.agentIds.slice(0, 8).map((id) => {
                    const agent = agentById.get(id);
                    return agent ? <AgentAvatar key={id} agent={agent} size={24} /> : null;
                  })}
                  {team.agentIds.length > 8 && <Avatar size={24} radius="xl">+{team.agentIds.length - 8}</Avatar>}
                </Avatar.Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end">
                  <Button size="compact-xs" variant="subtle" onClick={() => { save.reset(); setEditing({ team, name: team.name, agentIds: team.agentIds }); }}
                    data-testid="team-edit">{t('common.edit')}</Button>
                  <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === team.id}
                    question={t('teams.confirmDelete', { name: team.name })} confirmLabel={t('common.delete')}
                    onConfirm={() => remove.mutate(team.id)} testId="team-delete">{t('common.delete')}</ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {teams.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('teams.empty')}</Text>}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.team ? t('teams.edit') : t('teams.create')}>
        {editing && (
          <form onSubmit={submit}>
            <Stack gap="sm">
              {save.error && <ErrorAlert error={save.error} />}
              <TextInput label={t('fields.label')} value={editing.name} maxLength={80} required data-autofocus
                onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })} data-testid="team-name" />
              <MultiSelect label={t('teams.members')} value={editing.agentIds} searchable clearable
                data={(agents.data ?? []).filter((a) => !a.disabled).map((a) => ({ value: a.id, label: a.name }))}
                onChange={(agentIds) => setEditing({ ...editing, agentIds })} data-testid="team-members" />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
                <Button type="submit" loading={save.isPending} disabled={!editing.name.trim()} data-testid="team-save">{t('common.save')}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
