import { useState } from 'react';
import { Badge, Button, Group, Select, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles, type AgentDto, type Role } from '@careloop/contracts';
import { useAgents, useTeams } from '../../app/directory.ts';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { AgentAvatar } from '../../ui/AgentAvatar.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { AgentRoutingModal } from './AgentRoutingModal.tsx';
import { SectionHeader } from './SectionHeader.tsx';

/** "Tối đa 8 · Zalo 3 · vi, en · hoàn tiền": an agent's routing in one line; empty when nothing limits or targets them. */
export function routingSummary(agent: AgentDto, t: (key: string, opts?: Record<string, unknown>) => string): string {
  const r = agent.routing;
  const parts = [
    r.maxOpen !== null ? t('routing.agent.maxShort', { count: r.maxOpen }) : null,
    ...Object.entries(r.channelLimits).map(([c, n]) => `${t(`channels.${c}`, { defaultValue: c })} ${n}`),
    r.languages.length ? r.languages.join(', ') : null,
    ...r.skills,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Agents of the workspace: change a role, disable an account, set routing limits and skills. Nobody edits their role here. */
export default function AgentsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const agents = useAgents();
  const teams = useTeams();
  const [routingOf, setRoutingOf] = useState<AgentDto | null>(null);
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { role?: Role; disabled?: boolean } }) => api.patch<AgentDto>(`/agents/${id}`, patch),
    onSuccess: (agent) => qc.setQueryData<AgentDto[]>(keys.agents, (list) => list?.map((a) => (a.id === agent.id ? agent : a))),
  });
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`), disabled: r === 'owner' && me.agent.role !== 'owner' }));

  return (
    <>
      <SectionHeader title={t('settings.sections.agents')} description={t('agents.description')} />
      {agents.error && <ErrorAlert error={agents.error} />}
      <Table verticalSpacing={6} data-testid="agent-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('agents.role')}</Table.Th>
            <Table.Th>{t('agents.teams')}</Table.Th>
            <Table.Th>{t('agents.availability')}</Table.Th>
            <Table.Th>{t('routing.agent.column')}</Table.Th>
            <Table.Th>{t('agents.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.data?.map((agent) => {
            const self = agent.id === me.agent.id;
            return (
              <Table.Tr key={agent.id} data-testid="agent-row" data-agent-id={agent.id} opacity={agent.disabled ? 0.6 : 1}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <AgentAvatar agent={agent} withStatus />
                    <div>
                      <Text size="sm" fw={500}>{agent.name}{self && <Text span c="dimmed" size="xs"> ({t('common.you')})</Text>}</Text>
                      <Text size="xs" c="dimmed">{agent.email}</Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select size="xs" w={140} value={agent.role} allowDeselect={false} data={roleOptions}
                    disabled={self || (agent.role === 'owner' && me.agent.role !== 'owner')} aria-label={t('agents.roleOf', { name: agent.name })}
                    onChange={(v) => v && v !== agent.role && update.mutate({ id: agent.id, patch: { role: v as Role } })} data-testid="agent-role" />
                </Table.Td>
                <Table.Td>
                  <Group gap={2}>
                    {agent.teamIds.map((id) => <Badge key={id} size="xs" variant="light">{teams.data?.find((x) => x.id === id)?.name ?? id}</Badge>)}
                  </Group>
                </Table.Td>
                <Table.Td><Text size="xs">{t(`availability.${agent.availability}`)}</Text></Table.Td>
                <Table.Td maw={260}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" c={routingSummary(agent, t) ? undefined : 'dimmed'} truncate="end" data-testid="agent-routing-summary">
                      {routingSummary(agent, t) || t('routing.agent.none')}
                    </Text>
                    <Button size="compact-xs" variant="subtle" onClick={() => setRoutingOf(agent)} data-testid="agent-routing">{t('common.edit')}</Button>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch size="sm" checked={!agent.disabled} disabled={self} aria-label={t('agents.activeOf', { name: agent.name })}
                    onChange={(e) => update.mutate({ id: agent.id, patch: { disabled: !e.currentTarget.checked } })} data-testid="agent-active" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <AgentRoutingModal agent={routingOf} onClose={() => setRoutingOf(null)} />
    </>
  );
}
