import { useState } from 'react';
import { Avatar, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAgents, useTeams } from '../../app/directory.ts';
import { isAdmin, useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { AgentAvatar } from '../../ui/AgentAvatar.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SectionHeader } from './SectionHeader.tsx';
import { TeamModal, teamFormOf, type TeamForm } from './TeamModal.tsx';

/** Teams group agents for routing and filtering; admins create, edit (routing, lead, VIP, hours) and delete; supervisors read. */
export default function TeamsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const editable = isAdmin(me);
  const teams = useTeams();
  const agents = useAgents();
  const [editing, setEditing] = useState<TeamForm | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/teams/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.teams });
      void qc.invalidateQueries({ queryKey: keys.agents });
    },
  });
  const agentById = new Map((agents.data ?? []).map((a) => [a.id, a]));

  return (
    <>
      <SectionHeader title={t('settings.sections.teams')} description={t('teams.description')}
        actions={editable && <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing(teamFormOf(null))}
          data-testid="team-create">{t('teams.create')}</Button>} />
      {teams.error && <ErrorAlert error={teams.error} />}
      <Table verticalSpacing={6} data-testid="team-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.label')}</Table.Th>
            <Table.Th>{t('teams.members')}</Table.Th>
            <Table.Th>{t('routing.team.mode')}</Table.Th>
            <Table.Th>{t('routing.team.lead')}</Table.Th>
            <Table.Th>{t('routing.team.hours')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.data?.map((team) => (
            <Table.Tr key={team.id} data-testid="team-row" data-team-id={team.id}>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm" fw={500}>{team.name}</Text>
                  {team.vip && <Badge size="xs" color="grape" data-testid="team-vip-badge">{t('routing.team.vipBadge')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>
                <Avatar.Group spacing={6}>
                  {team.agentIds.slice(0, 8).map((id) => {
                    const agent = agentById.get(id);
                    return agent ? <AgentAvatar key={id} agent={agent} size={24} /> : null;
                  })}
                  {team.agentIds.length > 8 && <Avatar size={24} radius="xl">+{team.agentIds.length - 8}</Avatar>}
                </Avatar.Group>
              </Table.Td>
              <Table.Td><Text size="xs" data-testid="team-routing-mode">{t(`routing.team.modes.${team.routing}`)}</Text></Table.Td>
              <Table.Td><Text size="xs" data-testid="team-lead-name">{team.leadId ? (agentById.get(team.leadId)?.name ?? '—') : '—'}</Text></Table.Td>
              <Table.Td>
                <Text size="xs" c={team.businessHours ? undefined : 'dimmed'} data-testid="team-hours">
                  {team.businessHours ? t('routing.team.ownHoursShort', { zone: team.businessHours.timeZone }) : t('routing.team.workspaceHoursShort')}
                </Text>
              </Table.Td>
              <Table.Td>
                {editable && (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(teamFormOf(team))} data-testid="team-edit">{t('common.edit')}</Button>
                    <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === team.id}
                      question={t('teams.confirmDelete', { name: team.name })} confirmLabel={t('common.delete')}
                      onConfirm={() => remove.mutate(team.id)} testId="team-delete">{t('common.delete')}</ConfirmButton>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {teams.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('teams.empty')}</Text>}
      <TeamModal initial={editing} agents={agents.data ?? []} onClose={() => setEditing(null)} />
    </>
  );
}
