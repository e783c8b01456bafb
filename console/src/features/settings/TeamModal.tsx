import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { teamRoutingModes, type AgentDto, type BusinessHoursInput, type TeamDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { BusinessHoursEditor } from './hours/BusinessHoursEditor.tsx';
import { cleanHours, defaultHours, invalidIntervals } from './hours/hours.ts';
import { useSlaSettings } from './sla/queries.ts';

export interface TeamForm {
  team: TeamDto | null;
  name: string;
  agentIds: string[];
  routing: TeamDto['routing'];
  leadId: string | null;
  vip: boolean;
  businessHours: BusinessHoursInput | null;
}

export function teamFormOf(team: TeamDto | null): TeamForm {
  return team
    ? { team, name: team.name, agentIds: [...team.agentIds], routing: team.routing, leadId: team.leadId, vip: team.vip, businessHours: team.businessHours }
    : { team: null, name: '', agentIds: [], routing: 'manual', leadId: null, vip: false, businessHours: null };
}

/** The API body (POST whole, PATCH the same fields): a lead who left the team is dropped, hours are tidied. */
export function teamBody(f: TeamForm) {
  return {
    name: f.name.trim(), agentIds: f.agentIds, routing: f.routing,
    leadId: f.leadId && f.agentIds.includes(f.leadId) ? f.leadId : null,
    vip: f.vip, businessHours: f.businessHours ? cleanHours(f.businessHours) : null,
  };
}

/** Create or edit a team: members, how conversations reach them, who escalations go to, and its own hours. */
export function TeamModal({ initial, agents, onClose }: { initial: TeamForm | null; agents: AgentDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={initial !== null} onClose={onClose} title={initial?.team ? t('teams.edit') : t('teams.create')} size="lg">
      {initial && <TeamFormBody key={initial.team?.id ?? 'new'} initial={initial} agents={agents} onDone={onClose} />}
    </Modal>
  );
}

export function TeamFormBody({ initial, agents, onDone }: { initial: TeamForm; agents: AgentDto[]; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const workspaceHours = useSlaSettings().data?.businessHours;
  const [form, setForm] = useState(initial);
  const set = (patch: Partial<TeamForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: (f: TeamForm) => (f.team ? api.patch<TeamDto>(`/teams/${f.team.id}`, teamBody(f)) : api.post<TeamDto>('/teams', teamBody(f))),
    meta: { handlesError: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.teams });
      void qc.invalidateQueries({ queryKey: keys.agents });
      onDone();
    },
  });
  const hoursInvalid = form.businessHours !== null && invalidIntervals(form.businessHours).size > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.name.trim() && !hoursInvalid) save.mutate(form);
  };
  const members = agents.filter((a) => form.agentIds.includes(a.id));

  return (
    <form onSubmit={submit} noValidate data-testid="team-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput label={t('fields.label')} value={form.name} maxLength={80} required data-autofocus
          onChange={(e) => set({ name: e.currentTarget.value })} data-testid="team-name" />
        <MultiSelect label={t('teams.members')} value={form.agentIds} searchable clearable
          data={agents.filter((a) => !a.disabled || form.agentIds.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(agentIds) => set({ agentIds, leadId: form.leadId && agentIds.includes(form.leadId) ? form.leadId : null })} data-testid="team-members" />
        <Select label={t('routing.team.mode')} description={t(`routing.team.modeHelp.${form.routing}`)} value={form.routing} allowDeselect={false}
          data={teamRoutingModes.map((m) => ({ value: m, label: t(`routing.team.modes.${m}`) }))}
          onChange={(v) => v && set({ routing: v as TeamForm['routing'] })} data-testid="team-routing" />
        <Select label={t('routing.team.lead')} description={t('routing.team.leadHelp')} placeholder={t('routing.team.noLead')} value={form.leadId} clearable
          data={members.map((a) => ({ value: a.id, label: a.name }))} nothingFoundMessage={t('routing.team.addMembersFirst')}
          onChange={(leadId) => set({ leadId })} data-testid="team-lead" />
        <Switch label={t('routing.team.vip')} description={t('routing.team.vipHelp')} checked={form.vip}
          onChange={(e) => set({ vip: e.currentTarget.checked })} data-testid="team-vip" />
        <Switch label={t('routing.team.ownHours')} description={t('routing.team.ownHoursHelp')} checked={form.businessHours !== null}
          onChange={(e) => set({ businessHours: e.currentTarget.checked ? structuredClone(workspaceHours ?? defaultHours) : null })} data-testid="team-own-hours" />
        {form.businessHours && (
          <BusinessHoursEditor value={form.businessHours} onChange={(businessHours) => set({ businessHours })}
            error={hoursInvalid ? t('sla.settings.invalid.businessHours') : undefined} />
        )}
        {form.businessHours === null && <Text size="xs" c="dimmed">{t('routing.team.workspaceHours')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" loading={save.isPending} disabled={!form.name.trim() || hoursInvalid} data-testid="team-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
